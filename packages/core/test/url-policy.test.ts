import { describe, expect, it } from 'vitest';
import { checkUrl, isAlwaysBlockedAddress, isPrivateAddress } from '../src/utils/url-policy.js';

describe('URL policy', () => {
	it.each(['169.254.169.254', '169.254.0.1', 'fe80::1', 'fd00:ec2::254', '::ffff:169.254.169.254'])('always blocks %s', (address) => {
		expect(isAlwaysBlockedAddress(address)).toBe(true);
	});
	it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '0.0.0.0', '::1', 'fc00::1', '::ffff:10.0.0.1'])(
		'%s is private',
		(address) => {
			expect(isPrivateAddress(address)).toBe(true);
		},
	);
	it.each(['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888'])('%s is public', (address) => {
		expect(isPrivateAddress(address)).toBe(false);
	});

	// Literal addresses are checked without any traffic: no request leaves the process here.
	it.each([
		['file:///etc/passwd', 'Refused a file: URL'],
		['ftp://8.8.8.8/x', 'Refused a ftp: URL'],
		['http://169.254.169.254/latest/meta-data/', 'link-local'],
		['http://[fd00:ec2::254]/', 'link-local'],
		['http://2852039166/', 'link-local'],
		['http://127.0.0.1:9/x', 'private network'],
		['http://[::1]/x', 'private network'],
	])('refuses %s', async (url, message) => {
		await expect(checkUrl(new URL(url), { allowPrivateNetwork: false })).rejects.toMatchObject({
			code: 'BLOCKED_URL',
			message: expect.stringContaining(message),
		});
	});
	it('allows private addresses on opt-in, never metadata', async () => {
		await expect(checkUrl(new URL('http://127.0.0.1:9/x'), { allowPrivateNetwork: true })).resolves.toBeUndefined();
		await expect(checkUrl(new URL('http://169.254.169.254/'), { allowPrivateNetwork: true })).rejects.toMatchObject({
			code: 'BLOCKED_URL',
		});
	});
	it('resolves names before deciding', async () => {
		await expect(checkUrl(new URL('http://localhost:9/x'), { allowPrivateNetwork: false })).rejects.toMatchObject({ code: 'BLOCKED_URL' });
	});
});
