import { parseErrorBody } from '../../errors/parse-error-body.js';
import { commonError, type FailedResponse, failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import type { Redactor } from '../../security/redact.js';
import { isRecord } from '../body-fields.js';
import { defaultApiVersion, defaultGraphUrl } from './settings.js';

/** The parts of a Graph error envelope `{error: {message, type, code, error_subcode, fbtrace_id}}` wamedia reads. */
interface GraphEnvelope {
	code: number | undefined;
	subcode: number | undefined;
	type: string | undefined;
	traceId: string | undefined;
}

const rateLimitCodes = new Set([4, 80007, 130429]);

function envelopeOf(json: unknown): GraphEnvelope | undefined {
	if (!isRecord(json) || !isRecord(json.error)) return undefined;
	const { code, error_subcode: subcode, type, fbtrace_id: traceId } = json.error;
	const number = (value: unknown) =>
		typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
	return {
		code: number(code),
		subcode: number(subcode),
		type: typeof type === 'string' ? type : undefined,
		traceId: typeof traceId === 'string' ? traceId : undefined,
	};
}

/**
 * Maps a failed Graph API answer (or a Graph envelope from the media host) by its `code`, as Meta advises,
 * then by status (docs/providers.md#graph-errors). Undefined for an answer that is neither an envelope nor a
 * status this mapping knows, when `fallback` is false.
 */
export function graphError(response: FailedResponse, redact: Redactor): WamediaError;
export function graphError(response: FailedResponse, redact: Redactor, fallback: boolean): WamediaError | undefined;
export function graphError(response: FailedResponse, redact: Redactor, fallback = true): WamediaError | undefined {
	const { status } = response;
	const { text, json } = parseErrorBody(response.body, redact);
	const envelope = envelopeOf(json);
	const base = failureFacts(response, 'meta', text, redact);
	const facts = {
		...base,
		details: {
			...base.details,
			...(envelope?.code === undefined ? {} : { graphCode: envelope.code }),
			...(envelope?.subcode === undefined ? {} : { graphSubcode: envelope.subcode }),
			...(envelope?.traceId === undefined ? {} : { fbtraceId: envelope.traceId }),
		},
	};
	const code = envelope?.code;
	if (code !== undefined && rateLimitCodes.has(code)) {
		return new WamediaError('RATE_LIMITED', {
			...facts,
			message: `The Graph API is rate limiting these calls (code ${code})`,
			hint: 'Slow down: Meta limits calls per app, per business account and per number. Try again later.',
			retryable: true,
		});
	}
	if (code === 1 || code === 2) {
		return new WamediaError('UPSTREAM_ERROR', {
			...facts,
			message: `The Graph API failed (code ${code})${text ? `: ${text}` : ''}`,
			hint: 'A temporary problem at Meta; wamedia retried. Try again later, and check https://metastatus.com if it persists.',
			retryable: true,
		});
	}
	if (code === 190 || status === 401) {
		return new WamediaError('AUTH_FAILED', {
			...facts,
			message: `The Graph API refused the access token${text ? `: ${text}` : ''}`,
			hint: 'Check accessToken: it may have expired or been revoked; a system user token does not expire.',
		});
	}
	if (code === 10 || (code !== undefined && code >= 200 && code <= 299) || status === 403) {
		return new WamediaError('FORBIDDEN', {
			...facts,
			message: `The access token may not read this media${text ? `: ${text}` : ''}`,
			hint: 'Give the token the whatsapp_business_messaging permission for this WhatsApp Business account, and check phoneNumberId.',
		});
	}
	if (code === 100 && /does not exist/i.test(text)) {
		return new WamediaError('MEDIA_NOT_FOUND', {
			...facts,
			message: 'The Graph API does not know this media id',
			hint: 'Media ids from webhooks live 7 days (uploads 30 days); download the media sooner, and check that phoneNumberId is the number that received it.',
		});
	}
	const common = commonError(response, 'meta', text, redact);
	if (common !== undefined) return common;
	if (!fallback && envelope === undefined) return undefined;
	if (status === 404 && envelope === undefined) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: 'The Graph API has no such path (404)',
			hint: `Check graphUrl (${defaultGraphUrl}) and apiVersion (such as ${defaultApiVersion}).`,
			details: { ...facts.details, field: 'graphUrl' },
		});
	}
	return new WamediaError('INVALID_INPUT', {
		...facts,
		message: `The Graph API rejected the request (${status})${text ? `: ${text}` : ''}`,
		hint: 'Check the media id, phoneNumberId and apiVersion.',
	});
}
