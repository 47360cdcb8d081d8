import { parseErrorBody } from '../../errors/parse-error-body.js';
import { commonError, type FailedResponse, failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import type { Redactor } from '../../security/redact.js';
import { isRecord } from '../body-fields.js';

/** The text of Evolution's error shape `{status, error, response: {message: string | string[]}}`. */
function messageOf(json: unknown, fallback: string): string {
	const response = isRecord(json) && isRecord(json.response) ? json.response : undefined;
	const message = response?.message;
	if (typeof message === 'string') return message;
	if (Array.isArray(message)) return message.filter((item) => typeof item === 'string').join('; ');
	return fallback;
}

/**
 * Maps a failed `getBase64FromMediaMessage` answer (docs/providers.md#evolution-media): Evolution checks the
 * instance, then the key, then the message.
 */
export function evolutionError(response: FailedResponse, redact: Redactor): WamediaError {
	const { status } = response;
	const parsed = parseErrorBody(response.body, redact);
	const text = messageOf(parsed.json, parsed.text).slice(0, 300);
	const facts = failureFacts(response, 'evolution', text, redact);
	if (status === 404 && /instance.*does not exist|does not exist.*instance/i.test(text)) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: `Evolution has no such instance: ${text}`,
			hint: 'Check instance: it is the name of the instance in the Evolution manager.',
			details: { ...facts.details, field: 'instance' },
		});
	}
	if (status === 401) {
		return new WamediaError('AUTH_FAILED', {
			...facts,
			message: 'Evolution refused the API key',
			hint: "Check apiKey: Evolution's AUTHENTICATION_API_KEY, or the instance's own token (sent as apikey).",
		});
	}
	if (/not of the media type/i.test(text)) {
		return new WamediaError('NO_MEDIA', {
			...facts,
			message: 'The message has no file (Evolution: not of the media type)',
			hint: 'Pass the key.id of an image, video, audio, document or sticker message.',
		});
	}
	if (/Message not found/i.test(text)) {
		return new WamediaError('MEDIA_NOT_FOUND', {
			...facts,
			message: 'Evolution does not have this message',
			hint: 'Check the message id (data.key.id of the webhook), and that the instance stores messages (DATABASE_SAVE_DATA_NEW_MESSAGE).',
		});
	}
	const common = commonError(response, 'evolution', text, redact);
	if (common !== undefined) return common;
	if (status === 403) return new WamediaError('FORBIDDEN', { ...facts, hint: 'The Evolution server refuses this key the instance.' });
	if (status === 404) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: `Evolution has no such route (404)${text ? `: ${text}` : ''}`,
			hint: 'Check serverUrl: it is the address of the Evolution API itself, such as https://evo.example.',
			details: { ...facts.details, field: 'serverUrl' },
		});
	}
	return new WamediaError('INVALID_INPUT', {
		...facts,
		message: `Evolution rejected the request (${status})${text ? `: ${text}` : ''}`,
		hint: 'Check the message id (data.key.id of the webhook).',
	});
}
