import { abortError, isAbortOf, transportError } from './errors/transport-error.js';
import type { Provider } from './errors/wamedia-error.js';
import type { Transport } from './transport/create-transport.js';
import { followRedirects, type Hop } from './transport/follow-redirects.js';

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
export async function sendRequest(transport: Transport, url: URL, options: RequestOptions): Promise<{ response: Response; url: URL }> {
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
