import { describe, expect, it } from 'vitest';
import { classifyAddress, isAlwaysBlockedAddress, isPrivateAddress } from '../src/security/ip-address.js';

// Addresses are only classified here: nothing connects to any of them.
describe('classifyAddress', () => {
	it.each([
		// IPv4 link-local and the metadata service
		'169.254.169.254',
		'169.254.0.0',
		'169.254.255.255',
		// multicast, reserved, broadcast
		'224.0.0.1',
		'239.255.255.250',
		'240.0.0.1',
		'250.1.2.3',
		'255.255.255.255',
		// IPv6 link-local, site-local, multicast, AWS metadata
		'fe80::1',
		'fe80::1%eth0',
		'[fe80::1%25eth0]',
		'febf:ffff::1',
		'FE80:0:0:0:0:0:0:1',
		'fec0::1',
		'feff::1',
		'ff02::1',
		'ff05::1:3',
		'FF0E::101',
		'fd00:ec2::254',
		'fd00:0ec2:0000:0000:0000:0000:0000:0254',
		'[fd00:ec2::254]',
		// embedded IPv4 that is always blocked
		'::ffff:169.254.169.254',
		'::ffff:a9fe:a9fe',
		'0:0:0:0:0:ffff:a9fe:a9fe',
		'::169.254.169.254',
		'::a9fe:a9fe',
		'64:ff9b::169.254.169.254',
		'64:ff9b::a9fe:a9fe',
		'2002:a9fe:a9fe::',
		'2002:a9fe:a9fe:1:2:3:4:5',
		'::ffff:224.0.0.1',
		'::ffff:255.255.255.255',
		'64:ff9b::f000:1',
		'2002:e000:0001::1',
	])('%s is always blocked', (address) => {
		expect(classifyAddress(address)).toBe('blocked');
		expect(isAlwaysBlockedAddress(address)).toBe(true);
		expect(isPrivateAddress(address)).toBe(true);
	});

	it.each([
		'0.0.0.0',
		'0.1.2.3',
		'10.0.0.1',
		'10.255.255.255',
		'100.64.0.1',
		'100.127.255.255',
		'127.0.0.1',
		'127.255.255.254',
		'172.16.0.1',
		'172.31.255.255',
		'192.168.0.1',
		'192.0.0.192',
		'198.18.0.1',
		'198.19.255.255',
		'::',
		'::1',
		'0:0:0:0:0:0:0:1',
		'0000:0000:0000:0000:0000:0000:0000:0001',
		'[::1]',
		'::1%lo',
		'fc00::1',
		'fd12:3456:789a::1',
		'FDFF:FFFF::1',
		'64:ff9b:1::a00:1',
		// IPv4-mapped ::ffff:0:0/96 in every notation
		'::ffff:127.0.0.1',
		'::FFFF:127.0.0.1',
		'::ffff:7f00:1',
		'::ffff:7F00:0001',
		'0:0:0:0:0:ffff:7f00:0001',
		'0000:0000:0000:0000:0000:ffff:7f00:0001',
		'0:0:0:0:0:ffff:127.0.0.1',
		'::0:ffff:127.0.0.1',
		'[::ffff:127.0.0.1]',
		'::ffff:127.0.0.1%eth0',
		'::ffff:10.0.0.1',
		'::ffff:0.0.0.0',
		'::ffff:0:0',
		'::ffff:c0a8:101',
		// IPv4-compatible ::/96
		'::127.0.0.1',
		'::7f00:1',
		'0:0:0:0:0:0:7f00:1',
		'::10.1.2.3',
		'::2',
		// NAT64 64:ff9b::/96
		'64:ff9b::127.0.0.1',
		'64:ff9b::7f00:1',
		'64:FF9B:0:0:0:0:a00:1',
		'64:ff9b::192.168.1.1',
		// 6to4 2002::/16: the IPv4 address is bits 16–47
		'2002:7f00:1::',
		'2002:7f00:0001:0:0:0:0:1',
		'2002:c0a8:0101::1',
		'2002:0a00:0001:ffff::',
		// Teredo 2001::/32 with the client 127.0.0.1 (inverted)
		'2001:0:4136:e378:8000:63bf:80ff:fffe',
	])('%s is private', (address) => {
		expect(classifyAddress(address)).toBe('private');
		expect(isPrivateAddress(address)).toBe(true);
		expect(isAlwaysBlockedAddress(address)).toBe(false);
	});

	it.each([
		'8.8.8.8',
		'1.1.1.1',
		'93.184.216.34',
		'100.63.255.255',
		'100.128.0.1',
		'172.15.255.255',
		'172.32.0.1',
		'192.167.1.1',
		'192.169.0.1',
		'198.17.255.255',
		'198.20.0.1',
		'169.253.0.1',
		'223.255.255.255',
		'2001:4860:4860::8888',
		'2606:4700:4700::1111',
		'2a00:1450:4001:80b::200e',
		'[2001:db8::1]',
		'fe00::1',
		'fbff::1',
		'::ffff:8.8.8.8',
		'::ffff:808:808',
		'::8.8.8.8',
		'64:ff9b::8.8.8.8',
		'64:ff9b::808:808',
		'2002:0808:0808::1',
		'2001:0:4136:e378:8000:63bf:f7f7:f7f7',
		'64:ff9b:0:0:0:1:7f00:1',
		'::1:ffff:7f00:1',
	])('%s is public', (address) => {
		expect(classifyAddress(address)).toBe('public');
		expect(isPrivateAddress(address)).toBe(false);
		expect(isAlwaysBlockedAddress(address)).toBe(false);
	});

	it.each([
		'',
		'localhost',
		'example.com',
		'127.1',
		'127.0.0.1.',
		'0x7f.0.0.1',
		'0177.0.0.1',
		'127.000.000.001',
		'256.0.0.1',
		'1.2.3.4.5',
		'2852039166',
		':',
		':::',
		'::1::',
		':1',
		'1:',
		'1::2::3',
		'1:2:3:4:5:6:7',
		'1:2:3:4:5:6:7:8:9',
		'1:2:3:4:5:6:7::8',
		'::1:2:3:4:5:6:7:8',
		'12345::',
		'g::1',
		'::ffff:127.0.0.256',
		'::ffff:127.0.1',
		'::127.0.0.1:1',
		'1.2.3.4::',
		'1:2:3:4:5:6:7:1.2.3.4',
		'[::1',
		'::1]',
		' ::1',
		`${'0:'.repeat(30)}1`,
	])('%j does not parse and is blocked', (address) => {
		expect(classifyAddress(address)).toBe('blocked');
	});
});
