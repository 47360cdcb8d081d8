import ky, { type KyInstance } from 'ky';
import { Agent } from 'undici';
import type { HostResolver } from '../utils/url-policy.js';
import { UrlPolicy } from '../utils/url-policy.js';

/** What every request of one client shares. */
export interface Transport {
	/** One keep-alive agent for every request of the client, media and API alike. */
	readonly agent: Agent;
	/** JSON API calls, sent through `agent`. */
	readonly ky: KyInstance;
	readonly policy: UrlPolicy;
	/** Milliseconds to wait for response headers, and for each next piece of a body. */
	readonly timeout: number;
	/** Sent as `Authorization` to `origin` only (see followRedirects). */
	readonly authorization: { origin: string; value: string } | undefined;
	readonly userAgent: string;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
	timeout: number;
	/** Downloads that may run at once: each origin gets as many connections. */
	concurrency: number;
	allowPrivateNetwork: boolean;
	configuredUrls: readonly URL[];
	resolve: HostResolver;
	authorization: { origin: string; value: string } | undefined;
	userAgent: string;
	fetch: typeof fetch | undefined;
}

/**
 * The agent, its URL policy and the JSON client of one client. The policy runs as the agent's
 * connect-time lookup, so it judges the very address each connection goes to.
 */
export function createTransport(options: TransportOptions): Transport {
	const policy = new UrlPolicy({
		allowPrivateNetwork: options.allowPrivateNetwork,
		configuredUrls: options.configuredUrls,
		resolve: options.resolve,
	});
	const agent = new Agent({
		connections: options.concurrency + 1,
		connect: { lookup: policy.lookup, timeout: options.timeout },
		headersTimeout: options.timeout,
		bodyTimeout: options.timeout,
		keepAliveTimeout: 4_000,
	});
	return {
		agent,
		policy,
		timeout: options.timeout,
		authorization: options.authorization,
		userAgent: options.userAgent,
		ky: ky.create({
			...(options.fetch === undefined ? {} : { fetch: options.fetch }),
			// @ts-expect-error ky passes `dispatcher` through to fetch; its types do not list it.
			dispatcher: agent,
			headers: { 'user-agent': options.userAgent },
			retry: 0,
			throwHttpErrors: false,
		}),
	};
}
