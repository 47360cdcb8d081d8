import type { BodySource } from '../http/body-source.js';
import type { MediaBody } from '../media/body.js';

/** Input bytes encoded per piece: a multiple of 3, so only the last piece is padded; 64 KiB of output. */
const inputPiece = 48 * 1024;

/**
 * A JSON answer whose one big string is a media body in base64, generated piece by piece: `prefix`, the base64 of
 * the body, then `suffix`. Any byte range can be produced without encoding what comes before it, so stream faults
 * and slow sends work on it as on a media body, and no copy of the whole answer is ever held.
 *
 * @example new Base64JsonBody('{"base64":"', body, '"}').size
 */
export class Base64JsonBody implements BodySource {
	/** Bytes of the whole answer. */
	readonly size: number;
	readonly #prefix: Buffer;
	readonly #suffix: Buffer;
	readonly #media: MediaBody;
	readonly #encodedLength: number;

	constructor(prefix: string, media: MediaBody, suffix: string) {
		this.#prefix = Buffer.from(prefix);
		this.#suffix = Buffer.from(suffix);
		this.#media = media;
		this.#encodedLength = Math.ceil(media.size / 3) * 4;
		this.size = this.#prefix.length + this.#encodedLength + this.#suffix.length;
	}

	*chunks(start: number, end: number): Generator<Buffer> {
		const prefixEnd = this.#prefix.length;
		const encodedEnd = prefixEnd + this.#encodedLength;
		if (start < prefixEnd) {
			yield this.#prefix.subarray(start, Math.min(end, prefixEnd));
		}
		if (Math.max(start, prefixEnd) < Math.min(end, encodedEnd)) {
			yield* this.#encoded(Math.max(start, prefixEnd) - prefixEnd, Math.min(end, encodedEnd) - prefixEnd);
		}
		if (end > encodedEnd) {
			yield this.#suffix.subarray(Math.max(start, encodedEnd) - encodedEnd, end - encodedEnd);
		}
	}

	slice(start: number, end: number): Buffer {
		return Buffer.concat([...this.chunks(start, Math.min(end, this.size))]);
	}

	/** Characters `start` to `end` (exclusive) of the base64 text. */
	*#encoded(start: number, end: number): Generator<Buffer> {
		let output = Math.floor(start / 4) * 4;
		let input = (output / 4) * 3;
		while (output < end) {
			const text = Buffer.from(this.#media.slice(input, Math.min(input + inputPiece, this.#media.size)).toString('base64'), 'latin1');
			yield text.subarray(Math.max(start - output, 0), Math.min(end - output, text.length));
			output += text.length;
			input += inputPiece;
		}
	}
}
