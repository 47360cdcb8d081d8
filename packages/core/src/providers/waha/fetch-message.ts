import { parseErrorBody } from '../../errors/parse-error-body.js';
import { commonError, type FailedResponse, failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import { callApi } from '../../requests/call-api.js';
import type { Redactor } from '../../security/redact.js';
import { validateIdentifier } from '../../security/validate.js';
import { isRecord } from '../body-fields.js';
import type { ProviderContext } from '../provider.js';
import { mediaUrlOf } from './no-media.js';
import type { WahaSettings } from './settings.js';

/**
 * Asks WAHA for a message with its media downloaded again,
 * `GET {serverUrl}/api/{session}/chats/{chatId}/messages/{messageId}?downloadMedia=true` with the key
 * (docs/providers.md#waha-media), and answers its fresh `media.url`.
 */
export async function fetchMessageMedia(
	settings: WahaSettings,
	reference: { chatId?: string | undefined; idMessage?: string | undefined; sessionId?: string | undefined },
	context: ProviderContext,
): Promise<string> {
	const { transport, signal, emit, redact } = context;
	const chatId = validateIdentifier(
		reference.chatId,
		'chatId',
		'Pass the chat of the message, such as 79001234567@c.us (payload.from of the webhook).',
	);
	const idMessage = validateIdentifier(
		reference.idMessage,
		'idMessage',
		"Pass WAHA's message id, such as false_79001234567@c.us_3EB0… (payload.id).",
	);
	const session = validateIdentifier(reference.sessionId ?? settings.session, 'session', 'Pass the WAHA session name, such as default.');
	const base = settings.serverUrl.href.replace(/\/+$/, '');
	const path = `/api/${encodeURIComponent(session)}/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(idMessage)}`;
	const url = new URL(`${base}${path}?downloadMedia=true`);
	const safeUrl = `${base}${path}`;
	const ids = { chatId, idMessage };
	return callApi(transport, {
		url,
		safeUrl,
		method: 'GET',
		provider: 'waha',
		step: 'asking WAHA for the message',
		headers: { accept: 'application/json' },
		credential: { 'x-api-key': settings.apiKey },
		signal,
		retry: context.retry,
		emit,
		failure: (response) => messageRouteError(response, redact),
		parse: (text, answer) => {
			let message: unknown;
			try {
				message = JSON.parse(text);
			} catch {
				message = undefined;
			}
			if (!isRecord(message)) {
				throw new WamediaError('UPSTREAM_ERROR', {
					message: 'WAHA answered the message route without a message',
					provider: 'waha',
					status: 200,
					details: { url: answer.url },
				});
			}
			return mediaUrlOf(message, ids);
		},
	});
}

/** Maps a failed answer of WAHA's message route (docs/providers.md#waha-errors). */
function messageRouteError(response: FailedResponse, redact: Redactor): WamediaError {
	const { status } = response;
	const { text } = parseErrorBody(response.body, redact);
	const facts = failureFacts(response, 'waha', text, redact);
	if (status === 401) {
		return new WamediaError('AUTH_FAILED', {
			...facts,
			message: 'WAHA refused the API key',
			hint: 'Check apiKey: it is WAHA_API_KEY of the server (sent as X-Api-Key).',
		});
	}
	if (status === 404 && /session/i.test(text)) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: `WAHA has no such session${text ? `: ${text}` : ''}`,
			hint: 'Check session: it is the name of a WAHA session, default unless configured otherwise.',
			details: { ...facts.details, field: 'session' },
		});
	}
	if (status === 404) {
		return new WamediaError('MEDIA_NOT_FOUND', {
			...facts,
			message: `WAHA does not know this message${text ? `: ${text}` : ''}`,
			hint: 'Check chatId and idMessage: take both from the same webhook (payload.from and payload.id).',
		});
	}
	if (status === 422) {
		return new WamediaError('INSTANCE_NOT_READY', {
			...facts,
			message: `The WAHA session is not working${text ? `: ${text}` : ''}`,
			hint: 'Start the session in WAHA and scan the QR code if it asks for one.',
		});
	}
	const common = commonError(response, 'waha', text, redact);
	if (common !== undefined) return common;
	if (status === 403) return new WamediaError('FORBIDDEN', { ...facts, hint: 'The WAHA server refuses this key the message route.' });
	return new WamediaError('INVALID_INPUT', {
		...facts,
		message: `WAHA rejected the request (${status})${text ? `: ${text}` : ''}`,
		hint: 'Check serverUrl, chatId and idMessage.',
	});
}
