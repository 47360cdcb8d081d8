import { validateSecret, validateServerUrl } from '../../security/validate.js';
import { webhookTokenCheck } from '../../security/webhook-token.js';
import type { ClientOptions } from '../../types/options.js';
import { absoluteUrl } from '../absolute-url.js';
import { compactReference, isRecord, type MediaType, noMedia, positiveInteger, text } from '../body-fields.js';
import type { Provider } from '../provider.js';
import { checkServer } from './check-server.js';

const mediaTypes = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** WhatsApp Multi-Session settings, checked. */
export interface MultiSessionSettings {
	serverUrl: URL;
	apiKey: string;
}

function configure(options: ClientOptions): MultiSessionSettings | undefined {
	const { multiSession } = options;
	if (multiSession === undefined) return undefined;
	return { serverUrl: validateServerUrl(multiSession.serverUrl, 'serverUrl'), apiKey: validateSecret(multiSession.apiKey, 'apiKey') };
}

/**
 * WhatsApp Multi-Session (docs/green-api.md#multi-session-media-urls): media URLs, absolute or relative to the
 * server, fetched with `Authorization: Bearer <apiKey>` on the server's own origin only.
 */
export const multiSession: Provider<MultiSessionSettings> = {
	name: 'multi-session',
	configure,
	servers: (settings) => [settings.serverUrl],
	recognize(body) {
		const link = body.media_url ?? (isRecord(body.media) ? body.media.url : undefined);
		if (link !== undefined || body.session_id !== undefined) {
			if (text(link) === undefined) throw noMedia(text(body.message_type) ?? 'no media_url', { idMessage: text(body.id) }, 'multi-session');
			const type = text(body.message_type);
			return [
				compactReference({
					provider: 'multi-session',
					link: text(link),
					sessionId: text(body.session_id),
					idMessage: text(body.id),
					// A group message's chat is the group; the sender is in from.
					chatId: body.is_group === true ? (text(body.group_id) ?? text(body.from)) : text(body.from),
					type: type !== undefined && mediaTypes.has(type) ? (type as MediaType) : undefined,
					timestamp: positiveInteger(body.timestamp),
					caption: text(body.caption),
				}),
			];
		}
		if (body.mediaUrl === undefined) return undefined;
		return [
			compactReference({
				provider: 'multi-session',
				link: text(body.mediaUrl),
				sessionId: text(body.sessionId),
				phoneNumber: text(body.phoneNumber),
			}),
		];
	},
	secrets: (options) => [options.multiSession?.apiKey],
	check: checkServer,
	async link(reference, settings) {
		const url = absoluteUrl(reference.link, settings?.serverUrl, 'multi-session');
		const credential =
			settings !== undefined && url.origin === settings.serverUrl.origin ? { authorization: `Bearer ${settings.apiKey}` } : undefined;
		return { url, credential };
	},
	webhook: webhookTokenCheck,
	mediaHints: {
		MEDIA_EXPIRED: 'Temporary media URLs live about an hour; take the media_url from a newer webhook.',
		AUTH_FAILED: 'Check the API key (it starts with wams_) and that it belongs to this server.',
	},
};
