import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { WamediaError } from '../errors/wamedia-error.js';
import { isAlwaysBlockedAddress, isPrivateAddress } from './ip-address.js';

/**
 * Resolves a host name to its addresses, as `dns.promises.lookup(host, { all: true })` does.
 * Injected through the client's `lookup` option (tests, custom DNS).
 */
export type HostResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** The system resolver. */
export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** What the policy needs to know about a client. */
export interface UrlPolicyOptions {
	/** Private and loopback addresses are accepted for media. Link-local and metadata addresses never are. */
	allowPrivateNetwork: boolean;
	/** Origins of the configured API and servers: trusted with private addresses, never with blocked ones. */
	configuredUrls: readonly URL[];
	resolve: HostResolver;
}

/**
 * Decides which addresses a client may connect to (docs/url-policy.md). The decision is made on the
 * address that is actually connected to: {@link UrlPolicy.lookup} is the connect-time lookup of the
 * client's HTTP agent, so no earlier, separate lookup can be answered differently (DNS rebinding).
 */
export class UrlPolicy {
	readonly #options: UrlPolicyOptions;
	readonly #configuredHosts: ReadonlySet<string>;
	#privateAllowed: Promise<boolean> | undefined;

	constructor(options: UrlPolicyOptions) {
		this.#options = options;
		this.#configuredHosts = new Set(options.configuredUrls.map((url) => bareHost(url.hostname)));
	}

	/** Refuses what can be refused before connecting: a scheme other than http(s), a literal address the policy refuses. */
	async checkUrl(url: URL): Promise<void> {
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			throw new WamediaError('BLOCKED_URL', {
				message: `Refused a ${url.protocol.replace(/:$/, '')}: URL`,
				hint: 'Only http and https links are downloaded.',
				details: { protocol: url.protocol },
			});
		}
		const host = bareHost(url.hostname);
		// A literal address is connected to without a lookup, so it is judged here.
		if (isIP(host) !== 0) await this.#judge(host, [host]);
	}

	/** A `net.connect` lookup that resolves once and refuses the answer unless every address is allowed. */
	readonly lookup: LookupFunction = (hostname, options, callback) => {
		const host = bareHost(hostname);
		const resolved: Promise<ReadonlyArray<{ address: string; family: number }>> =
			isIP(host) !== 0
				? Promise.resolve([{ address: host, family: isIP(host) }])
				: this.#options.resolve(host).catch((error: unknown) => {
						throw new WamediaError('NETWORK', {
							message: `Cannot resolve host ${host}`,
							hint: 'Check the host name in the URL and your DNS settings.',
							details: { host },
							cause: error,
						});
					});
		resolved
			.then(async (answers) => {
				const wanted =
					typeof options.family === 'number' ? options.family : options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : 0;
				const addresses = answers.filter((answer) => !wanted || answer.family === wanted);
				if (addresses.length === 0) throw new WamediaError('NETWORK', { message: `No address for host ${host}`, details: { host } });
				await this.#judge(
					host,
					addresses.map((answer) => answer.address),
				);
				if (options.all) {
					callback(
						null,
						addresses.map((answer) => ({ address: answer.address, family: answer.family })),
					);
				} else {
					const [first] = addresses as [{ address: string; family: number }];
					callback(null, first.address, first.family);
				}
			})
			.catch((error: NodeJS.ErrnoException) => callback(error, ''));
	};

	async #judge(host: string, addresses: readonly string[]): Promise<void> {
		const configured = this.#configuredHosts.has(host);
		for (const address of addresses) {
			if (isAlwaysBlockedAddress(address)) {
				throw new WamediaError('BLOCKED_URL', {
					message: `Refused a link-local, metadata or reserved address (${address})`,
					hint: 'Links to link-local, metadata, multicast and reserved addresses are never fetched; the link or a redirect points there.',
					details: { host, address },
				});
			}
			if (!configured && isPrivateAddress(address) && !(await this.#mayUsePrivate())) {
				throw new WamediaError('BLOCKED_URL', {
					message: `Refused a private network address (${address})`,
					hint: 'Turn on allowPrivateNetwork if this media server is on your own network.',
					details: { host, address, setting: 'allowPrivateNetwork' },
				});
			}
		}
	}

	// Media may come from private addresses when a configured server lives on one (docs/url-policy.md).
	#mayUsePrivate(): Promise<boolean> {
		this.#privateAllowed ??= this.#options.allowPrivateNetwork
			? Promise.resolve(true)
			: Promise.all(
					[...this.#configuredHosts].map((host) =>
						isIP(host) !== 0
							? [host]
							: this.#options
									.resolve(host)
									.then((answers) => answers.map((answer) => answer.address))
									.catch(() => [] as string[]),
					),
				).then((hosts) => hosts.flat().some(isPrivateAddress));
		return this.#privateAllowed;
	}
}

function bareHost(hostname: string): string {
	return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}
