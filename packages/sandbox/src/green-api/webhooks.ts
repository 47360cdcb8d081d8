import type { EvolutionWebhookOptions } from '../evolution/messages.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';
import type { MetaWebhookOptions } from '../meta/webhooks.js';
import type { WahaWebhookOptions } from '../waha/messages.js';

/** Options of the Green-API body builders. */
export interface GreenApiWebhookOptions {
	/** Carry a link that has already expired. */
	expired?: boolean;
	/** Carry this instead of a link, e.g. `""` or `"{{SWE002}}"`. */
	downloadUrl?: string;
	/** Default `incomingMessageReceived`; `outgoingMessageReceived` and `outgoingAPIMessageReceived` come from the instance. */
	typeWebhook?: string;
	/** Default: the media's catalog `idMessage`. */
	idMessage?: string;
	/** Default: the sandbox's chat. */
	chatId?: string;
	/** Unix seconds; default now. */
	timestamp?: number;
	/** Default `Sandbox <id>` (empty for voice notes and stickers). */
	caption?: string;
}

/**
 * A Green-API file-message webhook (docs/green-api.md#webhook-bodies).
 */
export interface GreenApiWebhook {
	typeWebhook: string;
	instanceData: { idInstance: number; wid: string; typeInstance: string };
	timestamp: number;
	idMessage: string;
	senderData: {
		chatId: string;
		chatName: string;
		sender: string;
		senderName: string;
		senderContactName: string;
	};
	messageData: {
		typeMessage: string;
		fileMessageData: {
			downloadUrl: string;
			caption: string;
			fileName?: string;
			jpegThumbnail: string;
			mimeType: string;
			forwardingScore: number;
			isForwarded: boolean;
			isAnimated?: boolean;
		};
	};
}

/**
 * Bodies as the gateways deliver them, for a media id.
 *
 * @example sandbox.webhooks.greenApi("image", { downloadUrl: "{{SWE002}}" })
 */
export interface Webhooks {
	/** An `incomingMessageReceived` webhook (by default) for the media. */
	greenApi(id: string, options?: GreenApiWebhookOptions): GreenApiWebhook;
	/** The same webhook as the HTTP-API notification queue wraps it. */
	notification(id: string, options?: GreenApiWebhookOptions): { receiptId: number; body: GreenApiWebhook };
	/** A flat journal item (`lastIncomingMessages`, `getChatHistory`). */
	journal(id: string, options?: GreenApiWebhookOptions): Record<string, unknown>;
	/** A WhatsApp Multi-Session webhook whose `media_url` is a relative, expiring path. */
	multiSession(id: string, options?: { expired?: boolean }): Record<string, unknown>;
	/**
	 * A Meta Cloud API `messages` webhook with one message per media id (`sandbox.meta.mediaId(id)` in each media
	 * object's `id`), e.g. `meta(["image", "document"])`.
	 */
	meta(ids: string | readonly string[], options?: MetaWebhookOptions): Record<string, unknown>;
	/**
	 * A WAHA `message` (or `message.any`) webhook whose `payload.media.url` is a file the WAHA emulator has just
	 * saved (by default), a presigned storage link, missing, or an error.
	 */
	waha(id: string, options?: WahaWebhookOptions): Record<string, unknown>;
	/**
	 * An Evolution API `messages.upsert` webhook; `fileSha256` as an index-keyed object by default, inline `base64`
	 * and a presigned `mediaUrl` on request.
	 */
	evolution(id: string, options?: EvolutionWebhookOptions): Record<string, unknown>;
}

/** The webhook builders of the gateways that have an emulator module of their own. */
export type ProviderWebhooks = Pick<Webhooks, 'meta' | 'waha' | 'evolution'>;

/** What the webhook builders need to know about the sandbox. */
export interface WebhookContext {
	readonly catalog: MediaCatalog;
	readonly idInstance: string;
	readonly chatId: string;
	readonly sessionId: string;
	readonly storageLink: (id: string, expired: boolean) => string;
	readonly multiSessionPath: (id: string, expired: boolean) => string;
	readonly providers: ProviderWebhooks;
}

/** The instance's own WhatsApp id, the sender of outgoing messages. */
export const instanceWid = '79009876543@c.us';
/** The name incoming messages are sent under. */
export const senderName = 'Sandbox Contact';
const multiSessionSender = '6281234567890@s.whatsapp.net';
const multiSessionReceiver = '6289876543210@s.whatsapp.net';

/**
 * Whether a `typeWebhook` is a message the instance sent (from the phone or through the API).
 *
 * @example isOutgoing("outgoingAPIMessageReceived") // true
 */
