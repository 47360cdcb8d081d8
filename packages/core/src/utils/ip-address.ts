import { BlockList, isIP } from 'node:net';

// Always refused: link-local (which holds 169.254.169.254, the cloud metadata service) and the
// AWS IPv6 metadata address. (temporary; replaced by the full classification)
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
