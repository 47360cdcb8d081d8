import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { validateServerUrl } from '../src/security/validate.js';

describe('validateServerUrl', () => {
	it.each([
		['https://7103.api.greenapi.com', 'https://7103.api.greenapi.com/'],
		['https://host/path/', 'https://host/path/'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
		['  https://host  ', 'https://host/'],
	])('accepts %j', (value, href) => {
		expect(validateServerUrl(value, 'apiUrl').href).toBe(href);
	});

	it.each([
		['https://host?x=1', 'query'],
		['https://host/path?', 'query'],
		['https://host/?token=abc#frag', 'query'],
		['https://host#x', 'fragment'],
		['https://host/path#', 'fragment'],
		['https://user:pa55word@host', 'user name or password'],
		['https://user@host', 'user name or password'],
		['https://:pa55word@host', 'user name or password'],
		['ftp://host', 'absolute http(s) URL'],
		['not a url', 'absolute http(s) URL'],
	])('refuses %j (%s), naming the field', (value, problem) => {
		for (const field of ['apiUrl', 'serverUrl']) {
			expect(() => validateServerUrl(value, field)).toThrow(
				expect.objectContaining({
					code: 'INVALID_INPUT',
					message: expect.stringMatching(new RegExp(`^Invalid ${field}: .*${problem.replace(/[()]/g, '\\$&')}`)),
					details: { field },
				}),
			);
		}
	});

	it('never repeats the user info, query or fragment', () => {
		for (const value of ['https://alice:pa55word@host', 'https://host/?key=k3y-in-query', 'https://host/#fr4gment']) {
			try {
				validateServerUrl(value, 'serverUrl');
				expect.unreachable();
			} catch (error) {
				const text = JSON.stringify(error) + String((error as Error).message) + String((error as Error).stack);
				for (const part of ['alice', 'pa55word', 'k3y-in-query', 'fr4gment', value]) expect(text).not.toContain(part);
			}
		}
	});
});

describe('createClient refuses a server URL with user info, a query or a fragment before any request', () => {
	let requests = 0;
	const server = createServer((_request, response) => {
		requests++;
		response.end('{}');
	});
	let origin = '';
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});

	it.each([
		['apiUrl', 'user:password@', (host: string) => `http://u:p@${host}`],
		['apiUrl', 'user@', (host: string) => `http://u@${host}`],
		['apiUrl', 'a query', (host: string) => `http://${host}?x=1`],
		['apiUrl', 'a fragment', (host: string) => `http://${host}/#x`],
		['serverUrl', 'user:password@', (host: string) => `http://u:p@${host}`],
		['serverUrl', 'a query', (host: string) => `http://${host}/api?x=1`],
		['serverUrl', 'a fragment', (host: string) => `http://${host}#x`],
	])('%s with %s', async (field, _problem, url) => {
		let fetched = 0;
		const fetch = (() => {
			fetched++;
			return Promise.reject(new Error('no request may be sent'));
		}) as unknown as typeof globalThis.fetch;
		const options =
			field === 'apiUrl'
				? { greenApi: { apiUrl: url(origin), idInstance: '1101000001', apiTokenInstance: 'token-0123456789' }, fetch, retry: 3 }
				: { multiSession: { serverUrl: url(origin), apiKey: 'wams_0123456789' }, fetch, retry: 3 };
		let thrown: unknown;
		try {
			const client = createClient(options);
			await client.download({ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' }).catch(() => undefined);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toMatchObject({ code: 'INVALID_INPUT', details: { field }, message: expect.stringContaining(field) });
		expect(JSON.stringify(thrown)).not.toContain('u:p');
		expect(fetched).toBe(0);
		expect(requests).toBe(0);
	});
});
