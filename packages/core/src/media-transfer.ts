import { createHash, type Hash } from 'node:crypto';
import type { ErrorCode } from './errors/error-codes.js';
import { type FailedResponse, mediaResponseError } from './errors/response-error.js';
import { abortError, transportError } from './errors/transport-error.js';
import { isWamediaError, type Provider, WamediaError } from './errors/wamedia-error.js';
import { sniffLength } from './naming/mime-type.js';
import type { MediaLink } from './providers/provider.js';
import type { RetrySettings } from './requests/retry-timing.js';
import { parseRetryAfter } from './requests/retry-timing.js';
import { reportRetries, withRetry } from './requests/with-retry.js';
import type { Redactor } from './security/redact.js';
import type { Sink } from './sinks/sink.js';
import { Base64JsonBody } from './transport/base64-json-body.js';
import type { Transport } from './transport/create-transport.js';
import type { BodyDecoder } from './transport/decode-body.js';
import { followRedirects, offOriginAnswer } from './transport/follow-redirects.js';
import { inlineAnswer } from './transport/inline-answer.js';
import { type MediaResponse, openExchange } from './transport/media-exchange.js';
import { type EventListener, safeUrl } from './types/events.js';
import type { DownloadProgress } from './types/options.js';

/** What the response headers said about the body. */
export interface MediaHeaders {
	/** The URL after redirects. */
	url: URL;
	contentType: string | null;
	contentDisposition: string | null;
	/** Length of the whole body, when announced and not content-encoded. */
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

/** Options of a {@link MediaTransfer}. */
export interface TransferOptions {
	transport: Transport;
	url: URL;
	/** Headers with a credential, for `url`'s origin only. */
	credential: Record<string, string> | undefined;
	/** A POST with a JSON body instead of a GET. */
	request?: MediaLink['request'];
	/** `base64-json`: the answer is a JSON object whose `base64` string is the file, decoded as it arrives. */
	body?: MediaLink['body'];
	/** The file as base64 already at hand: decoded instead of fetched. */
	inline?: string | undefined;
	/** What the bytes must match (size, SHA-256): INTEGRITY otherwise. */
	expected?: MediaLink['expected'];
	/** The gateway's reading of a failed answer, before the generic one. */
	failure?: MediaLink['failure'];
	provider: Provider;
	/** Shown in errors instead of the URL. */
	safeUrl: string;
	sink: Sink;
	maxBytes: number;
	retry: RetrySettings;
	signal: AbortSignal | undefined;
	redact: Redactor;
	/** The gateway's hints for failures of its links. */
	mediaHints: Partial<Record<ErrorCode, string>> | undefined;
	/** Told of retries, redirects, resumes and restarts. */
	emit: EventListener;
	onProgress: ((progress: DownloadProgress) => void) | undefined;
	/** Called once, when the first `sniffLength` bytes (or the whole, shorter body) have arrived. */
	onHead?: ((head: Buffer, headers: MediaHeaders) => void) | undefined;
}

const progressInterval = 100;
const errorBodyLimit = 65_536;
// JSON that may follow the base64 text in a base64-json answer (`"buffer":null}` in Evolution's): left out of
// the early size estimate, so that it never refuses a file that fits.
const trailingJsonSlack = 4096;
// The fields of a base64-json answer that name the file (Evolution's getBase64FromMediaMessage).
const base64JsonFields = ['mimetype', 'fileName'];

/**
 * One media download from its link into a sink: the state of the transfer (attempt, bytes received,
 * validator, hash, first bytes for sniffing) and its steps. It streams the body over the client's
 * agent, hashes and counts it on the way, enforces `maxBytes` and the idle timeout, checks the size
 * against Content-Length, retries what is safe to retry, and after a dropped connection resumes with
 * `Range` + `If-Range` only when the server answers exactly that range of the same file — otherwise
 * it starts again from zero where the sink can, and fails with INTEGRITY where it cannot
 * (docs/transfer.md).
 */
export class MediaTransfer {
	readonly #options: TransferOptions;
	#received = 0;
	#hash: Hash = createHash('sha256');
	#headers: MediaHeaders | undefined;
	/** The strong validator of the first answer, sent as If-Range and compared on resume. */
	#validator: { name: 'etag' | 'last-modified'; value: string } | undefined;
	#encoded = false;
	#head: Buffer[] = [];
	#headSize = 0;
	#headSent = false;
	#lastProgress = 0;
	#decoder: BodyDecoder | undefined;

