import type { CliIo } from './run-cli.js';

// A status line appears only for runs that last longer than this, so quick ones print nothing extra.
const showAfterMs = 400;

/**
 * A one-line count on a terminal (`[12/340] files`), for long back-fills. Other lines are printed
 * between its redraws: `clear()` before them, `redraw()` after.
 */
export class ItemProgress {
	readonly #stream: CliIo['stderr'];
	readonly #startedAt = performance.now();
	#text = '';
	#shown = false;

	constructor(stream: CliIo['stderr']) {
		this.#stream = stream;
	}

	/** Feeds the count; matches `backfill`'s `onProgress`. */
	update = ({ done, total }: { done: number; total: number }): void => {
		this.#text = `[${done}/${total}] file message${total === 1 ? '' : 's'}`;
		if (!this.#shown && (performance.now() - this.#startedAt < showAfterMs || done === total)) return;
		this.redraw();
	};

	/** Removes the line, so that another can be printed in its place. */
	clear(): void {
		if (this.#shown) this.#stream.write('\r\x1b[K');
	}

	/** Draws the line again, after another was printed. */
	redraw(): void {
		if (this.#text === '' || (!this.#shown && performance.now() - this.#startedAt < showAfterMs)) return;
		this.#shown = true;
		this.#stream.write(`\r\x1b[K${this.#text}`);
	}

	/** Removes the line for good. */
	stop(): void {
		this.clear();
		this.#shown = false;
		this.#text = '';
	}
}
