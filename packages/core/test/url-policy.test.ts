import { describe, expect, it } from 'vitest';
import { UrlPolicy } from '../src/security/url-policy.js';

// Every address here is judged without any traffic: resolvers are injected, and nothing connects.
function policy(allowPrivateNetwork: boolean, answers: Record<string, string[]> = {}, configured: string[] = []) {
	const calls: string[] = [];
	const resolve = async (hostname: string) => {
		calls.push(hostname);
		const list = answers[hostname];
		if (list === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
		return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
	};
	return { calls, policy: new UrlPolicy({ allowPrivateNetwork, configuredUrls: configured.map((url) => new URL(url)), resolve }) };
}

function lookup(target: UrlPolicy, hostname: string): Promise<string[]> {
	return new Promise((resolve, reject) => {
		target.lookup(hostname, { all: true }, (error, addresses) => {
			if (error) reject(error);
			else resolve((addresses as Array<{ address: string }>).map((answer) => answer.address));
		});
	});
}

describe('URL policy', () => {
	it.each([
		['file:///etc/passwd', 'Refused a file: URL'],
		['ftp://8.8.8.8/x', 'Refused a ftp: URL'],
		['http://169.254.169.254/latest/meta-data/', 'link-local'],
		['http://[fd00:ec2::254]/', 'link-local'],
		['http://2852039166/', 'link-local'],
		['http://127.0.0.1:9/x', 'private network'],
		['http://[::1]/x', 'private network'],
	])('refuses %s before connecting', async (url, message) => {
		await expect(policy(false).policy.checkUrl(new URL(url))).rejects.toMatchObject({
			code: 'BLOCKED_URL',
			message: expect.stringContaining(message),
		});
	});
	it.each([
		'http://[::ffff:127.0.0.1]/x',
		'http://[::ffff:7f00:1]/x',
		'http://[0:0:0:0:0:ffff:7f00:0001]/x',
		'http://[::127.0.0.1]/x',
		'http://[64:ff9b::7f00:1]/x',
		'http://[2002:7f00:1::]/x',
		'http://[::ffff:10.0.0.1]/x',
	])('judges %s by the IPv4 address it embeds', async (url) => {
		await expect(policy(false).policy.checkUrl(new URL(url))).rejects.toMatchObject({
			code: 'BLOCKED_URL',
			message: expect.stringContaining('private network'),
		});
		await expect(policy(true).policy.checkUrl(new URL(url))).resolves.toBeUndefined();
	});
	it.each([
		'http://[::ffff:169.254.169.254]/latest/meta-data/',
		'http://[64:ff9b::a9fe:a9fe]/',
		'http://[2002:a9fe:a9fe::]/',
		'http://[fec0::1]/',
		'http://[ff02::1]/',
		'http://224.0.0.1/',
		'http://239.255.255.250/',
		'http://240.0.0.1/',
		'http://255.255.255.255/',
	])('always refuses %s, also with private networks allowed', async (url) => {
		await expect(policy(true).policy.checkUrl(new URL(url))).rejects.toMatchObject({ code: 'BLOCKED_URL' });
	});
	it('allows private addresses on opt-in, never metadata', async () => {
		const { policy: open } = policy(true);
		await expect(open.checkUrl(new URL('http://127.0.0.1:9/x'))).resolves.toBeUndefined();
		await expect(open.checkUrl(new URL('http://169.254.169.254/'))).rejects.toMatchObject({ code: 'BLOCKED_URL' });
	});
	it('leaves host names to the connect-time lookup, which judges every answer', async () => {
		const { policy: closed, calls } = policy(false, { 'media.test': ['127.0.0.1'], 'meta.test': ['169.254.169.254'] });
		await expect(closed.checkUrl(new URL('http://media.test/x'))).resolves.toBeUndefined();
		expect(calls).toEqual([]);
		await expect(lookup(closed, 'media.test')).rejects.toMatchObject({ code: 'BLOCKED_URL', message: expect.stringContaining('private') });
		await expect(lookup(closed, 'meta.test')).rejects.toMatchObject({ code: 'BLOCKED_URL' });
		expect(calls).toEqual(['media.test', 'meta.test']);
	});
	it('refuses a name when any of its addresses is refused', async () => {
		const { policy: closed } = policy(false, { 'mixed.test': ['192.0.2.10', '10.0.0.1'] });
		await expect(lookup(closed, 'mixed.test')).rejects.toMatchObject({ code: 'BLOCKED_URL' });
	});
	it('trusts the configured server with private addresses, and then media on private addresses too', async () => {
		const { policy: configured } = policy(false, { 'gateway.lan': ['10.0.0.5'], 'media.lan': ['10.0.0.6'] }, ['http://gateway.lan:8080']);
		await expect(lookup(configured, 'gateway.lan')).resolves.toEqual(['10.0.0.5']);
		await expect(lookup(configured, 'media.lan')).resolves.toEqual(['10.0.0.6']);
	});
	it('reports a name that does not resolve as NETWORK naming the host', async () => {
		await expect(lookup(policy(false).policy, 'nowhere.test')).rejects.toMatchObject({
			code: 'NETWORK',
			message: expect.stringContaining('nowhere.test'),
		});
	});
});
