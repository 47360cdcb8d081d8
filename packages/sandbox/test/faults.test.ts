import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { delay, downloadFile, rawGet, readUntilEnd, sha256 } from './helpers.js';

describe('fault injection', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ media: [{ id: 'small', kind: 'bytes', size: 2000 }] });
	});
	afterEach(() => sandbox.close());

	it('answers with a status a given number of times, then normally', async () => {
		sandbox.faults.add({ server: 'api', path: 'downloadFile', type: 'status', status: 503, times: 2 });
		expect(sandbox.faults.list()).toEqual([{ server: 'api', path: 'downloadFile', type: 'status', status: 503, times: 2 }]);
		const body = { chatId: sandbox.chatId, idMessage: sandbox.media.get('image').idMessage };
		const first = await downloadFile(sandbox, body);
		expect([first.status, await first.text()]).toEqual([503, 'Service Unavailable']);
		expect(sandbox.faults.list()[0]?.times).toBe(1);
		expect((await downloadFile(sandbox, body)).status).toBe(503);
		expect((await downloadFile(sandbox, body)).status).toBe(200);
		expect(sandbox.faults.list()).toEqual([]);
		expect(sandbox.requests.list().map((record) => record.status)).toEqual([503, 503, 200]);
	});

	it('sends custom bodies and headers, and matches only its server', async () => {
		sandbox.faults.add({ server: 'storage', type: 'status', status: 500, body: '<oops/>', headers: { 'content-type': 'application/xml' } });
		const state = await fetch(
			`${sandbox.greenApi.apiUrl}/waInstance${sandbox.greenApi.idInstance}/getStateInstance/${sandbox.greenApi.apiTokenInstance}`,
		);
		expect(state.status).toBe(200);
		const response = await fetch(sandbox.storageLink('image'));
		expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([500, 'application/xml', '<oops/>']);
	});

	it('rate-limits with Retry-After', async () => {
		sandbox.faults.add({ type: 'rate-limit' });
		sandbox.faults.add({ type: 'rate-limit', retryAfter: 7 });
		const first = await fetch(sandbox.storageLink('image'));
		expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([429, '1', 'Too Many Requests']);
		const second = await fetch(sandbox.storageLink('image'));
		expect([second.status, second.headers.get('retry-after')]).toEqual([429, '7']);
		await second.arrayBuffer();
	});

	it('redirects anywhere, including to addresses a client must refuse', async () => {
		sandbox.faults.add({ server: 'storage', type: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' });
		sandbox.faults.add({ server: 'multiSession', type: 'redirect', location: '/elsewhere', status: 307 });
		const metadata = await fetch(sandbox.storageLink('image'), { redirect: 'manual' });
		expect([metadata.status, metadata.headers.get('location')]).toEqual([302, 'http://169.254.169.254/latest/meta-data/']);
		const relative = await fetch(`${sandbox.multiSession.serverUrl}${sandbox.multiSessionPath('image')}`, { redirect: 'manual' });
		expect([relative.status, relative.headers.get('location')]).toEqual([307, '/elsewhere']);
	});

	it('resets the connection after some bytes', async () => {
		sandbox.faults.add({ type: 'reset', afterBytes: 1000, times: 2 });
		const response = await fetch(sandbox.storageLink('image'));
		expect(response.headers.get('content-length')).toBe('48213');
		const { bytes, error } = await readUntilEnd(response);
		expect(error).toBeDefined();
		expect(bytes.length).toBeLessThanOrEqual(1000);
		const raw = await rawGet(sandbox.storageLink('image'));
		expect([raw.ending, raw.errorCode, raw.body.length]).toEqual(['error', 'ECONNRESET', 1000]);
	});

	it('truncates the body with a clean close', async () => {
		sandbox.faults.add({ type: 'truncate', afterBytes: 1234, times: 2 });
		const raw = await rawGet(sandbox.storageLink('image'));
		expect([raw.ending, raw.headers['content-length'], raw.body.length]).toEqual(['end', '48213', 1234]);
		const { bytes, error } = await readUntilEnd(await fetch(sandbox.storageLink('image')));
		expect(bytes.length).toBe(1234);
		expect(error).toBeDefined();
	});

	it('stalls after some bytes until the sandbox closes', async () => {
		sandbox.faults.add({ type: 'stall', afterBytes: 100 });
		const response = await fetch(sandbox.storageLink('image'));
		const reader = response.body?.getReader();
		let received = 0;
		while (received < 100) {
			received += (await reader?.read())?.value?.length ?? 0;
		}
		expect(received).toBe(100);
		const pending = reader?.read();
		const outcome = await Promise.race([pending?.then(() => 'data'), delay(300).then(() => 'quiet')]);
		expect(outcome).toBe('quiet');
		await sandbox.close();
		await expect(pending).rejects.toThrow();
	});

	it('throttles the body', async () => {
		sandbox.faults.add({ type: 'slow', bytesPerSecond: 10_000 });
		const started = performance.now();
		const response = await fetch(sandbox.storageLink('small'));
		const bytes = Buffer.from(await response.arrayBuffer());
		const elapsed = performance.now() - started;
		expect(sha256(bytes)).toBe(sandbox.media.get('small').sha256);
		expect(elapsed).toBeGreaterThanOrEqual(180);
		expect(elapsed).toBeLessThan(1000);
	});

	it('sends the body chunked, without Content-Length', async () => {
		sandbox.faults.add({ type: 'no-content-length' });
		const response = await fetch(sandbox.storageLink('image'));
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
	});

	it('sends more bytes than Content-Length declares', async () => {
		sandbox.faults.add({ type: 'extra-bytes', count: 13 });
		const raw = await rawGet(sandbox.storageLink('small'));
		expect([raw.headers['content-length'], raw.body.length]).toEqual(['1987', 2000]);
		expect(sha256(raw.body)).toBe(sandbox.media.get('small').sha256);
	});

	it('spends body faults only on media bodies, and applies them to ranges and Multi-Session', async () => {
		sandbox.faults.add({ type: 'truncate', afterBytes: 10, times: 2 });
		const expired = await fetch(sandbox.storageLink('image', { expired: true }));
		expect(expired.status).toBe(403);
		await expired.text();
		expect((await fetch(sandbox.storageLink('image'), { method: 'HEAD' })).status).toBe(200);
		expect(sandbox.faults.list()[0]?.times).toBe(2);
		const ranged = await rawGet(sandbox.storageLink('image'), { range: 'bytes=100-' });
		expect([ranged.head.split('\r\n')[0], ranged.headers['content-length'], ranged.body.length]).toEqual([
			'HTTP/1.1 206 Partial Content',
			'48113',
			10,
		]);
		const multi = await rawGet(`${sandbox.multiSession.serverUrl}${sandbox.multiSessionPath('image')}`, {
			authorization: `Bearer ${sandbox.multiSession.apiKey}`,
		});
		expect([multi.ending, multi.body.length]).toEqual(['end', 10]);
		expect(sandbox.faults.list()).toEqual([]);
	});

	it('matches faults by path substring and keeps Infinity faults', async () => {
		sandbox.faults.add({ path: 'a6679d42', type: 'status', status: 404, times: Number.POSITIVE_INFINITY });
		for (let attempt = 0; attempt < 3; attempt++) {
			expect((await fetch(sandbox.storageLink('image'))).status).toBe(404);
		}
		expect((await fetch(sandbox.storageLink('small'))).status).toBe(200);
		expect(sandbox.faults.list()[0]?.times).toBe(Number.POSITIVE_INFINITY);
		sandbox.faults.clear();
		expect((await fetch(sandbox.storageLink('image'))).status).toBe(200);
	});

	it('rejects invalid faults', () => {
		expect(() => sandbox.faults.add({ type: 'reset' } as never)).toThrow(/afterBytes/);
		expect(() => sandbox.faults.add({ type: 'teleport' } as never)).toThrow(/unknown type/);
		expect(() => sandbox.faults.add({ type: 'status', status: 503, times: 0 })).toThrow(/times/);
	});
});
