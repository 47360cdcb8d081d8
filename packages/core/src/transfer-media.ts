import { createHash, type Hash } from 'node:crypto';
import { mediaResponseError } from './errors/response-error.js';
import { abortError, transportError } from './errors/transport-error.js';
import { type Provider, WamediaError } from './errors/wamedia-error.js';
import { type HttpContext, readErrorText, sendRequest } from './http-request.js';
import type { Sink } from './sinks/sink.js';
import type { DownloadProgress } from './types/options.js';
import { sniffLength } from './utils/mime-type.js';
import type { RetrySettings } from './utils/retry-timing.js';
import { parseRetryAfter } from './utils/retry-timing.js';
import { withRetry } from './utils/with-retry.js';

/** What the response headers said about the body. */
export interface MediaHeaders {
	/** The URL after redirects. */
	url: URL;
	contentType: string | null;
	contentDisposition: string | null;
	/** Content-Length of the whole body, when announced and not content-encoded. */
	total: number | undefined;
}

/** A finished transfer. */
export interface TransferResult {
	headers: MediaHeaders;
	size: number;
	sha256: string;
	/** The first bytes of the body, for sniffing. */
	head: Buffer;
}

/** Options of {@link transferMedia}. */
export interface TransferOptions {
	context: HttpContext;
	url: URL;
	provider: Provider;
	/** Shown in errors instead of the URL. */
	safeUrl: string;
	sink: Sink;
	maxBytes: number;
	/** Milliseconds without a body byte before the transfer counts as stalled. */
	idleTimeout: number;
	retry: RetrySettings;
	signal: AbortSignal | undefined;
	onProgress: ((progress: DownloadProgress) => void) | undefined;
	/** Called once, when the first `sniffLength` bytes (or the whole, shorter body) have arrived. */
	onHead?: (head: Buffer, headers: MediaHeaders) => void;
}

const progressInterval = 100;

/**
 * Fetches a media link into a sink: streams the body, counts and hashes it on the way, enforces
 * `maxBytes` (from Content-Length, then while streaming) and the idle timeout, checks the size
 * against Content-Length, retries what is safe to retry, and after a dropped connection resumes with
 * `Range` where the server allows it (restarting from zero where it does not and the sink can).
 */
export async function transferMedia(options: TransferOptions): Promise<TransferResult> {
	const { context, url, provider, safeUrl, sink, signal } = options;
	let received = 0;
	let hash: Hash = createHash('sha256');
	let headers: MediaHeaders | undefined;
	let validator: string | undefined;
	let headChunks: Uint8Array[] = [];
	let headSize = 0;
	let headSent = false;
	let lastProgress = 0;

	const report = (force: boolean): void => {
		if (options.onProgress === undefined) return;
		const now = performance.now();
		if (!force && now - lastProgress < progressInterval) return;
		lastProgress = now;
		const total = headers?.total;
		options.onProgress({ transferred: received, total, percent: total ? Math.min(1, received / total) : undefined });
	};
	const sendHead = (): void => {
		if (headSent || headers === undefined) return;
		headSent = true;
		options.onHead?.(Buffer.concat(headChunks, headSize), headers);
	};

	await withRetry(
		async () => {
			const requestHeaders: Record<string, string> = { 'accept-encoding': 'identity' };
			if (received > 0) {
				requestHeaders.range = `bytes=${received}-`;
				if (validator !== undefined) requestHeaders['if-range'] = validator;
			}
			const { response, url: finalUrl } = await sendRequest(context, url, {
				method: 'GET',
				provider,
				step: 'downloading the media',
				headers: requestHeaders,
				signal,
				isMedia: true,
			});
			if (!response.ok) {
				throw mediaResponseError(
					{
						status: response.status,
						body: await readErrorText(response),
						retryAfter: parseRetryAfter(response.headers.get('retry-after')),
						url: safeUrl,
					},
					provider,
				);
			}
			if (received > 0 && !resumes(response, received)) {
				if (response.status !== 200 || sink.reset === undefined) {
					await response.body?.cancel().catch(() => undefined);
					throw new WamediaError('INTEGRITY', {
						message: 'The connection dropped and the server cannot resume the download',
						provider,
						details: { url: safeUrl, received, expected: headers?.total },
					});
				}
				await sink.reset();
				received = 0;
				hash = createHash('sha256');
				headChunks = [];
				headSize = 0;
				headers = undefined;
			}
			if (headers === undefined) {
				headers = readHeaders(response, finalUrl);
				validator = strongValidator(response);
				if (headers.total !== undefined && headers.total > options.maxBytes) {
					await response.body?.cancel().catch(() => undefined);
					throw tooLarge(options.maxBytes, headers.total, provider, safeUrl);
				}
			}
			const expected = headers.total;
			const body = new BodyReader(response, options.idleTimeout, signal, provider, finalUrl, safeUrl);
			try {
				for (let chunk = await body.read(); chunk !== undefined; chunk = await body.read()) {
					received += chunk.length;
					if (received > options.maxBytes) throw tooLarge(options.maxBytes, received, provider, safeUrl);
					if (expected !== undefined && received > expected) {
						throw new WamediaError('INTEGRITY', {
							message: 'The server sent more bytes than it announced',
							provider,
							details: { url: safeUrl, expected, received },
						});
					}
					hash.update(chunk);
					if (!headSent) {
						headChunks.push(chunk);
						headSize += chunk.length;
						if (headSize >= sniffLength) sendHead();
					}
					const writing = sink.write(chunk);
					if (writing !== undefined) await writing;
					report(false);
				}
			} finally {
				body.close();
			}
			if (expected !== undefined && received < expected) {
				throw new WamediaError('INTEGRITY', {
					message: `The download ended early: ${received} of ${expected} bytes`,
					provider,
					details: { url: safeUrl, expected, received, resumable: true },
				});
			}
		},
		{
			settings: options.retry,
			provider,
			signal,
			// A body that ended early is picked up again with Range, like a dropped connection.
			shouldRetry: (error) => error.retryable || error.details.resumable === true,
		},
	);
	if (headers === undefined) throw new Error('transferMedia finished without a response');
	sendHead();
	report(true);
	return { headers, size: received, sha256: hash.digest('hex'), head: Buffer.concat(headChunks, headSize) };
}

