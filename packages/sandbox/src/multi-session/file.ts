import { type MediaKind, mediaKindTraits } from '../media/kind.js';

/** What the Multi-Session server's stored file name is made of. */
export interface MultiSessionFileParts {
	readonly sessionId: string;
	/** Unix seconds when the message arrived. */
	readonly unix: number;
	/** WhatsApp message id. */
	readonly messageId: string;
	readonly kind: MediaKind;
	readonly fileName?: string | undefined;
}

/**
 * The name the Multi-Session server stores a received media under: every image becomes `.jpg` (even PNG and
 * WebP), audio `.ogg`, video `.mp4`, and documents keep their own name (docs/green-api.md#every-image-is-saved-as-jpg).
 *
 * @example multiSessionFileName({ sessionId: "sess-1", unix: 1700000000, messageId: "3EB0…", kind: "png" })
 * // "sess-1_1700000000_3EB0….jpg"
 */
export function multiSessionFileName(parts: MultiSessionFileParts): string {
	const prefix = `${parts.sessionId}_${parts.unix}`;
	const type = mediaKindTraits[parts.kind].messageType;
	if (type === 'image') {
		return `${prefix}_${parts.messageId}.jpg`;
	}
	if (type === 'audio') {
		return `${prefix}_${parts.messageId}.ogg`;
	}
	if (type === 'video') {
		return `${prefix}_${parts.messageId}.mp4`;
	}
	if (parts.fileName) {
		return `${prefix}_${parts.fileName.replaceAll('/', '_')}`;
	}
	return `${prefix}_${parts.messageId}.bin`;
}
