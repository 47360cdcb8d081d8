import { createHash } from 'node:crypto';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';
import { type ByteFieldForm, byteField, type LengthForm, lengthField } from './byte-field.js';

/** Options of the Evolution API webhook builder. */
export interface EvolutionWebhookOptions {
	/** How `fileSha256` (and `fileEncSha256`, `mediaKey`) are spelled; default `indexed`, as v2.3 sends them. */
	fileSha256?: ByteFieldForm;
	/** How `fileLength` is spelled; default `string`. */
	fileLength?: LengthForm;
	/** Carry the whole file inline in `data.message.base64` (meant for small media). Default false. */
	base64?: boolean;
	/** Carry a presigned storage link in `data.message.mediaUrl`, as with S3 enabled. Default false. */
	mediaUrl?: boolean;
	/** The `mediaUrl` has expired. */
	expired?: boolean;
	/** Carry the API key at the top level, as instances that expose it do. Default false. */
	apikey?: boolean;
	/** Unix seconds; default now, by the sandbox clock. */
	timestamp?: number;
	/** Caption of images, videos and documents; default `Sandbox <id>`. */
	caption?: string;
}

/** What the Evolution API builders need to know about the sandbox. */
export interface EvolutionMessageContext {
	readonly catalog: MediaCatalog;
	readonly serverUrl: () => string;
	readonly apiKey: string;
	readonly instance: string;
	readonly instanceId: string;
	readonly remoteJid: string;
	/** The account's own JID. */
	readonly sender: string;
	readonly senderName: string;
	readonly now: () => number;
	readonly storageLink: (entry: MediaEntry, expired: boolean) => string;
}

/**
 * The Baileys message type key of a media, e.g. `imageMessage`.
 *
 * @example evolutionMediaType(entry) // "documentMessage"
 */
export function evolutionMediaType(entry: MediaEntry): string {
	return `${mediaKindTraits[entry.info.kind].whatsappType}Message`;
}

function derivedBytes(label: string): Buffer {
	return createHash('sha256').update(`wamedia-sandbox:${label}`).digest();
}

/**
 * The `<type>Message` object of a media as Baileys stores it: WhatsApp's `fileSha256` of the plaintext, the
 * encrypted CDN `url` (on a `.invalid` host: it is never to be fetched), `mimetype`, `fileLength` and per-type fields.
 *
 * @example evolutionMediaMessage(entry, { fileSha256: "base64" })
 */
export function evolutionMediaMessage(entry: MediaEntry, options: EvolutionWebhookOptions = {}): Record<string, unknown> {
	const traits = mediaKindTraits[entry.info.kind];
	const form = options.fileSha256 ?? 'indexed';
	const caption = options.caption ?? `Sandbox ${entry.info.id}`;
	const directPath = `/v/t62.7118-24/${entry.messageId}.enc?ccb=11-4`;
	const common = {
		url: `https://mmg.whatsapp.net.invalid${directPath}&mms3=true`,
		mimetype: traits.whatsappMimeType,
		fileSha256: byteField(Buffer.from(entry.info.sha256, 'hex'), form),
		fileLength: lengthField(entry.info.size, options.fileLength ?? 'string'),
		mediaKey: byteField(derivedBytes(`mediaKey:${entry.info.id}`), form),
		fileEncSha256: byteField(derivedBytes(`fileEncSha256:${entry.info.id}`), form),
		directPath,
		mediaKeyTimestamp: String(Math.floor(Date.parse(entry.lastModified) / 1000)),
	};
	switch (traits.whatsappType) {
		case 'image':
			return { ...common, caption, height: 1280, width: 960 };
		case 'video':
			return { ...common, caption, seconds: 12, height: 720, width: 1280 };
		case 'audio':
			return { ...common, seconds: 7, ptt: entry.info.kind === 'ogg' };
		case 'sticker':
			return { ...common, height: 512, width: 512, isAnimated: false };
		case 'document': {
			const fileName = entry.info.fileName ?? `${entry.info.evolutionMessageId}.${traits.mimeExtension}`;
			return { ...common, title: fileName, fileName, caption };
		}
	}
}

/**
 * An Evolution API `messages.upsert` webhook for a catalog media (docs/providers.md#evolution-webhooks).
 *
 * @example evolutionWebhook(context, "image", { fileSha256: "buffer", mediaUrl: true })
 */
export function evolutionWebhook(
	context: EvolutionMessageContext,
	id: string,
	options: EvolutionWebhookOptions = {},
): Record<string, unknown> {
	const entry = context.catalog.get(id);
	const type = evolutionMediaType(entry);
	const now = context.now();
	const message: Record<string, unknown> = { [type]: evolutionMediaMessage(entry, options) };
	if (options.base64) {
		message.base64 = entry.body.slice(0, entry.body.size).toString('base64');
	}
	if (options.mediaUrl) {
		message.mediaUrl = context.storageLink(entry, options.expired ?? false);
	}
	return {
		event: 'messages.upsert',
		instance: context.instance,
		data: {
			key: { remoteJid: context.remoteJid, fromMe: false, id: entry.info.evolutionMessageId },
			pushName: context.senderName,
			status: 'DELIVERY_ACK',
			message,
			contextInfo: null,
			messageType: type,
			messageTimestamp: options.timestamp ?? Math.floor(now / 1000),
			instanceId: context.instanceId,
			source: 'android',
		},
		destination: 'https://example.invalid/webhook',
		date_time: new Date(now).toISOString(),
		sender: context.sender,
		server_url: context.serverUrl(),
		...(options.apikey ? { apikey: context.apiKey } : {}),
	};
}
