import type { KyInstance } from 'ky';
import type { Agent } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import type { HostResolver } from '../security/url-policy.js';
import { UrlPolicy } from '../security/url-policy.js';

/** What every request of one client shares. */
export interface Transport {
	/** One keep-alive agent (only undici's Agent is loaded, not its whole index: about half the memory) for every request of the client, media and API alike. */
	readonly agent: Agent;
	/** ky for the JSON API calls, sent through `agent`; loaded on the first call. */
	ky(): Promise<KyInstance>;
	readonly policy: UrlPolicy;
	/** Milliseconds to wait for response headers, and for each next piece of a body. */
	readonly timeout: number;
	readonly userAgent: string;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
	timeout: number;
	/** The most downloads that may run at once (downloadMany may raise the client's default per call). */
	maxConcurrency: number;
	allowPrivateNetwork: boolean;
	configuredUrls: readonly URL[];
	resolve: HostResolver;
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
	const agent = new AgentClass({
		// Each origin gets a connection per download that may run at once; the callers (downloadMany's workers)
		// bound how many do.
		connections: options.maxConcurrency,
		connect: { lookup: policy.lookup, timeout: options.timeout },
		headersTimeout: options.timeout,
		bodyTimeout: options.timeout,
		keepAliveTimeout: 4_000,
	});
	let instance: Promise<KyInstance> | undefined;
	return {
		agent,
		policy,
		timeout: options.timeout,
		userAgent: options.userAgent,
		// ky (and with it the fetch implementation) is loaded only by a client that calls an API:
		// a download from a direct link never pays for it.
		ky: () => {
			instance ??= import('ky').then(({ default: ky }) =>
				ky.create({
					...(options.fetch === undefined ? {} : { fetch: options.fetch }),
					// @ts-expect-error ky passes `dispatcher` through to fetch; its types do not list it.
					dispatcher: agent,
					headers: { 'user-agent': options.userAgent },
					retry: 0,
					throwHttpErrors: false,
				}),
			);
			return instance;
		},
	};
}
