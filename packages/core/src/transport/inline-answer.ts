import { Base64Decoder, decodedLength } from './base64-decoder.js';
import type { MediaResponse } from './media-exchange.js';

// Characters of base64 decoded per piece: a multiple of 4, so each piece decodes on its own (48 KiB of bytes).
const pieceLength = 65_536;

/**
 * A file a body carried inline as base64, answered like a download: a 200 with its exact length, then the
 * bytes decoded a piece at a time, so that the file never exists twice in memory at once (only the text it
 * came in, which the caller holds anyway).
 */
export function inlineAnswer(url: URL, base64: string, malformed: (why: string) => Error): MediaResponse {
	const text = /\s/.test(base64) ? base64.replace(/\s+/g, '') : base64;
	return {
		status: 200,
		url,
		header: (name) => (name === 'content-length' ? String(decodedLength(text)) : undefined),
		location: () => undefined,
		async read(onChunk) {
			const decoder = new Base64Decoder((why) => malformed(`the inline base64 is broken (${why})`));
			for (let start = 0; start < text.length; start += pieceLength) {
				const piece = decoder.push(text.slice(start, start + pieceLength));
				if (piece !== undefined) await onChunk(piece);
			}
			const last = decoder.end();
			if (last !== undefined) await onChunk(last);
		},
		text: async () => '',
		discard: () => undefined,
	};
}
