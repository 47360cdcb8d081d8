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
}

/**
 * Traits of every kind, e.g. `mediaKindTraits.ogg.extension === "ogg"`.
 */
export const mediaKindTraits: Readonly<Record<MediaKind, MediaKindTraits>> = {
	jpeg: { mimeType: 'image/jpeg', extension: 'jpg', typeMessage: 'imageMessage', messageType: 'image' },
	png: { mimeType: 'image/png', extension: 'png', typeMessage: 'imageMessage', messageType: 'image' },
	ogg: { mimeType: 'audio/ogg', extension: 'ogg', typeMessage: 'audioMessage', messageType: 'audio' },
	mp4: { mimeType: 'video/mp4', extension: 'mp4', typeMessage: 'videoMessage', messageType: 'video' },
	pdf: { mimeType: 'application/pdf', extension: 'pdf', typeMessage: 'documentMessage', messageType: 'document' },
	webp: { mimeType: 'image/webp', extension: 'webp', typeMessage: 'stickerMessage', messageType: 'image' },
	bytes: {
		mimeType: 'application/octet-stream',
		extension: 'bin',
		typeMessage: 'documentMessage',
		messageType: 'document',
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
