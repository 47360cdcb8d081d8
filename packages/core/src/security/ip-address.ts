/**
 * How the URL policy treats an address: `blocked` is never connected to (link-local and metadata,
 * site-local, multicast, reserved, broadcast, and anything that does not parse), `private` only when
 * the client allows private networks (loopback, unspecified, RFC 1918, shared and benchmarking space,
 * unique local), `public` always.
 */
export type AddressClass = 'blocked' | 'private' | 'public';

type Ipv4 = readonly [number, number, number, number];
/** Eight 16-bit groups. */
type Ipv6 = readonly number[];

/**
 * Classifies an IPv4 or IPv6 address (brackets and a zone id such as `%eth0` are accepted). An IPv6
 * address that embeds an IPv4 one is judged by the IPv4 address: IPv4-mapped `::ffff:0:0/96` in any
 * notation, IPv4-compatible `::/96` (except `::` and `::1`), NAT64 `64:ff9b::/96`, 6to4 `2002::/16`
 * and Teredo `2001::/32`. Ranges: https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry.
 *
 * @example
 * classifyAddress('169.254.169.254') // 'blocked'
 * classifyAddress('::ffff:7f00:1') // 'private' (127.0.0.1)
 * classifyAddress('93.184.216.34') // 'public'
 */
export function classifyAddress(address: string): AddressClass {
	const ipv4 = parseIpv4(address);
	if (ipv4 !== undefined) return classifyIpv4(ipv4);
	const ipv6 = parseIpv6(address);
	return ipv6 === undefined ? 'blocked' : classifyIpv6(ipv6);
}

/** Whether an address is anything but public: private, loopback, unspecified, or always blocked. */
export function isPrivateAddress(address: string): boolean {
	return classifyAddress(address) !== 'public';
}

/** Whether an address is refused whatever the options: link-local, metadata, site-local, multicast, reserved, broadcast, or not an address. */
export function isAlwaysBlockedAddress(address: string): boolean {
	return classifyAddress(address) === 'blocked';
}

function classifyIpv4([a, b, c]: Ipv4): AddressClass {
	// 169.254.0.0/16 (link-local: the metadata services), 224.0.0.0/4 (multicast), 240.0.0.0/4
	// (reserved, with 255.255.255.255, the broadcast address).
	if ((a === 169 && b === 254) || a >= 224) return 'blocked';
	if (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 192 && b === 0 && c === 0) ||
		(a === 198 && (b === 18 || b === 19))
	) {
		return 'private';
	}
	return 'public';
}

function classifyIpv6(groups: Ipv6): AddressClass {
	const embedded = embeddedIpv4(groups);
	if (embedded !== undefined) return classifyIpv4(embedded);
	const [first = 0] = groups;
	if (groups.every((group, index) => group === 0 || (index === 7 && group === 1))) return 'private'; // :: and ::1
	// fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast.
	if ((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xff00) === 0xff00) return 'blocked';
	// The AWS metadata service over IPv6.
	if (sameGroups(groups, [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254])) return 'blocked';
	// fc00::/7 unique local, 64:ff9b:1::/48 local-use NAT64 (the IPv4 address sits at a prefix-dependent place).
	if ((first & 0xfe00) === 0xfc00 || sameGroups(groups.slice(0, 3), [0x64, 0xff9b, 1])) return 'private';
	return 'public';
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one. */
function embeddedIpv4(groups: Ipv6): Ipv4 | undefined {
	const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
	const zeroTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
	// ::ffff:0:0/96 mapped, and ::/96 compatible (:: and ::1 are themselves).
	if (zeroTo4 && g5 === 0xffff) return fromGroups(g6, g7);
	if (zeroTo4 && g5 === 0 && !(g6 === 0 && g7 <= 1)) return fromGroups(g6, g7);
	// 64:ff9b::/96 NAT64 (RFC 6052).
	if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return fromGroups(g6, g7);
	// 2002::/16 6to4: the IPv4 address is bits 16–47 (RFC 3056).
	if (g0 === 0x2002) return fromGroups(g1, g2);
	// 2001::/32 Teredo: the client's IPv4 address, inverted, in the last 32 bits (RFC 4380).
	if (g0 === 0x2001 && g1 === 0) return fromGroups(g6 ^ 0xffff, g7 ^ 0xffff);
	return undefined;
}

function fromGroups(high: number, low: number): Ipv4 {
	return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function sameGroups(groups: Ipv6, expected: readonly number[]): boolean {
	return groups.length === expected.length && groups.every((group, index) => group === expected[index]);
}

/** A dotted quad of decimal numbers 0–255 without leading zeros (which some parsers read as octal). */
function parseIpv4(text: string): Ipv4 | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const numbers: number[] = [];
	for (const part of parts) {
		if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return undefined;
		const value = Number(part);
		if (value > 255) return undefined;
		numbers.push(value);
	}
	return numbers as unknown as Ipv4;
}

/**
 * Eight 16-bit groups from an IPv6 address in any notation: `::` compression, a dotted quad in the
 * last 32 bits, upper or lower case, in brackets, with a zone id (`%eth0`, also URL-encoded `%25eth0`).
 */
function parseIpv6(text: string): Ipv6 | undefined {
	let address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
	const zone = address.indexOf('%');
	if (zone !== -1) address = address.slice(0, zone);
	if (address.length > 45) return undefined;
	const halves = address.toLowerCase().split('::');
	if (halves.length > 2) return undefined;
	const head = parseGroups(halves[0] ?? '', halves.length === 1);
	const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
	if (head === undefined || tail === undefined) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	return [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
}

/** Colon-separated hex groups; the last may be a dotted quad (two groups) when `mayEndInIpv4`. */
function parseGroups(text: string, mayEndInIpv4: boolean): number[] | undefined {
	if (text === '') return [];
	const groups: number[] = [];
	const parts = text.split(':');
	for (const [index, part] of parts.entries()) {
		if (/^[0-9a-f]{1,4}$/.test(part)) {
			groups.push(Number.parseInt(part, 16));
			continue;
		}
		const ipv4 = mayEndInIpv4 && index === parts.length - 1 ? parseIpv4(part) : undefined;
		if (ipv4 === undefined) return undefined;
		groups.push((ipv4[0] << 8) | ipv4[1], (ipv4[2] << 8) | ipv4[3]);
	}
	return groups;
}
