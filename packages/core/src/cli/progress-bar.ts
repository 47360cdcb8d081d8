import { SingleBar } from 'cli-progress';
import type { DownloadProgress } from '../types/options.js';
import { formatBytes } from '../utils/format-bytes.js';
import type { CliIo } from './run-cli.js';

// A bar appears only for downloads that last longer than this, so quick ones print nothing extra.
const showAfterMs = 400;

/** A terminal progress bar on stderr that shows up once a download takes more than a moment. */
export class ProgressBar {
	readonly #stream: CliIo['stderr'];
	readonly #startedAt = performance.now();
	#bar: SingleBar | undefined;

	constructor(stream: CliIo['stderr']) {
		this.#stream = stream;
	}

	/** Feeds the bar; matches the core's `onProgress`. */
	update = (progress: DownloadProgress): void => {
		const elapsed = performance.now() - this.#startedAt;
		if (this.#bar === undefined) {
			if (elapsed < showAfterMs || progress.percent === 1) return;
			this.#bar = new SingleBar({
				stream: this.#stream,
				hideCursor: true,
				clearOnComplete: true,
				barsize: 30,
				format: (_options, params) => {
					const total = params.total > 0 ? formatBytes(params.total) : '?';
					const rate = formatBytes(Math.round(params.value / Math.max(0.001, (performance.now() - this.#startedAt) / 1000)));
					const bar =
						params.total > 0
							? `[${'█'.repeat(Math.round(params.progress * 30)).padEnd(30, '░')}] ${Math.floor(params.progress * 100)}%`
							: '';
					return `${bar} ${formatBytes(params.value)} / ${total}  ${rate}/s`;
				},
			});
			this.#bar.start(progress.total ?? 0, progress.transferred);
		}
		if (progress.total !== undefined) this.#bar.setTotal(progress.total);
		this.#bar.update(progress.transferred);
	};

	/** Removes the bar from the terminal. */
	stop(): void {
		this.#bar?.stop();
	}
}
