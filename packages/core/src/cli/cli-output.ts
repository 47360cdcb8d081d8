import type { Writable } from 'node:stream';
import { withoutLinkQueries } from '../security/link-queries.js';
import { createRedactor, type Redactor } from '../security/redact.js';
import type { CliIo } from './run-cli.js';

/** Text longer than this is written at once rather than gathered with the lines around it. */
const gatherLength = 64 * 1024;

/**
 * Everything the CLI prints goes through here: redacted, and silenced once the reader of stdout has gone
 * (`wamedia … | head`). Then `signal` aborts, so that downloads stop and their temporary files are removed.
 */
export class CliOutput {
	readonly #io: CliIo;
	#redact: Redactor;
	readonly #secrets: Array<string | undefined>;
	readonly #json: boolean;
	readonly #stop = new AbortController();
	#stderrClosed = false;
	/** The stream the text in #parts goes to, until the next flush. */
	#waiting: Writable | undefined;
	#parts: string[] = [];

	/** `json`: stdout carries JSON lines, whose links stay whole; human text shows links without their query. */
	constructor(io: CliIo, secrets: ReadonlyArray<string | undefined>, options: { json?: boolean } = {}) {
		this.#io = io;
		this.#secrets = [...secrets];
		this.#redact = createRedactor(this.#secrets);
		this.#json = options.json === true;
		// A write to a closed pipe fails with EPIPE as an 'error' event; without a listener it would crash the process.
		io.stdout.on('error', () => this.#stop.abort(new Error('stdout was closed')));
		io.stderr.on('error', () => {
			this.#stderrClosed = true;
		});
	}

	/** Redacts these secrets too from now on (values a --config file read from the environment). */
	addSecrets(secrets: readonly string[]): void {
		this.#secrets.push(...secrets);
		this.#redact = createRedactor(this.#secrets);
	}

	/** Whether stdout was closed by its reader. */
	get closed(): boolean {
		return this.#stop.signal.aborted;
	}

	/** Aborts when stdout is closed. */
	get signal(): AbortSignal {
		return this.#stop.signal;
	}

	/** Removes every secret from a text. */
	redact(text: string): string {
		return this.#redact(text);
	}

	/** Prints text on stdout: human text, or JSON lines when the run is `--json`. */
	out(text: string): void {
		if (!this.closed) this.#write(this.#io.stdout, this.#json ? this.#redact(text) : withoutLinkQueries(this.#redact(text)));
	}

	/** Prints data on stdout as it is (base64 text is never redacted: that could corrupt it). */
	outData(text: string): void {
		if (!this.closed) this.#write(this.#io.stdout, text);
	}

	/** Prints human text on stderr (nothing once stdout is closed: the CLI then ends quietly). */
	err(text: string): void {
		if (!this.closed && !this.#stderrClosed) this.#write(this.#io.stderr, withoutLinkQueries(this.#redact(text)));
	}

	/**
	 * Lines printed in one turn of the event loop go out in one write: a batch prints a line per file, and a
	 * write per line cost a system call and a wake-up of the reader each (about a tenth of a batch of small
	 * files). Order holds across stdout and stderr: what waits for one stream is written before the other's.
	 */
	#write(stream: Writable, text: string): void {
		// Data (a base64 body) goes out as it is, after what waits: joining it would copy it once more.
		if (text.length > gatherLength) {
			this.flush();
			stream.write(text);
			return;
		}
		if (this.#waiting !== stream) {
			this.flush();
			this.#waiting = stream;
			setImmediate(() => this.flush());
		}
		this.#parts.push(text);
	}

	/** Writes what waits; a run calls this before it ends. */
	flush(): void {
		const stream = this.#waiting;
		if (stream === undefined) return;
		this.#waiting = undefined;
		const text = this.#parts.join('');
		this.#parts = [];
		stream.write(text);
	}

	/** Writes data to stdout as it is, waiting while the reader is behind; throws once stdout is closed. */
	async data(chunk: Buffer | string): Promise<void> {
		if (this.closed) throw this.#stop.signal.reason;
		this.flush();
		if (this.#io.stdout.write(chunk)) return;
		await new Promise<void>((resolve) => {
			const done = () => {
				this.#io.stdout.off('drain', done);
				this.#stop.signal.removeEventListener('abort', done);
				resolve();
			};
			this.#io.stdout.on('drain', done);
			this.#stop.signal.addEventListener('abort', done);
		});
		if (this.closed) throw this.#stop.signal.reason;
	}
}
