import { parseErrorBody } from '../../errors/parse-error-body.js';
import type { FailedResponse } from '../../errors/response-error.js';
import { failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import type { Redactor } from '../../security/redact.js';
import { absoluteUrl } from '../absolute-url.js';
import type { ParsedReference } from '../parse-reference.js';
import type { MediaLink, Provider } from '../provider.js';
import { checkSession } from './check-session.js';
import { fetchMessageMedia } from './fetch-message.js';
import { recognizeWaha } from './recognize.js';
import { configureWaha, type WahaSettings } from './settings.js';
import { wahaWebhookCheck } from './verify-webhook.js';

const expiredHint =
	'WAHA deletes saved files WHATSAPP_FILES_LIFETIME seconds after receiving them (180 by default); pass the webhook or chatId and idMessage with the server settings so that wamedia asks for the message again, or raise the lifetime.';

// WAHA deletes its files after their lifetime and then answers 404 (docs/providers.md#waha-lifetimes).
function fileFailure(response: FailedResponse, redact: Redactor): WamediaError | undefined {
	if (response.status !== 404) return undefined;
	const { text } = parseErrorBody(response.body, redact);
	return new WamediaError('MEDIA_EXPIRED', {
		...failureFacts(response, 'waha', text, redact),
		message: 'The WAHA file is gone (404): its lifetime has passed',
		hint: expiredHint,
	});
}

/** The link of a media URL: the key goes along only when the URL is on the server's own origin. */
function fileLink(link: string | undefined, settings: WahaSettings | undefined): MediaLink {
	if (link === undefined || link === '') {
		throw new WamediaError('INVALID_INPUT', {
			message: 'The WAHA media URL is empty',
			hint: 'Pass payload.media.url of the webhook.',
			provider: 'waha',
			details: { field: 'mediaUrl' },
		});
	}
	const url = absoluteUrl(link, settings?.serverUrl, 'waha');
	const credential = settings !== undefined && url.origin === settings.serverUrl.origin ? { 'x-api-key': settings.apiKey } : undefined;
	return { url, credential, failure: fileFailure };
}

function needServer(): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: 'A WAHA message id needs the WAHA server to ask',
		hint: 'Configure the WAHA serverUrl and apiKey (and session, when it is not default).',
		provider: 'waha',
		details: { field: 'serverUrl' },
	});
}

/**
 * WAHA (docs/providers.md#waha): the file WAHA saved of a message (`media.url`), fetched with `X-Api-Key`
 * on the server's origin only; once the file's lifetime has passed (404), the message route downloads it
 * again, once. A message without a kept file is NO_MEDIA, one whose download failed MEDIA_UNAVAILABLE.
 */
export const waha: Provider<WahaSettings> = {
	name: 'waha',
	configure: configureWaha,
	servers: (settings) => [settings.serverUrl],
	secrets: (options) => [options.waha?.apiKey],
	recognize: recognizeWaha,
	check: checkSession,
	async link(reference, settings, context) {
		if (reference.link !== undefined) return fileLink(reference.link, settings);
		if (settings === undefined) throw needServer();
		return fileLink(await fetchMessageMedia(settings, reference, context), settings);
	},
	renew(reference: ParsedReference, settings, context) {
		if (settings === undefined || reference.chatId === undefined || reference.idMessage === undefined) return undefined;
		return fetchMessageMedia(settings, reference, context).then((link) => fileLink(link, settings));
	},
	webhook: wahaWebhookCheck,
	mediaHints: {
		MEDIA_EXPIRED: expiredHint,
		AUTH_FAILED:
			"Check apiKey: it is the server's WAHA_API_KEY. The key goes only to serverUrl's origin, so a media.url on another host gets none: set the server's WAHA_BASE_URL to the address wamedia uses.",
	},
};