export function isOutgoing(typeWebhook: string): boolean {
	return typeWebhook === 'outgoingMessageReceived' || typeWebhook === 'outgoingAPIMessageReceived';
}

/**
 * The current time in Unix seconds, as Green-API stamps its bodies.
 *
 * @example nowSeconds() // 1767000000
 */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

function captionOf(entry: MediaEntry): string {
	const type = mediaKindTraits[entry.info.kind].typeMessage;
	return type === 'audioMessage' || type === 'stickerMessage' ? '' : `Sandbox ${entry.info.id}`;
}

// WhatsApp labels voice notes with their codec; the catalog's mimeType stays the bare type.
function webhookMimeType(entry: MediaEntry): string {
	return entry.info.kind === 'ogg' ? 'audio/ogg; codecs=opus' : entry.info.mimeType;
}

/**
 * Builds the webhook, notification, journal and Multi-Session bodies of the catalog's media, next to the
 * builders of the other gateways.
 *
 * @example createWebhooks(context).journal("document")
 */
export function createWebhooks(context: WebhookContext): Webhooks {
	let receiptId = 0;
	const downloadUrlOf = (id: string, options: GreenApiWebhookOptions): string =>
		options.downloadUrl ?? context.storageLink(id, options.expired ?? false);

	const greenApi = (id: string, options: GreenApiWebhookOptions = {}): GreenApiWebhook => {
		const entry = context.catalog.get(id);
		const typeMessage = mediaKindTraits[entry.info.kind].typeMessage;
		const typeWebhook = options.typeWebhook ?? 'incomingMessageReceived';
		const chatId = options.chatId ?? context.chatId;
		// Outgoing messages have the same shape; the instance is their sender.
		const outgoing = isOutgoing(typeWebhook);
		return {
			typeWebhook,
			instanceData: { idInstance: Number(context.idInstance), wid: instanceWid, typeInstance: 'whatsapp' },
			timestamp: options.timestamp ?? nowSeconds(),
			idMessage: options.idMessage ?? entry.info.idMessage,
			senderData: {
				chatId,
				chatName: senderName,
				sender: outgoing ? instanceWid : chatId,
				senderName: outgoing ? '' : senderName,
				senderContactName: outgoing ? '' : senderName,
			},
			messageData: {
				typeMessage,
				fileMessageData: {
					downloadUrl: downloadUrlOf(id, options),
					caption: options.caption ?? captionOf(entry),
					...(entry.info.fileName === undefined ? {} : { fileName: entry.info.fileName }),
					jpegThumbnail: '',
					mimeType: webhookMimeType(entry),
					forwardingScore: 0,
					isForwarded: false,
					...(typeMessage === 'stickerMessage' ? { isAnimated: false } : {}),
				},
			},
		};
	};

	return {
		...context.providers,
		greenApi,
		notification: (id, options) => {
			receiptId += 1;
			return { receiptId, body: greenApi(id, options) };
		},
		journal: (id, options = {}) => {
			const entry = context.catalog.get(id);
			const typeWebhook = options.typeWebhook ?? 'incomingMessageReceived';
			const chatId = options.chatId ?? context.chatId;
			const typeMessage = mediaKindTraits[entry.info.kind].typeMessage;
			const parties = isOutgoing(typeWebhook)
				? { statusMessage: 'read', sendByApi: typeWebhook === 'outgoingAPIMessageReceived' }
				: { senderId: chatId, senderName, senderContactName: senderName };
			return {
				type: isOutgoing(typeWebhook) ? 'outgoing' : 'incoming',
				idMessage: options.idMessage ?? entry.info.idMessage,
				timestamp: options.timestamp ?? nowSeconds(),
				typeMessage,
				chatId,
				...parties,
				downloadUrl: downloadUrlOf(id, options),
				caption: options.caption ?? captionOf(entry),
				...(entry.info.fileName === undefined ? {} : { fileName: entry.info.fileName }),
				jpegThumbnail: '',
				mimeType: webhookMimeType(entry),
				...(typeMessage === 'stickerMessage' ? { isAnimated: false } : {}),
				isForwarded: false,
				forwardingScore: 0,
			};
		},
		multiSession: (id, options = {}) => {
			const entry = context.catalog.get(id);
			return {
				session_id: context.sessionId,
				from: multiSessionSender,
				from_name: senderName,
				to: multiSessionReceiver,
				message: '',
				message_type: mediaKindTraits[entry.info.kind].messageType,
				timestamp: nowSeconds(),
				id: entry.messageId,
				is_group: false,
				group_id: '',
				media_url: context.multiSessionPath(id, options.expired ?? false),
			};
		},
	};
}
