import { createHash } from 'node:crypto';

/**
 * Lower-case hex of the given length, derived only from `label`, so every run of the sandbox hands out the same
 * identifiers and credentials.
 *
 * @example deterministicHex("apiKey", 40)
 */
export function deterministicHex(label: string, length: number): string {
	let hex = '';
	for (let round = 0; hex.length < length; round++) {
		hex += createHash('sha256').update(`wamedia-sandbox:${label}:${round}`).digest('hex');
	}
	return hex.slice(0, length);
}

/**
 * A version-4-shaped UUID derived from `label`.
 *
 * @example deterministicUuid("media:voice") // "3f2c…-…"
 */
export function deterministicUuid(label: string): string {
	const hex = deterministicHex(`uuid:${label}`, 32);
	const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The Green-API `idMessage` of a catalog media: 32 upper-case hex digits derived from its id.
 *
 * @example messageIdFor("image")
 */
export function messageIdFor(mediaId: string): string {
	return deterministicHex(`idMessage:${mediaId}`, 32).toUpperCase();
}

/**
 * The name Green-API generates for a media file: a UUID derived from the media id, plus an extension.
 *
 * @example generatedFileName("video", "mp4") // "…-….mp4"
 */
export function generatedFileName(mediaId: string, extension: string): string {
	return `${deterministicUuid(`media:${mediaId}`)}.${extension}`;
}

/**
 * Decimal digits of the given length derived only from `label`, never starting with 0.
 *
 * @example deterministicDigits("phoneNumberId", 15) // "1…"
 */
export function deterministicDigits(label: string, length: number): string {
	const hex = deterministicHex(`digits:${label}`, length * 2);
	let digits = '';
	for (let index = 0; index < length; index++) {
		digits += String(Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16) % 10);
	}
	return `${(Number(digits.charAt(0)) % 9) + 1}${digits.slice(1)}`;
}
