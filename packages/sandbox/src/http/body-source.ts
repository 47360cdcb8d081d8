import { chunkSize } from '../media/body.js';

/**
 * Bytes a body fault can stream: a generated media body, or a small answer held in memory.
 *
 * @example streamBody(exchange, new BufferBody(Buffer.from("{}")), { start: 0, end: 2 }, 200, headers, fault)
 */
export interface BodySource {
	/** The bytes from `start` (inclusive) to `end` (exclusive), in pieces of at most 64 KiB. */
	chunks(start: number, end: number): Iterable<Buffer>;
	/** The bytes from `start` (inclusive) to `end` (exclusive) in one buffer. */
	slice(start: number, end: number): Buffer;
}

/**
 * A {@link BodySource} over a buffer.
 *
 * @example new BufferBody(Buffer.from('{"result":true}'))
 */
export class BufferBody implements BodySource {
	readonly #bytes: Buffer;

	constructor(bytes: Buffer) {
		this.#bytes = bytes;
	}

	*chunks(start: number, end: number): Generator<Buffer> {
		for (let position = start; position < end; position += chunkSize) {
			yield this.#bytes.subarray(position, Math.min(end, position + chunkSize));
		}
	}

	slice(start: number, end: number): Buffer {
		return this.#bytes.subarray(start, end);
	}
}
