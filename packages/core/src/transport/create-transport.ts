import type { KyInstance } from 'ky';
import type { Agent } from 'undici';
import type { HostResolver } from '../security/url-policy.js';
import { UrlPolicy } from '../security/url-policy.js';
import { Http1Client } from './http1-client.js';

/** What every request of one client shares. */
export interface Transport {
	/** The keep-alive connections the media bodies come on (docs/transfer.md#the-media-connection). */
	readonly media: Http1Client;
	/**
	 * undici's keep-alive agent for the JSON API calls (only its Agent, not its whole index: about half the
	 * memory), loaded on the first call: a download from a direct link never pays for it.
	 */
	agent(): Promise<Agent>;
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
	// Each origin gets a connection per download that may run at once; the callers (downloadMany's workers)
	// bound how many do.
	const connections = options.maxConcurrency;
	const keepAliveTimeout = 4_000;
	let agent: Promise<Agent> | undefined;
	const loadAgent = () => {
		agent ??= import('undici/lib/dispatcher/agent.js').then(
			({ default: AgentClass }) =>
				new AgentClass({
					connections,
					connect: { lookup: policy.lookup, timeout: options.timeout },
					headersTimeout: options.timeout,
					bodyTimeout: options.timeout,
					keepAliveTimeout,
				}),
		);
		return agent;
	};
	let instance: Promise<KyInstance> | undefined;
	return {
		media: new Http1Client({ connections, lookup: policy.lookup, keepAliveTimeout }),
		agent: loadAgent,
		policy,
		timeout: options.timeout,
		userAgent: options.userAgent,
		// ky (and with it the fetch implementation) is loaded only by a client that calls an API.
		ky: () => {
			instance ??= Promise.all([import('ky'), loadAgent()]).then(([{ default: ky }, dispatcher]) =>
				ky.create({
					...(options.fetch === undefined ? {} : { fetch: options.fetch }),
					// @ts-expect-error ky passes `dispatcher` through to fetch; its types do not list it.
					dispatcher,
					headers: { 'user-agent': options.userAgent },
					retry: 0,
					throwHttpErrors: false,
				}),
			);
			return instance;
		},
	};
}
