import { type Provider, WamediaError } from '../errors/wamedia-error.js';
import type { Transport } from './create-transport.js';

/** What the redirect loop needs of an answer. */
export interface Hop {
	readonly status: number;
	/** The Location header, if any. */
	location(): string | undefined;
	/** Drops the answer's body. */
	discard(): void;
}

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * The error for an API answer that came, after redirects, from another origin than the configured one. Such
 * an answer is never read: what it says (a media URL that receives the token, a file) is not the
 * configured server's word (docs/url-policy.md#credentials).
 */
export function offOriginAnswer(provider: Provider, step: string, configured: URL, answered: URL): WamediaError {
	return new WamediaError('UPSTREAM_ERROR', {
		message: `The answer to ${step} came from ${answered.origin}, not from the configured ${configured.origin}`,
		hint: 'The server redirected an API call to another origin, whose answer wamedia does not trust with a credential. Configure the address the API really answers on.',
		provider,
		retryable: false,
		details: { origin: answered.origin, configuredOrigin: configured.origin },
	});
}

/**
 * Sends a request and follows up to 5 redirects by hand: each hop is checked by the URL policy, and a
 * credential goes only to the origin the chain started on, and only until the chain first leaves it —
 * never again, even when it comes back (docs/url-policy.md#credentials).
 */
export async function followRedirects<T extends Hop>(
	transport: Transport,
	start: URL,
	provider: Provider,
	send: (url: URL, credential: Record<string, string> | undefined, previous: T | undefined) => Promise<T>,
	options: { credential?: Record<string, string> | undefined; onRedirect?: (status: number, from: URL, to: URL) => void } = {},
): Promise<{ response: T; url: URL }> {
	const { credential, onRedirect } = options;
	let trusted = credential !== undefined;
	let current = start;
	let previous: T | undefined;
	for (let hop = 0; ; hop++) {
		await transport.policy.checkUrl(current);
		trusted &&= current.origin === start.origin;
		const response = await send(current, trusted ? credential : undefined, previous);
		const location = response.location();
		if (!redirectStatuses.has(response.status) || location === undefined) return { response, url: current };
		response.discard();
		if (hop >= maxRedirects) {
			throw new WamediaError('BLOCKED_URL', {
				message: `Too many redirects (more than ${maxRedirects})`,
				hint: 'The link redirects in a loop or too often; check the link.',
				provider,
				details: { redirects: hop + 1 },
			});
		}
		const from = current;
		try {
			current = new URL(location, current);
		} catch (error) {
			throw new WamediaError('UPSTREAM_ERROR', {
				message: 'The server redirected to an invalid URL',
				provider,
				retryable: false,
				details: { status: response.status },
				cause: error,
			});
		}
		onRedirect?.(response.status, from, current);
		previous = response;
	}
}
