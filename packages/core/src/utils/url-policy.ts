import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { WamediaError } from '../errors/wamedia-error.js';

// Always refused: link-local (which holds 169.254.169.254, the cloud metadata service) and the
// AWS IPv6 metadata address. DESIGN.md §2 "URL policy".
const alwaysBlocked = new BlockList();
alwaysBlocked.addSubnet('169.254.0.0', 16, 'ipv4');
alwaysBlocked.addSubnet('fe80::', 10, 'ipv6');
alwaysBlocked.addAddress('fd00:ec2::254', 'ipv6');

const privateRanges = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['172.16.0.0', 12],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
] as const) {
	privateRanges.addSubnet(network, prefix, 'ipv4');
}
privateRanges.addAddress('::', 'ipv6');
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6');

type Family = 'ipv4' | 'ipv6';

/** `::ffff:a.b.c.d` is the IPv4 address a.b.c.d. */
function unmap(address: string): { address: string; family: Family } {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped?.[1] !== undefined) return { address: mapped[1], family: 'ipv4' };
	return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether an IP address is link-local or a metadata address. */
export function isAlwaysBlockedAddress(address: string): boolean {
	const { address: plain, family } = unmap(address);
	return alwaysBlocked.check(plain, family);
}

/** Whether an IP address is private, loopback, unspecified or link-local. */
export function isPrivateAddress(address: string): boolean {
	const { address: plain, family } = unmap(address);
	return privateRanges.check(plain, family) || alwaysBlocked.check(plain, family);
}

/** The addresses a URL's host stands for: the literal IP, or what DNS answers. */
export async function resolveHost(url: URL): Promise<string[]> {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (isIP(host) !== 0) return [host];
	try {
		const answers = await lookup(host, { all: true, verbatim: true });
		return answers.map((answer) => answer.address);
	} catch (error) {
		throw new WamediaError('NETWORK', {
			message: `Cannot resolve host ${host}`,
			hint: 'Check the host name in the URL and your DNS settings.',
			details: { host },
			cause: error,
		});
	}
}

/** Options of {@link checkUrl}. */
export interface UrlPolicyOptions {
	/** Private and loopback addresses are accepted. Link-local and metadata addresses never are. */
	allowPrivateNetwork: boolean;
}

/**
 * Throws BLOCKED_URL unless the URL is http(s) and its host resolves only to addresses the policy
 * accepts. Run for every request, including each redirect hop.
 */
export async function checkUrl(url: URL, options: UrlPolicyOptions): Promise<void> {
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new WamediaError('BLOCKED_URL', {
			message: `Refused a ${url.protocol.replace(/:$/, '')}: URL`,
			hint: 'Only http and https links are downloaded.',
			details: { protocol: url.protocol },
		});
	}
	for (const address of await resolveHost(url)) {
		if (isAlwaysBlockedAddress(address)) {
			throw new WamediaError('BLOCKED_URL', {
				message: `Refused a link-local or metadata address (${address})`,
				hint: 'Links to 169.254.0.0/16, fe80::/10 and cloud metadata addresses are never fetched; the link or a redirect points there.',
				details: { host: url.hostname, address },
			});
		}
		if (!options.allowPrivateNetwork && isPrivateAddress(address)) {
			throw new WamediaError('BLOCKED_URL', {
				message: `Refused a private network address (${address})`,
				hint: 'Turn on allowPrivateNetwork if this media server is on your own network.',
				details: { host: url.hostname, address },
			});
		}
	}
}