	constructor(options: TransferOptions) {
		this.#options = options;
	}

	/** Runs the transfer to its end; throws a WamediaError (ABORTED once the signal fired). */
	async run(): Promise<TransferResult> {
		const { provider, signal } = this.#options;
		await withRetry(() => this.#attempt(), {
			settings: this.#options.retry,
			provider,
			signal,
			// A body that ended early is picked up again, like a dropped connection.
			shouldRetry: (error) => error.retryable || error.details.resumable === true,
			onRetry: reportRetries(this.#options.emit, this.#options.retry, this.#options.safeUrl),
		});
		this.#checkSignal();
		const headers = this.#headers;
		if (headers === undefined) throw new Error('The transfer finished without a response');
		const digest = this.#hash.digest();
		this.#verify(digest);
		this.#sendHead();
		this.#report(true);
		return { headers, size: this.#received, sha256: digest.toString('hex'), head: this.#head[0] ?? Buffer.alloc(0) };
	}

	/** Compares the bytes with what the gateway said the file is. */
	#verify(digest: Buffer): void {
		const { expected, provider, safeUrl } = this.#options;
		if (expected?.size !== undefined && expected.size !== this.#received) {
			throw new WamediaError('INTEGRITY', {
				message: `The file has ${this.#received} bytes, and the gateway said ${expected.size}`,
				hint: 'The gateway served other bytes than it described; try again, and tell its operator if it persists.',
				provider,
				details: { url: safeUrl, expected: expected.size, received: this.#received },
			});
		}
		if (expected?.sha256 !== undefined && !digest.equals(expected.sha256)) {
			throw new WamediaError('INTEGRITY', {
				message: "The file's SHA-256 does not match the checksum the gateway gave",
				hint: 'The gateway served other bytes than it described; try again, and tell its operator if it persists.',
				provider,
				details: { url: safeUrl, expectedSha256: expected.sha256.toString('hex'), sha256: digest.toString('hex') },
			});
		}
	}

	async #attempt(): Promise<void> {
		this.#checkSignal();
		const resume = this.#received > 0 && this.#validator !== undefined && !this.#encoded;
		if (this.#received > 0 && !resume) await this.#restart();
		const response = await this.#open(resume);
		try {
			if (response.status < 200 || response.status >= 300) {
				const { redact } = this.#options;
				const failure: FailedResponse = {
					status: response.status,
					body: redact(await response.text(errorBodyLimit)),
					retryAfter: parseRetryAfter(response.header('retry-after') ?? null),
					url: this.#options.safeUrl,
				};
				throw (
					this.#options.failure?.(failure, redact) ?? mediaResponseError(failure, this.#options.provider, redact, this.#options.mediaHints)
				);
			}
			await this.#accept(response, resume);
			const json = this.#options.body === 'base64-json' ? this.#base64Json(response) : undefined;
			const consume = json === undefined ? this.#take : (chunk: Buffer) => json.write(chunk);
			const encoding = response.header('content-encoding');
			// zlib is loaded only for the rare server that compresses although asked not to.
			this.#decoder = isIdentity(encoding)
				? undefined
				: (await import('./transport/decode-body.js')).createBodyDecoder(encoding, consume, this.#options.provider);
			const decoder = this.#decoder;
			await response.read(decoder === undefined ? consume : (chunk) => decoder.write(chunk));
			await decoder?.end();
			json?.end();
		} catch (error) {
			response.discard();
			throw this.#bodyError(error);
		}
		const total = this.#headers?.total;
		if (total !== undefined && this.#received < total) {
			throw new WamediaError('INTEGRITY', {
				message: `The download ended early: ${this.#received} of ${total} bytes`,
				provider: this.#options.provider,
				details: { url: this.#options.safeUrl, expected: total, received: this.#received, resumable: true },
			});
		}
	}

	/**
	 * Reads a JSON answer whose `base64` string is the file: decodes it into the chunk taker as it streams,
	 * names the file from its fields, and refuses it early when the text alone is already over maxBytes.
	 */
	#base64Json(response: MediaResponse): Base64JsonBody {
		const { provider, safeUrl, maxBytes } = this.#options;
		const headers = this.#headers;
		const encoded = (response.header('content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
		const length = Number(response.header('content-length') ?? Number.NaN);
		const malformed = (why: string) =>
			new WamediaError('UPSTREAM_ERROR', {
				message: `The server's answer is not the JSON with the file it should be: ${why}`,
				provider,
				retryable: false,
				details: { url: safeUrl },
			});
		return new Base64JsonBody(
			{
				consume: this.#take,
				field: (name, value) => {
					if (headers === undefined || value === '') return;
					if (name === 'mimetype') headers.contentType = value;
					else headers.contentDisposition = `attachment; filename*=UTF-8''${encodeURIComponent(value)}`;
				},
				start: (offset) => {
					if (encoded || !Number.isSafeInteger(length)) return;
					// At least this many bytes follow, whatever the JSON after the text holds.
					const atLeast = Math.floor(Math.max(0, length - offset - trailingJsonSlack) / 4) * 3;
					if (atLeast > maxBytes) throw tooLarge(maxBytes, atLeast, this.#options);
				},
				malformed,
				truncated: () =>
					new WamediaError('INTEGRITY', {
						message: 'The answer ended before the whole file arrived',
						provider,
						details: { url: safeUrl, received: this.#received, resumable: true },
					}),
			},
			base64JsonFields,
		);
	}

	/** Sends the request (with Range and If-Range when resuming), following redirects. */
	async #open(resume: boolean): Promise<MediaResponse> {
		const { transport, provider, signal, request, inline } = this.#options;
		if (inline !== undefined) {
			return inlineAnswer(
				this.#options.url,
				inline,
				(why) => new WamediaError('UPSTREAM_ERROR', { message: `The body's file is not base64: ${why}`, provider, retryable: false }),
			);
		}
		const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': transport.userAgent };
		const body = request === undefined ? undefined : Buffer.from(JSON.stringify(request.json));
		let post = body !== undefined;
		if (resume && this.#validator !== undefined) {
			headers.range = `bytes=${this.#received}-`;
			headers['if-range'] = this.#validator.value;
			this.#options.emit({ type: 'resume', offset: this.#received, url: this.#options.safeUrl });
		}
		const onRedirect = (status: number, from: URL, to: URL) =>
			this.#options.emit({ type: 'redirect', status, from: safeUrl(from), to: safeUrl(to) });
		const { response, url: answered } = await followRedirects<MediaResponse>(
			transport,
			this.#options.url,
			provider,
			async (url, credential, previous) => {
				// A 303, or a 301/302 after a POST, continues as a GET without the body (RFC 9110 §15.4).
				const status = previous?.status;
				if (status === 303 || status === 301 || status === 302) post = false;
				const sent = post ? { ...headers, 'content-type': 'application/json' } : headers;
				try {
					return await openExchange(transport.media, url, {
						...(post ? { method: 'POST' as const, body } : {}),
						headers: credential === undefined ? sent : { ...sent, ...credential },
						signal,
						abortError: () => abortError(signal as AbortSignal, provider),
						headersTimeout: transport.timeout,
						bodyTimeout: transport.timeout,
					});
				} catch (error) {
					throw transportError(error, 'downloading the media', provider, url.host);
				}
			},
			{ credential: this.#options.credential, onRedirect },
		);
		// A base64-json body is an API answer (Evolution's getBase64FromMediaMessage), not a file on storage:
		// only the configured server's own answer is taken as the file (docs/url-policy.md#credentials).
		if (this.#options.body === 'base64-json' && answered.origin !== this.#options.url.origin) {
			response.discard();
			throw offOriginAnswer(provider, 'the file request', this.#options.url, answered);
		}
		return response;
	}

	/** Checks a 2xx answer against what was asked; starts over from zero when a whole new body comes. */
	async #accept(response: MediaResponse, resume: boolean): Promise<void> {
		const range = contentRange(response.header('content-range'));
		if (resume) {
			const total = this.#headers?.total;
			const sameFile = this.#validator !== undefined && response.header(this.#validator.name) === this.#validator.value;
			const exact = range !== undefined && range.start === this.#received && (total === undefined || range.total === total);
			if (response.status === 206 && exact && sameFile) return;
			if (response.status === 206) {
				// A server that ignores If-Range sends a range of another file: never splice it.
				response.discard();
				await this.#restart();
				throw this.#integrity(
					sameFile ? 'The server resumed at the wrong place' : 'The file changed on the server during the download',
					true,
				);
			}
			await this.#restart();
		} else if (response.status === 206 && !(range?.start === 0 && range.total !== undefined && range.end === range.total - 1)) {
			throw this.#integrity('The server sent part of the file to a request for all of it', false);
		}
		this.#headers = readHeaders(response, range);
		this.#encoded = (response.header('content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
		const etag = response.header('etag');
		const lastModified = response.header('last-modified');
		// If-Range needs a strong validator: a strong ETag or, failing that, Last-Modified (RFC 9110 §13.1.5).
		this.#validator =
			etag !== undefined && !etag.startsWith('W/')
				? { name: 'etag', value: etag }
				: lastModified === undefined
					? undefined
					: { name: 'last-modified', value: lastModified };
		if (this.#options.body === 'base64-json') {
			// The headers describe the JSON around the file: its type and length are not the file's, and a
			// byte offset into it cannot be resumed.
			this.#headers = { ...this.#headers, contentType: null, contentDisposition: null, total: undefined };
			this.#validator = undefined;
		}
		const total = this.#headers.total;
		if (total !== undefined && total > this.#options.maxBytes) {
			throw tooLarge(this.#options.maxBytes, total, this.#options);
		}
		this.#options.sink.expect?.(total);
	}

	/** Forgets every byte received, where the sink can; INTEGRITY where it cannot. */
	async #restart(): Promise<void> {
		const { sink } = this.#options;
		if (sink.reset === undefined) {
			throw this.#integrity('The connection dropped and the download cannot be resumed or restarted', false);
		}
		await sink.reset();
		if (this.#received > 0)
			this.#options.emit({ type: 'restart', reason: 'the server cannot resume this body', url: this.#options.safeUrl });
		this.#received = 0;
		this.#hash = createHash('sha256');
		this.#head = [];
		this.#headSize = 0;
		this.#headers = undefined;
	}

	/** Takes one body chunk: counts, checks, hashes, keeps the head, hands it to the sink. */
	readonly #take = (chunk: Buffer): Promise<void> | undefined => {
		const { signal, maxBytes } = this.#options;
		if (signal?.aborted) throw abortError(signal, this.#options.provider);
		this.#received += chunk.length;
		if (this.#received > maxBytes) throw tooLarge(maxBytes, this.#received, this.#options);
		const expected = this.#headers?.total;
		if (expected !== undefined && this.#received > expected) {
			throw new WamediaError('INTEGRITY', {
				message: 'The server sent more bytes than it announced',
				provider: this.#options.provider,
				details: { url: this.#options.safeUrl, expected, received: this.#received },
			});
		}
		this.#hash.update(chunk);
		if (!this.#headSent) {
			this.#head.push(chunk);
			this.#headSize += chunk.length;
			if (this.#headSize >= sniffLength) this.#sendHead();
		}
		if (this.#options.onProgress !== undefined) this.#report(false);
		return this.#options.sink.write(chunk);
	};

	#sendHead(): void {
		if (this.#headSent || this.#headers === undefined) return;
		this.#headSent = true;
		// The head is joined once, and kept joined for the result: its first sniffLength bytes only, not
		// the whole first chunk (a socket read is often 64 KiB).
		this.#head = [Buffer.concat(this.#head, Math.min(this.#headSize, sniffLength))];
		this.#options.onHead?.(this.#head[0] as Buffer, this.#headers);
	}

	#report(force: boolean): void {
		const { onProgress } = this.#options;
		if (onProgress === undefined) return;
		const now = performance.now();
		if (!force && now - this.#lastProgress < progressInterval) return;
		this.#lastProgress = now;
		const total = this.#headers?.total;
		onProgress({ transferred: this.#received, total, percent: total ? Math.min(1, this.#received / total) : undefined });
	}

	#checkSignal(): void {
		const { signal, provider } = this.#options;
		if (signal?.aborted) throw abortError(signal, provider);
	}

	#integrity(message: string, resumable: boolean): WamediaError {
		return new WamediaError('INTEGRITY', {
			message,
			provider: this.#options.provider,
			details: { url: this.#options.safeUrl, received: this.#received, ...(resumable ? { resumable } : {}) },
		});
	}

	/** Maps what ended a body: our own errors as they are, the media client's by their code. */
	#bodyError(error: unknown): WamediaError {
		const { provider, safeUrl, signal, transport } = this.#options;
		if (isWamediaError(error)) return error;
		if (signal?.aborted) return abortError(signal, provider);
		const code = (error as { code?: string }).code;
		if (code === 'HTTP1_BODY_TIMEOUT') {
			return new WamediaError('TIMEOUT', {
				message: `The download stalled: no data for ${transport.timeout} ms`,
				provider,
				details: { url: safeUrl, idleTimeout: transport.timeout, resumable: true },
				cause: error,
			});
		}
		// A body cut short of its length or last chunk, by a close or a broken connection.
		if (code === 'HTTP1_BODY_CUT') {
			return new WamediaError('INTEGRITY', {
				message: 'The connection closed before the whole file arrived',
				provider,
				details: { url: safeUrl, resumable: true },
				cause: error,
			});
		}
		return transportError(error, 'downloading the media', provider, this.#options.url.host);
	}
}

function isIdentity(encoding: string | undefined): boolean {
	const name = (encoding ?? 'identity').trim().toLowerCase();
	return name === 'identity' || name === '';
}

function tooLarge(maxBytes: number, size: number, options: Pick<TransferOptions, 'provider' | 'safeUrl'>): WamediaError {
	return new WamediaError('TOO_LARGE', {
		message: `The media is larger than maxBytes (${size} > ${maxBytes} bytes)`,
		provider: options.provider,
		details: { url: options.safeUrl, maxBytes, size },
	});
}

function readHeaders(response: MediaResponse, range: ContentRange | undefined): MediaHeaders {
	const encoded = (response.header('content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
	const length = Number(response.header('content-length') ?? Number.NaN);
	let total = Number.isSafeInteger(length) && length >= 0 && !encoded ? length : undefined;
	if (response.status === 206) total = range?.total;
	return {
		url: response.url,
		contentType: response.header('content-type') ?? null,
		contentDisposition: response.header('content-disposition') ?? null,
		total,
	};
}

interface ContentRange {
	start: number;
	end: number;
	total: number | undefined;
}

function contentRange(header: string | undefined): ContentRange | undefined {
	const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
	if (match === null) return undefined;
	const start = Number(match[1]);
	const end = Number(match[2]);
	if (end < start) return undefined;
	return { start, end, total: match[3] === '*' ? undefined : Number(match[3]) };
}
