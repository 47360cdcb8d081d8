import { createHash } from 'node:crypto';
import { Base64Decoder } from '../../transport/base64-decoder.js';

// Characters checked per piece: a multiple of 4, so that no piece holds the whole file decoded.
const pieceLength = 65_536;

/**
 * Whether a webhook's inline base64 holds the file: it decodes, and where the webhook gave the file's
 * size or SHA-256, the bytes match. A text cut short (in a log, by a proxy's body limit) does not, and the
 * next source is tried instead (docs/providers.md#evolution-media). Decoded a piece at a time and hashed on
 * the way: the file never exists whole in memory here.
 */
export function inlineBase64Holds(base64: string, expected: { sha256?: string | undefined; size?: number | undefined }): boolean {
	const text = /\s/.test(base64) ? base64.replace(/\s+/g, '') : base64;
	const hash = expected.sha256 === undefined ? undefined : createHash('sha256');
	let size = 0;
	const decoder = new Base64Decoder((why) => new Error(why));
	try {
		for (let start = 0; start < text.length; start += pieceLength) {
			const piece = decoder.push(text.slice(start, start + pieceLength));
			size += piece?.length ?? 0;
			if (piece !== undefined) hash?.update(piece);
		}
		const last = decoder.end();
		size += last?.length ?? 0;
		if (last !== undefined) hash?.update(last);
	} catch {
		return false;
	}
	if (size === 0) return false;
	if (expected.size !== undefined && expected.size !== size) return false;
	return hash === undefined || hash.digest('hex') === expected.sha256;
}
