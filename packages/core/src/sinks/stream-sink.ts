import { Readable } from 'node:stream';
import type { Sink } from './sink.js';

/**
 * A Readable fed by the download as it is read: `write()` waits while the reader is behind, so the
 * body never piles up in memory. Destroying the stream aborts the download through `onCancel`.
 */
export class StreamSink extends Readable implements Sink {
	#resume: (() => void) | undefined;
	#finished = false;
	readonly #onCancel: (reason: unknown) => void;

	constructor(onCancel: (reason: unknown) => void) {
		super({ highWaterMark: 256 * 1024 });
		this.#onCancel = onCancel;
	}

	override _read(): void {
		const resume = this.#resume;
		this.#resume = undefined;
		resume?.();
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		if (!this.#finished) this.#onCancel(error ?? new Error('The stream was destroyed before its end'));
		this.#resume?.();
		callback(error);
	}

	write(chunk: Uint8Array): Promise<void> | undefined {
		if (this.destroyed || this.push(chunk)) return undefined;
		return new Promise<void>((resolve) => {
			this.#resume = resolve;
		});
	}

	/** Ends the stream after the last chunk. */
	finish(): void {
		this.#finished = true;
		this.push(null);
	}

	/**
	 * Ends the stream with an error — emitted only to a reader that listens for it: a stream nobody
	 * listens to must not crash the process (the result's `done` promise carries the error).
	 */
	fail(error: Error): void {
		this.#finished = true;
		this.destroy(this.listenerCount('error') > 0 ? error : undefined);
	}
}
