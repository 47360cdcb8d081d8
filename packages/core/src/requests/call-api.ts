import type { FailedResponse } from '../errors/response-error.js';
import { abortError, isAbortOf, transportError } from '../errors/transport-error.js';
import type { Provider, WamediaError } from '../errors/wamedia-error.js';
import type { Transport } from '../transport/create-transport.js';
import { followRedirects, type Hop, offOriginAnswer } from '../transport/follow-redirects.js';
import type { EventListener } from '../types/events.js';
import type { RateLimiter } from './rate-limiter.js';
import { parseRetryAfter, type RetrySettings } from './retry-timing.js';
import { reportRetries, withRetry } from './with-retry.js';

/** One JSON API request. */
export interface RequestOptions {
	method: 'GET' | 'POST' | 'DELETE';
	provider: Provider;
	/** What the request is for, in words ("requesting the download link"). */
	step: string;
	headers?: Record<string, string>;
	/** Headers with a credential: sent to the URL's origin only (see followRedirects). */
	credential?: Record<string, string> | undefined;
	json?: unknown;
	signal?: AbortSignal | undefined;
}

class ApiHop implements Hop {
	readonly response: Response;
	constructor(response: Response) {
		this.response = response;
	}
	get status(): number {
		return this.response.status;
	}
	location(): string | undefined {
		return this.response.headers.get('location') ?? undefined;
	}
	discard(): void {
		this.response.body?.cancel().catch(() => undefined);
	}
}

/**
 * Sends one API request with ky on the client's agent, following redirects by hand (each hop checked
 * by the URL policy). A 303, or a 301/302 to a POST, continues as GET without a body.
 */
async function sendRequest(transport: Transport, url: URL, options: RequestOptions): Promise<{ response: Response; url: URL }> {
	const { signal, provider } = options;
	const ky = await transport.ky();
	const { response, url: finalUrl } = await followRedirects<ApiHop>(
		transport,
		url,
		provider,
		async (current, credential, previous) => {
			const status = previous?.status;
			const asGet = status === 303 || (options.method === 'POST' && (status === 301 || status === 302));
			const headers: Record<string, string> = { ...options.headers, ...credential };
			try {
				return new ApiHop(
					await ky(current, {
						method: asGet ? 'GET' : options.method,
						headers,
						...(options.json === undefined || asGet ? {} : { json: options.json }),
						redirect: 'manual',
						throwHttpErrors: false,
						retry: 0,
						timeout: transport.timeout,
						...(signal === undefined ? {} : { signal }),
					}),
				);
			} catch (error) {
				if (signal !== undefined && isAbortOf(error, signal)) throw abortError(signal, provider);
				throw transportError(error, options.step, provider, current.host);
			}
		},
		{ credential: options.credential },
	);
	return { response: response.response, url: finalUrl };
}

/** Reads at most 64 KiB of an error body as text; never fails. */
async function readErrorText(response: Response): Promise<string> {
	const reader = response.body?.getReader();
	if (reader === undefined) return '';
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		while (size < 65_536) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.length;
		}
	} catch {
		// A broken error body still leaves the status to go on.
	} finally {
		reader.cancel().catch(() => undefined);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** One call of a gateway's JSON API, as {@link callApi} makes it. */
export interface ApiCall<T> extends RequestOptions {
	url: URL;
	/** The URL as errors and events show it. */
	safeUrl: string;
	retry: RetrySettings;
	emit: EventListener;
	/** Held for the call when the gateway limits its rate. */
	limiter?: RateLimiter | undefined;
	/** Reads the answer's text; default: at most 64 KiB. */
	read?: (response: Response) => Promise<string>;
	/** The error of a failed answer, in the gateway's terms. */
	failure: (response: FailedResponse) => WamediaError;
	/** The value of a successful answer's text (may throw, as a 200 that reports a failure does). */
	parse: (text: string, answer: Omit<FailedResponse, 'status'>) => T;
}

/**
 * Calls a gateway's JSON API as every provider does: within its rate limit, if it has one; retried as
 * the client retries, each retry told as an event; a failed answer mapped to its code by the gateway.
 */
export function callApi<T>(transport: Transport, call: ApiCall<T>): Promise<T> {
	const { signal, provider, limiter } = call;
	return withRetry(
		async () => {
			const release =
				limiter === undefined
					? undefined
					: await limiter.take(signal).catch((error: unknown) => {
							throw signal?.aborted ? abortError(signal, provider) : error;
						});
			let response: Response;
			let text: string;
			try {
				let answered: URL;
				({ response, url: answered } = await sendRequest(transport, call.url, call));
				// A call with a credential is answered by the configured origin or not at all: an answer from
				// elsewhere could name where the credential goes next (a Graph media url), or be taken as the file.
				if (call.credential !== undefined && answered.origin !== call.url.origin) {
					response.body?.cancel().catch(() => undefined);
					throw offOriginAnswer(provider, call.step, call.url, answered);
				}
				text = await (call.read ?? readErrorText)(response);
			} finally {
				release?.();
			}
			const answer = { body: text, retryAfter: parseRetryAfter(response.headers.get('retry-after')), url: call.safeUrl };
			// The server counts differently than we do: every caller of the limiter waits, not only this one.
			if (response.status === 429) limiter?.slowDown(answer.retryAfter === undefined ? undefined : answer.retryAfter * 1000);
			if (!response.ok) throw call.failure({ ...answer, status: response.status });
			return call.parse(text, answer);
		},
		{ settings: call.retry, provider, signal, onRetry: reportRetries(call.emit, call.retry, call.safeUrl) },
	);
}
