/**
 * The formats the sandbox can fabricate. Every body starts with the real signature of its format and continues
 * with deterministic filler, so content sniffing works while the rest stays cheap to generate.
 */
export type MediaKind = 'jpeg' | 'png' | 'ogg' | 'mp4' | 'pdf' | 'webp' | 'bytes';

/** What each {@link MediaKind} looks like to the gateways. */
export interface MediaKindTraits {
	/** The real MIME type of the format. */
	readonly mimeType: string;
	/** File extension without the dot. */
	readonly extension: string;
	/** Green-API `messageData.typeMessage`. */
	readonly typeMessage: string;
	/** WhatsApp Multi-Session webhook `message_type`. */
	readonly messageType: 'image' | 'audio' | 'video' | 'document';
	/** WhatsApp's own message type (Meta webhooks `type`, Baileys `<type>Message`). */
	readonly whatsappType: 'image' | 'audio' | 'video' | 'document' | 'sticker';
	/** MIME type as WhatsApp labels the message (voice notes carry their codec). */
	readonly whatsappMimeType: string;
	/** Extension that the `mime-types` package gives `whatsappMimeType` (WAHA and Evolution name files with it). */
	readonly mimeExtension: string;
}

/**
 * Traits of every kind, e.g. `mediaKindTraits.ogg.extension === "ogg"`.
 */
export const mediaKindTraits: Readonly<Record<MediaKind, MediaKindTraits>> = {
	jpeg: {
		mimeType: 'image/jpeg',
		extension: 'jpg',
		typeMessage: 'imageMessage',
		messageType: 'image',
		whatsappType: 'image',
		whatsappMimeType: 'image/jpeg',
		mimeExtension: 'jpeg',
	},
	png: {
		mimeType: 'image/png',
		extension: 'png',
		typeMessage: 'imageMessage',
		messageType: 'image',
		whatsappType: 'image',
		whatsappMimeType: 'image/png',
		mimeExtension: 'png',
	},
	ogg: {
		mimeType: 'audio/ogg',
		extension: 'ogg',
		typeMessage: 'audioMessage',
		messageType: 'audio',
		whatsappType: 'audio',
		whatsappMimeType: 'audio/ogg; codecs=opus',
		mimeExtension: 'oga',
	},
	mp4: {
		mimeType: 'video/mp4',
		extension: 'mp4',
		typeMessage: 'videoMessage',
		messageType: 'video',
		whatsappType: 'video',
		whatsappMimeType: 'video/mp4',
		mimeExtension: 'mp4',
	},
	pdf: {
		mimeType: 'application/pdf',
		extension: 'pdf',
		typeMessage: 'documentMessage',
		messageType: 'document',
		whatsappType: 'document',
		whatsappMimeType: 'application/pdf',
		mimeExtension: 'pdf',
	},
	webp: {
		mimeType: 'image/webp',
		extension: 'webp',
		typeMessage: 'stickerMessage',
		messageType: 'image',
		whatsappType: 'sticker',
		whatsappMimeType: 'image/webp',
		mimeExtension: 'webp',
	},
	bytes: {
		mimeType: 'application/octet-stream',
		extension: 'bin',
		typeMessage: 'documentMessage',
		messageType: 'document',
		whatsappType: 'document',
		whatsappMimeType: 'application/octet-stream',
		mimeExtension: 'bin',
	},
};

/**
 * Whether a value names a {@link MediaKind}.
 *
 * @example isMediaKind("webp") // true
 */
export function isMediaKind(value: unknown): value is MediaKind {
	return typeof value === 'string' && Object.hasOwn(mediaKindTraits, value);
}
