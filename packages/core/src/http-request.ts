import type { KyInstance } from 'ky';
import { abortError, isAbortOf, transportError } from './errors/transport-error.js';
import { type Provider, WamediaError } from './errors/wamedia-error.js';
import { checkUrl } from './utils/url-policy.js';

/** What every request of one client shares. */
export interface HttpContext {
	ky: KyInstance;
	/** Milliseconds to wait for response headers. */
	timeout: number;
	/** Sent as `Authorization` to `origin` only, never to another origin, also after a redirect. */
	authorization: { origin: string; value: string } | undefined;
	/** Whether media may come from private and loopback addresses (decided once per client). */
	allowPrivateNetwork: () => Promise<boolean>;
}

/** One request. */
export interface RequestOptions {
	method: 'GET' | 'POST';
	provider: Provider;
	/** What the request is for, in words ("requesting the download link"). */
	step: string;
	headers?: Record<string, string>;
	json?: unknown;
	signal?: AbortSignal | undefined;
	/** Apply the URL policy's private-network rule (media links); the configured API is trusted. */
	isMedia: boolean;
}

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one request and follows up to 5 redirects by hand, so that each hop is checked by the URL
 * policy and `Authorization` is dropped when the origin changes.
 */
export async function sendRequest(context: HttpContext, url: URL, options: RequestOptions): Promise<{ response: Response; url: URL }> {
	let current = url;
	let method = options.method;
	let json = options.json;
	for (let hop = 0; ; hop++) {
		await checkUrl(current, {
			allowPrivateNetwork: options.isMedia ? await context.allowPrivateNetwork() : true,
		});
		const headers: Record<string, string> = { ...options.headers };
		if (context.authorization !== undefined && current.origin === context.authorization.origin) {
			headers.authorization = context.authorization.value;
		}
		let response: Response;
		try {
			response = await context.ky(current, {
				method,
				headers,
				...(json === undefined ? {} : { json }),
				redirect: 'manual',
				throwHttpErrors: false,
				retry: 0,
				timeout: context.timeout,
				...(options.signal === undefined ? {} : { signal: options.signal }),
			});
		} catch (error) {
			if (options.signal !== undefined && isAbortOf(error, options.signal)) throw abortError(options.signal, options.provider);
			throw transportError(error, options.step, options.provider, current.host);
		}
		const location = response.headers.get('location');
		if (!redirectStatuses.has(response.status) || location === null) return { response, url: current };
		await response.body?.cancel().catch(() => undefined);
		if (hop >= maxRedirects) {
			throw new WamediaError('BLOCKED_URL', {
				message: `Too many redirects (more than ${maxRedirects})`,
				hint: 'The link redirects in a loop or too often; check the link.',
				provider: options.provider,
				details: { redirects: hop + 1 },
			});
		}
		try {
			current = new URL(location, current);
		} catch (error) {
			throw new WamediaError('UPSTREAM_ERROR', {
				message: 'The server redirected to an invalid URL',
				provider: options.provider,
				retryable: false,
				details: { status: response.status },
				cause: error,
			});
		}
		if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
			method = 'GET';
			json = undefined;
		}
	}
}

/** Reads at most 64 KiB of an error body as text; never fails. */
export async function readErrorText(response: Response): Promise<string> {
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
