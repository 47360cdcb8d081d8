import { noRedaction, type Redactor } from '../security/redact.js';
import type { ErrorCode } from './error-codes.js';
import { parseErrorBody } from './parse-error-body.js';
import { type Provider, WamediaError } from './wamedia-error.js';

/** What is known about a failed HTTP answer. */
export interface FailedResponse {
	status: number;
	body: string;
	/** Milliseconds the server asked to wait (Retry-After). */
	retryAfter: number | undefined;
	/** The URL, secrets already redacted (it passes the redactor again all the same). */
	url: string;
}

export function failureFacts(response: FailedResponse, provider: Provider, serverText: string, redact: Redactor) {
	return {
		status: response.status,
		provider,
		details: {
			url: redact(response.url),
			...(serverText === '' ? {} : { serverMessage: serverText }),
			...(response.retryAfter === undefined ? {} : { retryAfter: response.retryAfter / 1000 }),
		},
	};
}

export function commonError(response: FailedResponse, provider: Provider, serverText: string, redact: Redactor): WamediaError | undefined {
	const { status } = response;
	const facts = failureFacts(response, provider, serverText, redact);
	if (status === 429) return new WamediaError('RATE_LIMITED', facts);
	if (status === 466) return new WamediaError('QUOTA_EXCEEDED', facts);
	if (status === 499 || status >= 500) {
		return new WamediaError('UPSTREAM_ERROR', {
			...facts,
			message: `The server answered ${status}${serverText ? `: ${serverText}` : ''}`,
		});
	}
	return undefined;
}

const expiryText = /expired|expiration|Request has expired/i;

/**
 * Maps a failed media GET (presigned storage, Multi-Session server, or a direct link) to its code.
 * Object storage answers an expired presigned link with 403 and an XML body. The body
 * passes `redact` before any of it is shortened.
 */
export function mediaResponseError(
	response: FailedResponse,
	provider: Provider,
	redact: Redactor = noRedaction,
	hints: Partial<Record<ErrorCode, string>> = {},
): WamediaError {
	const { status } = response;
	const { text } = parseErrorBody(response.body, redact);
	const facts = failureFacts(response, provider, text, redact);
	if (status === 410 || ((status === 403 || status === 400) && expiryText.test(text))) {
		return new WamediaError('MEDIA_EXPIRED', { ...facts, ...hintFor('MEDIA_EXPIRED', hints) });
	}
	if (status === 401) {
		return new WamediaError('AUTH_FAILED', {
			...facts,
			hint: hints.AUTH_FAILED ?? 'The media server wants credentials this link does not carry.',
		});
	}
	if (status === 403)
		return new WamediaError('FORBIDDEN', {
			...facts,
			hint: 'The server refuses this file to this key or link; check the link and its permissions.',
		});
	if (status === 404) return new WamediaError('MEDIA_NOT_FOUND', { ...facts, ...hintFor('MEDIA_NOT_FOUND', hints) });
	if (status === 416) {
		return new WamediaError('UPSTREAM_ERROR', { ...facts, message: 'The server refused the byte range', retryable: false });
	}
	const common = commonError(response, provider, text, redact);
	if (common !== undefined) return common;
	if (status >= 400 && status < 500) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: `The media server rejected the link (${status})${text ? `: ${text}` : ''}`,
			hint: 'Check the media URL: pass it exactly as the webhook gave it.',
		});
	}
	return new WamediaError('UPSTREAM_ERROR', {
		...facts,
		message: `Unexpected answer ${status} from the media server`,
		retryable: false,
	});
}

function hintFor(code: ErrorCode, hints: Partial<Record<ErrorCode, string>>): { hint?: string } {
	const hint = hints[code];
	return hint === undefined ? {} : { hint };
}
