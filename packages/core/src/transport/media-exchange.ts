import { onAbort } from '../utils/on-abort.js';
import type { ExchangeController, ExchangeHandler, Http1Client } from './http1-client.js';

/** Options of {@link openExchange}. */
export interface ExchangeOptions {
	/** @default 'GET' */
	method?: 'GET' | 'POST';
	/** The request body (a POST's JSON). */
	body?: Buffer | undefined;
	headers: Record<string, string>;
	/** The caller's signal, listened to directly for as long as the exchange runs. */
	signal: AbortSignal | undefined;
	/** The error an abort of `signal` ends the exchange with. */
	abortError: () => Error;
	/** Milliseconds to wait for the response headers. */
	headersTimeout: number;
	/** Milliseconds without a body byte (while the reader waits) before the body counts as stalled. */
	bodyTimeout: number;
}

/** The answer of one request, its body not read yet. */
export interface MediaResponse {
	readonly status: number;
	readonly url: URL;
	/** A response header (lower-case name); repeated headers are joined with ", ". */
	header(name: string): string | undefined;
	/** The Location header, if any. */
	location(): string | undefined;
	/**
	 * Delivers the body chunk by chunk and resolves at its end. `onChunk` runs synchronously for each
	 * chunk; when it returns a promise, the connection is paused until it settles. A throw or a rejection
	 * ends the exchange with that error.
	 */
	read(onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<void>;
	/** Reads at most `limit` bytes of the body as UTF-8 text, then drops the connection; never rejects. */
	text(limit: number): Promise<string>;
	/** Drops the body (and the connection carrying it). */
	discard(): void;
}

/**
 * Sends a GET (or a POST with a small body) on the media client: chunks are handed over as they come off
 * the socket, with no stream, no promise and no copy per chunk; backpressure pauses the socket.
 */
export function openExchange(client: Http1Client, url: URL, options: ExchangeOptions): Promise<MediaResponse> {
	const exchange = new Exchange(url, options);
	client.dispatch(
		{
			url,
			method: options.method ?? 'GET',
			headers: options.headers,
			body: options.body,
			headersTimeout: options.headersTimeout,
			bodyTimeout: options.bodyTimeout,
		},
		exchange,
	);
	return exchange.started;
}

class Exchange implements ExchangeHandler, MediaResponse {
	status = 0;
	readonly url: URL;
	readonly started: Promise<MediaResponse>;
	readonly #options: ExchangeOptions;
	#headers: Record<string, string | string[]> = {};
	#controller: ExchangeController | undefined;
	#resolveStart!: (response: MediaResponse) => void;
	#rejectStart!: (error: Error) => void;
	#hasStarted = false;
	#onChunk: ((chunk: Buffer) => Promise<void> | undefined) | undefined;
	#resolveDone: (() => void) | undefined;
	#rejectDone: ((error: Error) => void) | undefined;
	#early: Buffer[] = [];
	#ended = false;
	#failure: Error | undefined;
	readonly #onAbort = (): void => this.#abort(this.#options.abortError());
	readonly #unwatch: (() => void) | undefined;

	constructor(url: URL, options: ExchangeOptions) {
		this.url = url;
		this.#options = options;
		this.started = new Promise((resolve, reject) => {
			this.#resolveStart = resolve;
			this.#rejectStart = reject;
		});
		this.#unwatch = options.signal === undefined ? undefined : onAbort(options.signal, this.#onAbort);
	}

	onRequestStart(controller: ExchangeController): void {
		this.#controller = controller;
		if (this.#options.signal?.aborted) this.#onAbort();
	}

	onResponseStart(controller: ExchangeController, statusCode: number, headers: Record<string, string | string[]>): void {
		this.status = statusCode;
		this.#headers = headers;
		this.#hasStarted = true;
		controller.pause();
		this.#resolveStart(this);
	}

	onResponseData(controller: ExchangeController, chunk: Buffer): void {
		if (this.#onChunk === undefined) {
			this.#early.push(chunk);
			controller.pause();
			return;
		}
		this.#deliver(chunk);
	}

	onResponseEnd(): void {
		this.#ended = true;
		this.#settle();
		if (this.#onChunk !== undefined) this.#finish();
	}

	onResponseError(_controller: ExchangeController, error: Error): void {
		this.#failure ??= error;
		this.#settle();
		if (!this.#hasStarted) this.#rejectStart(this.#failure);
		this.#rejectDone?.(this.#failure);
	}

	header(name: string): string | undefined {
		const value = this.#headers[name];
		return Array.isArray(value) ? value.join(', ') : value;
	}

	location(): string | undefined {
		return this.header('location');
	}

	read(onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<void> {
		const done = new Promise<void>((resolve, reject) => {
			this.#resolveDone = resolve;
			this.#rejectDone = reject;
		});
		this.#onChunk = onChunk;
		const early = this.#early;
		this.#early = [];
		for (const chunk of early) {
			if (this.#failure !== undefined) break;
			this.#deliver(chunk);
		}
		if (this.#failure !== undefined || this.#ended) this.#finish();
		else if (!this.#paused) this.#controller?.resume();
		return done;
	}

	async text(limit: number): Promise<string> {
		const chunks: Buffer[] = [];
		let size = 0;
		const full = new Error('enough');
		try {
			await this.read((chunk) => {
				chunks.push(chunk);
				size += chunk.length;
				if (size >= limit) throw full;
				return undefined;
			});
		} catch {
			// A broken or long error body still leaves the status to go on.
		}
		return Buffer.concat(chunks, size).subarray(0, limit).toString('utf8');
	}

	discard(): void {
		if (!this.#ended && this.#failure === undefined) this.#abort(new Error('Body discarded'));
	}

	#waiting = 0;

	get #paused(): boolean {
		return this.#waiting > 0;
	}

	#deliver(chunk: Buffer): void {
		let pending: Promise<void> | undefined;
		try {
			pending = this.#onChunk?.(chunk);
		} catch (error) {
			this.#abort(error as Error);
			return;
		}
		if (pending === undefined) return;
		this.#waiting++;
		this.#controller?.pause();
		pending.then(
			() => {
				this.#waiting--;
				if (this.#waiting > 0 || this.#failure !== undefined) return;
				if (this.#ended) this.#finish();
				else this.#controller?.resume();
			},
			(error: Error) => {
				this.#waiting--;
				this.#abort(error);
			},
		);
	}

	/** Ends the exchange with an error; a body whose last byte came already may still fail in its reader. */
	#abort(error: Error): void {
		if (this.#failure !== undefined) return;
		this.#failure = error;
		this.#settle();
		// The client starts an exchange as it is dispatched: its controller is there before any abort can come.
		if (!this.#ended) this.#controller?.abort(error);
		if (!this.#hasStarted) this.#rejectStart(error);
		this.#rejectDone?.(error);
	}

	/** Settles `read` once the body has ended and every chunk's promise has settled, or at the first failure. */
	#finish(): void {
		if (this.#failure !== undefined) this.#rejectDone?.(this.#failure);
		else if (this.#waiting === 0) this.#resolveDone?.();
	}

	#settle(): void {
		this.#unwatch?.();
	}
}
