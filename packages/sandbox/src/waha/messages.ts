import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';

/**
 * What the media of a WAHA message looks like:
 * - `file`: downloaded to WAHA's own storage, `media.url` on the server (needs the API key);
 * - `s3`: a presigned link on the storage origin (no key), with `media.s3`;
 * - `none`: `hasMedia: true` but `media: null` (WAHA told not to download this type);
 * - `no-url`: `media` without a `url`;
 * - `error`: the download failed, `media.error` says why.
 */
export type WahaMediaVariant = 'file' | 's3' | 'none' | 'no-url' | 'error';

/** Options of the WAHA webhook builder. */
export interface WahaWebhookOptions {
	/** `message` (the default, incoming only) or `message.any` (also the account's own messages). */
	event?: 'message' | 'message.any';
	/** Default `file`. */
	media?: WahaMediaVariant;
	/** `file`: the file is already deleted (its lifetime is over); `s3`: the link has expired. */
	expired?: boolean;
	/** Unix seconds; default now, by the sandbox clock. */
	timestamp?: number;
	/** The message text (`body`); default `Sandbox <id>` (empty for voice notes and stickers). */
	caption?: string;
}

/** What the WAHA message builders need to know about the sandbox. */
export interface WahaMessageContext {
	readonly catalog: MediaCatalog;
	readonly serverUrl: () => string;
	readonly session: string;
	readonly chatId: string;
	/** The account's own WhatsApp id. */
	readonly me: string;
	readonly senderName: string;
	readonly now: () => number;
	/** Saves the media's file now and returns its name; with `deleted`, makes sure it is gone instead. */
	readonly saveFile: (entry: MediaEntry, deleted: boolean) => string;
	readonly storageLink: (entry: MediaEntry, expired: boolean) => { readonly url: string; readonly bucket: string; readonly key: string };
}

function mediaOf(context: WahaMessageContext, entry: MediaEntry, variant: WahaMediaVariant, expired: boolean): unknown {
	if (variant === 'none') {
		return null;
	}
	const traits = mediaKindTraits[entry.info.kind];
	const described = {
		mimetype: traits.whatsappMimeType,
		filename: traits.whatsappType === 'document' ? (entry.info.fileName ?? null) : null,
	};
	switch (variant) {
		case 'file': {
			const name = context.saveFile(entry, expired);
			return { url: `${context.serverUrl()}/api/files/${context.session}/${name}`, ...described, error: null };
		}
		case 's3': {
			const link = context.storageLink(entry, expired);
			return { url: link.url, ...described, s3: { Bucket: link.bucket, Key: link.key }, error: null };
		}
		case 'no-url':
			return { url: null, ...described, error: null };
		case 'error':
			return {
				url: null,
				...described,
				error: { message: 'Request failed with status code 403', name: 'AxiosError', code: 'ERR_BAD_REQUEST', status: 403 },
			};
	}
}

function captionOf(entry: MediaEntry): string {
	const type = mediaKindTraits[entry.info.kind].whatsappType;
	return type === 'audio' || type === 'sticker' ? '' : `Sandbox ${entry.info.id}`;
}

/**
 * A WAHA message (the `payload` of a webhook, or the answer of the message route) for a catalog media.
 *
 * @example wahaMessage(context, entry, { media: "file" })
 */
export function wahaMessage(context: WahaMessageContext, entry: MediaEntry, options: WahaWebhookOptions = {}): Record<string, unknown> {
	return {
		id: entry.info.wahaMessageId,
		timestamp: options.timestamp ?? Math.floor(context.now() / 1000),
		from: context.chatId,
		fromMe: false,
		source: 'app',
		to: context.me,
		participant: null,
		body: options.caption ?? captionOf(entry),
		hasMedia: true,
		media: mediaOf(context, entry, options.media ?? 'file', options.expired ?? false),
		ack: 2,
		ackName: 'DEVICE',
		replyTo: null,
		_data: {},
	};
}

/**
 * A WAHA text message (no media), for the message route.
 *
 * @example wahaTextMessage(context, "false_…_3EB0…")
 */
export function wahaTextMessage(context: WahaMessageContext, id: string): Record<string, unknown> {
	return {
		id,
		timestamp: Math.floor(context.now() / 1000),
		from: context.chatId,
		fromMe: false,
		source: 'app',
		to: context.me,
		participant: null,
		body: 'hello from the sandbox',
		hasMedia: false,
		media: null,
		ack: 2,
		ackName: 'DEVICE',
		replyTo: null,
		_data: {},
	};
}

/**
 * A WAHA webhook, `{id, timestamp, event, session, metadata, me, payload, engine, environment}`, for a catalog
 * media (docs/providers.md#waha-webhooks).
 *
 * @example wahaWebhook(context, "image", { event: "message.any", media: "error" })
 */
export function wahaWebhook(context: WahaMessageContext, id: string, options: WahaWebhookOptions = {}): Record<string, unknown> {
	const entry = context.catalog.get(id);
	const now = context.now();
	return {
		id: `evt_${entry.messageId.toLowerCase()}${now.toString(36)}`,
		timestamp: now,
		event: options.event ?? 'message',
		session: context.session,
		metadata: {},
		me: { id: context.me, pushName: 'Sandbox' },
		payload: wahaMessage(context, entry, options),
		engine: 'NOWEB',
		environment: { version: '2025.12.1', engine: 'NOWEB', tier: 'CORE', browser: null },
	};
}
