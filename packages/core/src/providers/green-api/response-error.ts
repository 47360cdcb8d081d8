import { parseErrorBody } from '../../errors/parse-error-body.js';
import { commonError, type FailedResponse, failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import { noRedaction, type Redactor } from '../../security/redact.js';

/**
 * Maps a Green-API `downloadFile` failure to its code, by status and by the texts Green-API documents
 * (docs/green-api.md#downloadfile-errors, docs/green-api.md#common-errors). The body passes `redact` before any of it is shortened.
 */
export function greenApiResponseError(response: FailedResponse, redact: Redactor = noRedaction): WamediaError {
	const { status } = response;
	const { text } = parseErrorBody(response.body, redact);
	const facts = failureFacts(response, 'green-api', text, redact);
	if (/File message encrypted url not found/i.test(text)) return new WamediaError('NO_MEDIA', facts);
	if (/Internal error when downloading file|exceeded max upload size/i.test(text)) {
		return new WamediaError('MEDIA_UNAVAILABLE', facts);
	}
	if (/starting process/i.test(text)) {
		return new WamediaError('INSTANCE_NOT_READY', {
			...facts,
			message: 'The instance is starting',
			hint: 'Wait a few seconds and try again; the instance is restarting.',
			retryable: true,
		});
	}
	if (/not authorized/i.test(text)) {
		return new WamediaError('INSTANCE_NOT_READY', {
			...facts,
			message: 'The instance is not authorized',
			hint: 'Open the Green-API console and scan the QR code with WhatsApp on the phone to authorize the instance.',
		});
	}
	if (/account is expired|Instance is deleted|instance.*(blocked|expired)/i.test(text)) {
		return new WamediaError('INSTANCE_NOT_READY', {
			...facts,
			message: `The instance cannot work: ${text}`,
			hint: 'Renew or re-create the instance in the Green-API console.',
		});
	}
	if (status === 401 || /^Unauthorized$/i.test(text)) {
		return new WamediaError('AUTH_FAILED', {
			...facts,
			message: 'Green-API refused the apiTokenInstance',
			hint: 'Copy apiTokenInstance again from the Green-API console; it changes when the token is regenerated.',
		});
	}
	if (status === 403) {
		return new WamediaError('FORBIDDEN', {
			...facts,
			message: 'Green-API refused the request (403 Forbidden)',
			hint: 'Check idInstance and apiUrl: use the apiUrl the console shows for this instance.',
		});
	}
	if (status === 404) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: 'Green-API has no such method at this URL (404)',
			hint: 'Check apiUrl: it must be the instance host only, such as https://7103.api.greenapi.com.',
		});
	}
	const common = commonError(response, 'green-api', text, redact);
	if (common !== undefined) return common;
	if (status === 400) {
		return new WamediaError('INVALID_INPUT', {
			...facts,
			message: text ? `Green-API rejected the request: ${text}` : 'Green-API rejected the request',
			hint: 'Check chatId and idMessage: take both from the same incoming message.',
		});
	}
	return new WamediaError('UPSTREAM_ERROR', {
		...facts,
		message: `Green-API answered ${status}`,
		retryable: false,
	});
}
