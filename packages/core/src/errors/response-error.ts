import { parseErrorBody } from '../utils/parse-error-body.js';
import { noRedaction, type Redactor } from '../utils/redact.js';
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

function base(response: FailedResponse, provider: Provider, serverText: string, redact: Redactor) {
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

function commonError(response: FailedResponse, provider: Provider, serverText: string, redact: Redactor): WamediaError | undefined {
	const { status } = response;
	const facts = base(response, provider, serverText, redact);
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

/**
 * Maps a Green-API `downloadFile` failure to its code, by status and by the texts Green-API documents
 * (docs/green-api.md#downloadfile-errors, docs/green-api.md#common-errors). The body passes `redact` before any of it is shortened.
 */
export function greenApiResponseError(response: FailedResponse, redact: Redactor = noRedaction): WamediaError {
	const { status } = response;
	const { text } = parseErrorBody(response.body, redact);
	const facts = base(response, 'green-api', text, redact);
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

const expiryText = /expired|expiration|Request has expired/i;

/**
 * Maps a failed media GET (presigned storage, Multi-Session server, or a direct link) to its code.
 * Object storage answers an expired presigned link with 403 and an XML body. The body
 * passes `redact` before any of it is shortened.
 */
export function mediaResponseError(response: FailedResponse, provider: Provider, redact: Redactor = noRedaction): WamediaError {
	const { status } = response;
	const { text } = parseErrorBody(response.body, redact);
	const facts = base(response, provider, text, redact);
	if (status === 410 || ((status === 403 || status === 400) && expiryText.test(text))) {
		return new WamediaError(
			'MEDIA_EXPIRED',
			provider === 'multi-session'
				? { ...facts, hint: 'Temporary media URLs live about an hour; take the media_url from a newer webhook.' }
				: facts,
		);
	}
	if (status === 401) {
		return new WamediaError('AUTH_FAILED', {
			...facts,
			hint:
				provider === 'multi-session'
					? 'Check the API key (it starts with wams_) and that it belongs to this server.'
					: 'The media server wants credentials this link does not carry.',
		});
	}
	if (status === 403)
		return new WamediaError('FORBIDDEN', {
			...facts,
			hint: 'The server refuses this file to this key or link; check the link and its permissions.',
		});
	if (status === 404) return new WamediaError('MEDIA_NOT_FOUND', facts);
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
