import { createHash } from 'node:crypto';
import { signatureFor } from './fixtures/signatures.js';
import type { MediaKind } from './kind.js';

/** Size of the repeating filler block. */
const blockSize = 1024 * 1024;
/** Largest piece {@link MediaBody.chunks} yields. */
export const chunkSize = 64 * 1024;

function fillerFor(seed: string, length: number): Buffer {
	const filler = Buffer.alloc(Math.ceil(length / 4) * 4);
	const state = createHash('sha256').update(`wamedia-sandbox:filler:${seed}`).digest();
	// xorshift128: fast and good enough for bytes that only need to look random and differ per media.
	let a = state.readUInt32LE(0) | 1;
	let b = state.readUInt32LE(4);
	let c = state.readUInt32LE(8);
	let d = state.readUInt32LE(12);
	for (let offset = 0; offset < filler.length; offset += 4) {
		const t = a ^ (a << 11);
		a = b;
		b = c;
		c = d;
		d = d ^ (d >>> 19) ^ (t ^ (t >>> 8));
		filler.writeUInt32LE(d >>> 0, offset);
	}
	return filler.subarray(0, length);
}

/**
 * The body of one media, generated on demand: the format signature, then a filler block repeated to the size.
 * Each repetition carries its block number in its first 8 bytes, so a resume from a wrong offset changes the
 * digest. Nothing but one block (at most 1 MiB) is kept in memory, whatever the size.
 *
 * @example new MediaBody("image", "jpeg", 48_213).slice(0, 3) // <Buffer ff d8 ff>
 */
export class MediaBody {
	readonly size: number;
	readonly #signature: Buffer;
	readonly #filler: Buffer;
	#sha256: string | undefined;

	constructor(seed: string, kind: MediaKind, size: number) {
		this.size = size;
		this.#signature = signatureFor(kind, size);
		this.#filler = fillerFor(seed, Math.max(1, Math.min(size, blockSize)));
	}

	/**
	 * The bytes from `start` (inclusive) to `end` (exclusive), in pieces of at most 64 KiB. Pieces share memory
	 * with the filler block: do not modify them.
	 */
	*chunks(start = 0, end = this.size): Generator<Buffer> {
		const fillerLength = this.#filler.length;
		let position = start;
		while (position < end) {
			const offset = position % fillerLength;
			const length = Math.min(end - position, chunkSize, fillerLength - offset);
			const block = Math.floor(position / fillerLength);
			let chunk = this.#filler.subarray(offset, offset + length);
			if (position < this.#signature.length || (block > 0 && offset < 8)) {
				chunk = Buffer.from(chunk);
				this.#patch(chunk, position, block);
			}
			yield chunk;
			position += length;
		}
	}

	/** The bytes from `start` (inclusive) to `end` (exclusive) in one buffer. */
	slice(start: number, end: number): Buffer {
		return Buffer.concat([...this.chunks(start, Math.min(end, this.size))]);
	}

	/** Hex SHA-256 of the whole body; computed once, on first use. */
	sha256(): string {
		if (this.#sha256 === undefined) {
			const hash = createHash('sha256');
			for (const chunk of this.chunks()) {
				hash.update(chunk);
			}
			this.#sha256 = hash.digest('hex');
		}
		return this.#sha256;
	}

	#patch(chunk: Buffer, position: number, block: number): void {
		const offset = position % this.#filler.length;
		if (block > 0) {
			const stamp = Buffer.alloc(8);
			stamp.writeBigUInt64LE(BigInt(block));
			for (let index = offset; index < 8 && index - offset < chunk.length; index++) {
				chunk[index - offset] = (chunk[index - offset] ?? 0) ^ (stamp[index] ?? 0);
			}
		}
		for (let index = 0; position + index < this.#signature.length && index < chunk.length; index++) {
			chunk[index] = this.#signature[position + index] ?? 0;
		}
	}
}