function tooLarge(maxBytes: number, size: number, provider: Provider, url: string): WamediaError {
	return new WamediaError('TOO_LARGE', {
		message: `The media is larger than maxBytes (${size} > ${maxBytes} bytes)`,
		provider,
		details: { url, maxBytes, size },
	});
}

function readHeaders(response: Response, url: URL): MediaHeaders {
	const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity';
	const length = Number(response.headers.get('content-length') ?? Number.NaN);
	let total = Number.isSafeInteger(length) && length >= 0 && !encoded ? length : undefined;
	if (response.status === 206) total = contentRange(response)?.total ?? undefined;
	return {
		url,
		contentType: response.headers.get('content-type'),
		contentDisposition: response.headers.get('content-disposition'),
		total,
	};
}

// If-Range needs a strong validator: a strong ETag or, failing that, Last-Modified (RFC 9110 §13.1.5).
function strongValidator(response: Response): string | undefined {
	const etag = response.headers.get('etag');
	if (etag !== null && !etag.startsWith('W/')) return etag;
	return response.headers.get('last-modified') ?? undefined;
}

function contentRange(response: Response): { start: number; total: number | undefined } | undefined {
	const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
	if (match === null) return undefined;
	return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

function resumes(response: Response, received: number): boolean {
	return response.status === 206 && contentRange(response)?.start === received;
}

/**
 * Reads a response body chunk by chunk; fails with TIMEOUT when no byte arrives for `idleTimeout` ms, with
 * NETWORK when the connection breaks, and with INTEGRITY (resumable) when it closes early.
 */
class BodyReader {
	readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
	readonly #timer: NodeJS.Timeout;
	readonly #idleTimeout: number;
	readonly #signal: AbortSignal | undefined;
	readonly #provider: Provider;
	readonly #host: string;
	readonly #safeUrl: string;
	#stalled = false;
	// Only time spent waiting for the server counts: a consumer that reads a stream slowly is no stall.
	#reading = false;
	#finished = false;

	constructor(response: Response, idleTimeout: number, signal: AbortSignal | undefined, provider: Provider, url: URL, safeUrl: string) {
		this.#reader = response.body?.getReader();
		this.#idleTimeout = idleTimeout;
		this.#signal = signal;
		this.#provider = provider;
		this.#host = url.host;
		this.#safeUrl = safeUrl;
		this.#timer = setTimeout(() => {
			if (!this.#reading) return;
			this.#stalled = true;
			this.#reader?.cancel().catch(() => undefined);
		}, idleTimeout);
	}

	/** The next chunk, or undefined at the end of the body. */
	async read(): Promise<Uint8Array | undefined> {
		if (this.#reader === undefined) return undefined;
		let result: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
		this.#reading = true;
		this.#timer.refresh();
		try {
			result = await this.#reader.read();
		} catch (error) {
			if (this.#signal?.aborted) throw abortError(this.#signal, this.#provider);
			throw bodyError(error, this.#provider, this.#host, this.#safeUrl);
		} finally {
			this.#reading = false;
		}
		if (this.#stalled) {
			throw new WamediaError('TIMEOUT', {
				message: `The download stalled: no data for ${this.#idleTimeout} ms`,
				provider: this.#provider,
				details: { url: this.#safeUrl, idleTimeout: this.#idleTimeout },
			});
		}
		if (result.done) {
			this.#finished = true;
			return undefined;
		}
		return result.value;
	}

	/** Stops the idle timer and, unless the body was read to its end, cancels it. */
	close(): void {
		clearTimeout(this.#timer);
		if (!this.#finished) this.#reader?.cancel().catch(() => undefined);
	}
}

function bodyError(error: unknown, provider: Provider, host: string, safeUrl: string): WamediaError {
	const mapped = transportError(error, 'downloading the media', provider, host);
	const codes = mapped.details.codes;
	const reset = Array.isArray(codes) && codes.includes('ECONNRESET');
	// undici reports a body cut short of Content-Length as "terminated" / "other side closed".
	if (mapped.code === 'NETWORK' && !reset && /terminated|other side closed/i.test(String(error))) {
		return new WamediaError('INTEGRITY', {
			message: 'The connection closed before the whole file arrived',
			provider,
			details: { url: safeUrl, resumable: true },
			cause: error,
		});
	}
	return mapped;
}
