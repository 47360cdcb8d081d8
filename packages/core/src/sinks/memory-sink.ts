import type { Sink } from './sink.js';

/** Collects a body in memory, for the `binary` and `base64` outputs (bounded by `maxBytes`). */
export class MemorySink implements Sink {
	#chunks: Uint8Array[] = [];
	#size = 0;

	write(chunk: Uint8Array): undefined {
		this.#chunks.push(chunk);
		this.#size += chunk.length;
	}

	reset(): void {
		this.#chunks = [];
		this.#size = 0;
	}

	/** The whole body. */
	toBuffer(): Buffer {
		return Buffer.concat(this.#chunks, this.#size);
	}
}
