import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';

/** Options of the Meta webhook builder. */
export interface MetaWebhookOptions {
	/** Spelling of each media's `sha256`: `base64` (the default, as webhooks carry it) or `hex`. */
	sha256?: 'hex' | 'base64';
	/** Also carry `url` in each media object (a fresh media-host URL), as newer webhooks may. Default false. */
	withUrl?: boolean;
	/** Put a text message with this body before the media messages. */
	text?: string;
	/** Unix seconds of every message; default now, by the sandbox clock. */
	timestamp?: number;
	/** Caption of images, videos and documents; default `Sandbox <id>`. */
	caption?: string;
}

/** What the Meta webhook builder needs to know about the sandbox. */
export interface MetaWebhookContext {
	readonly catalog: MediaCatalog;
	readonly wabaId: string;
	readonly phoneNumberId: string;
	readonly displayPhoneNumber: string;
	/** The sender's phone number, without `+`. */
	readonly from: string;
	readonly senderName: string;
	readonly now: () => number;
	readonly mediaUrl: (entry: MediaEntry) => string;
}

/**
 * The `wamid.…` id of the WhatsApp message that carried a media (or of a text message, for `text:<body>`).
 *
 * @example wamidFor("79001234567", "3EB0…")
 */
export function wamidFor(from: string, messageId: string): string {
	return `wamid.${Buffer.from(`${from}:${messageId}`).toString('base64')}`;
}

function mediaObject(context: MetaWebhookContext, entry: MediaEntry, options: MetaWebhookOptions): Record<string, unknown> {
	const traits = mediaKindTraits[entry.info.kind];
	const sha256 = Buffer.from(entry.info.sha256, 'hex').toString(options.sha256 === 'hex' ? 'hex' : 'base64');
	const caption = options.caption ?? `Sandbox ${entry.info.id}`;
	const common = {
		mime_type: traits.whatsappMimeType,
		sha256,
		id: entry.info.metaMediaId,
		...(options.withUrl ? { url: context.mediaUrl(entry) } : {}),
	};
	switch (traits.whatsappType) {
		case 'image':
		case 'video':
			return { caption, ...common };
		case 'audio':
			return { ...common, voice: entry.info.kind === 'ogg' };
		case 'sticker':
			return { ...common, animated: false };
		case 'document':
			return { caption, filename: entry.info.fileName ?? `${entry.info.id}.${traits.extension}`, ...common };
	}
}

/**
 * Builds a Cloud API `messages` webhook (`object: "whatsapp_business_account"`) with one message per media id, in
 * order: `type` image, video, audio (voice notes), document (with `filename`) or sticker, each media object
 * carrying `id` (the media id), `mime_type` and `sha256` (docs/providers.md#meta-webhooks).
 *
 * @example metaWebhook(context, ["image", "document"], { sha256: "hex" })
 */
export function metaWebhook(
	context: MetaWebhookContext,
	ids: string | readonly string[],
	options: MetaWebhookOptions = {},
): Record<string, unknown> {
	const list = typeof ids === 'string' ? [ids] : ids;
	const timestamp = String(options.timestamp ?? Math.floor(context.now() / 1000));
	const messages: Record<string, unknown>[] = [];
	if (options.text !== undefined) {
		messages.push({
			from: context.from,
			id: wamidFor(context.from, `text:${options.text}`),
			timestamp,
			type: 'text',
			text: { body: options.text },
		});
	}
	for (const id of list) {
		const entry = context.catalog.get(id);
		const type = mediaKindTraits[entry.info.kind].whatsappType;
		messages.push({
			from: context.from,
			id: wamidFor(context.from, entry.messageId),
			timestamp,
			type,
			[type]: mediaObject(context, entry, options),
		});
	}
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: context.wabaId,
				changes: [
					{
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: context.displayPhoneNumber, phone_number_id: context.phoneNumberId },
							contacts: [{ profile: { name: context.senderName }, wa_id: context.from }],
							messages,
						},
						field: 'messages',
					},
				],
			},
		],
	};
}
