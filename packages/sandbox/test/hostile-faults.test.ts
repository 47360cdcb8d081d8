import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { downloadFile, rawGet, sha256 } from './helpers.js';

describe('hostile faults', () => {
	let sandbox: Sandbox;
	let image: Buffer;
	let auth: { authorization: string };
	beforeEach(async () => {
		sandbox = await startSandbox();
		image = await sandbox.media.bytes('image');
		auth = { authorization: `Bearer ${sandbox.multiSession.apiKey}` };
	});
	afterEach(() => sandbox.close());

	const statusLine = (head: string): string => head.split('\r\n')[0] ?? '';
	const multiSessionUrl = (id: string): string => `${sandbox.multiSession.serverUrl}${sandbox.multiSessionPath(id)}`;

	describe('partial-to-plain', () => {
		it('answers a GET without Range with a 206 that does not start at 0', async () => {
			sandbox.faults.add({ server: 'storage', type: 'partial-to-plain' });
			const raw = await rawGet(sandbox.storageLink('image'));
			expect(statusLine(raw.head)).toBe('HTTP/1.1 206 Partial Content');
			expect([raw.headers['content-range'], raw.headers['content-length']]).toEqual(['bytes 100-48212/48213', '48113']);
			expect(raw.body.equals(image.subarray(100))).toBe(true);
			expect(sandbox.faults.list()).toEqual([]);
			const honest = await rawGet(sandbox.storageLink('image'));
			expect([statusLine(honest.head), honest.body.length]).toEqual(['HTTP/1.1 200 OK', 48_213]);
		});

		it('takes a start and an end, and lies on Multi-Session too', async () => {
			sandbox.faults.add({ type: 'partial-to-plain', start: 0, end: 999 });
			const raw = await rawGet(multiSessionUrl('image'), auth);
			expect([statusLine(raw.head), raw.headers['content-range']]).toEqual(['HTTP/1.1 206 Partial Content', 'bytes 0-999/48213']);
			expect(raw.body.equals(image.subarray(0, 1000))).toBe(true);
		});

		it('lets requests with Range pass without spending a hit', async () => {
			sandbox.faults.add({ type: 'partial-to-plain', start: 5000 });
			const ranged = await rawGet(sandbox.storageLink('image'), { range: 'bytes=10-19' });
			expect([ranged.headers['content-range'], ranged.body.equals(image.subarray(10, 20))]).toEqual(['bytes 10-19/48213', true]);
			expect(sandbox.faults.list()).toHaveLength(1);
			const plain = await rawGet(sandbox.storageLink('image'));
			expect(plain.headers['content-range']).toBe('bytes 5000-48212/48213');
		});
	});

	describe('changing-etag', () => {
		it('answers a resume with a new validator although If-Range names the old one', async () => {
			sandbox.faults.add({ server: 'storage', type: 'reset', afterBytes: 1000 });
			sandbox.faults.add({ server: 'storage', type: 'changing-etag', times: 2 });
			const first = await rawGet(sandbox.storageLink('image'));
			expect([first.ending, first.body.length]).toEqual(['error', 1000]);
			const etag = first.headers.etag ?? '';
			const lastModified = first.headers['last-modified'] ?? '';
			const resume = await rawGet(sandbox.storageLink('image'), { range: 'bytes=1000-', 'if-range': etag });
			expect([statusLine(resume.head), resume.headers['content-range']]).toEqual([
				'HTTP/1.1 206 Partial Content',
				'bytes 1000-48212/48213',
			]);
			expect(resume.headers.etag).not.toBe(etag);
			expect(Date.parse(resume.headers['last-modified'] ?? '')).toBeGreaterThan(Date.parse(lastModified));
			// Without changeBytes the bytes stay the same: only the validator lies.
			expect(resume.body.equals(image.subarray(1000))).toBe(true);
			const again = await rawGet(sandbox.storageLink('image'), { range: 'bytes=1000-', 'if-range': resume.headers.etag ?? '' });
			expect(again.headers.etag).not.toBe(resume.headers.etag);
			expect((await rawGet(sandbox.storageLink('image'))).headers.etag).toBe(etag);
		});

		it('serves other bytes of the same size and format with changeBytes', async () => {
			sandbox.faults.add({ type: 'changing-etag', changeBytes: true, times: 2 });
			const whole = await rawGet(multiSessionUrl('image'), auth);
			expect([statusLine(whole.head), whole.body.length]).toEqual(['HTTP/1.1 200 OK', 48_213]);
			expect(whole.body.subarray(0, 3).equals(image.subarray(0, 3))).toBe(true);
			expect(sha256(whole.body)).not.toBe(sandbox.media.get('image').sha256);
			const tail = await rawGet(multiSessionUrl('image'), { ...auth, range: 'bytes=20000-', 'if-range': whole.headers.etag ?? '' });
			expect(statusLine(tail.head)).toBe('HTTP/1.1 206 Partial Content');
			const spliced = Buffer.concat([whole.body.subarray(0, 20_000), tail.body]);
			expect(spliced.length).toBe(48_213);
			expect(sha256(spliced)).not.toBe(sha256(whole.body));
			expect(sha256(spliced)).not.toBe(sandbox.media.get('image').sha256);
		});
	});

	describe('redirects that bounce back', () => {
		it('send a link on the storage origin back to the Multi-Session origin', async () => {
			const target = multiSessionUrl('png');
			sandbox.faults.add({ server: 'storage', type: 'redirect', location: target });
			const hop = await fetch(sandbox.storageLink('image'), { redirect: 'manual' });
			expect([hop.status, hop.headers.get('location')]).toEqual([302, target]);
			const withKey = await fetch(target, { headers: auth });
			expect(sha256(Buffer.from(await withKey.arrayBuffer()))).toBe(sandbox.media.get('png').sha256);
			const withoutKey = await fetch(target);
			expect([withoutKey.status, await withoutKey.text()]).toEqual([401, 'Missing authorization header\n']);
		});

		it('chain Multi-Session → storage → Multi-Session', async () => {
			const start = `${sandbox.multiSession.serverUrl}${sandbox.multiSessionPath('image').replace('/temp/', '/redirect/')}`;
			const back = multiSessionUrl('image');
			sandbox.faults.add({ server: 'storage', path: '/sw-media/', type: 'redirect', location: back, status: 307 });
			const first = await fetch(start, { headers: auth, redirect: 'manual' });
			const storage = first.headers.get('location') ?? '';
			expect([first.status, storage.startsWith(`${sandbox.storageUrl}/sw-media/`)]).toEqual([302, true]);
			const second = await fetch(storage, { redirect: 'manual' });
			expect([second.status, second.headers.get('location')]).toEqual([307, back]);
			const third = await fetch(back, { headers: auth });
			expect(sha256(Buffer.from(await third.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
			const servers = sandbox.requests.list().map((record) => [record.server, record.status, record.headers.authorization !== undefined]);
			expect(servers).toEqual([
				['multiSession', 302, true],
				['storage', 307, false],
				['multiSession', 200, true],
			]);
		});
	});

	describe('echo', () => {
		it('echoes the raw Green-API path with the token as JSON', async () => {
			const { idInstance, apiTokenInstance } = sandbox.greenApi;
			sandbox.faults.add({ server: 'api', type: 'echo' });
			const response = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: 'x' });
			expect([response.status, response.headers.get('content-type')]).toEqual([500, 'application/json']);
			const echoed = (await response.json()) as { method: string; url: string; headers: Record<string, string> };
			expect(echoed).toMatchObject({
				error: 'Internal Server Error',
				method: 'POST',
				url: `/waInstance${idInstance}/downloadFile/${apiTokenInstance}`,
			});
			expect(echoed.headers['content-type']).toBe('application/json');
			// The log still hides the token.
			expect(sandbox.requests.list()[0]?.path).toBe(`/waInstance${idInstance}/downloadFile/<token>`);
		});

		it('echoes the Authorization header as plain text or HTML, with the chosen status', async () => {
			const key = sandbox.multiSession.apiKey;
			sandbox.faults.add({ server: 'multiSession', type: 'echo', status: 403, format: 'text' });
			sandbox.faults.add({ server: 'multiSession', type: 'echo', format: 'html', status: 502 });
			const text = await fetch(`${multiSessionUrl('image')}&token=${key}`, { headers: auth });
			const body = await text.text();
			expect([text.status, text.headers.get('content-type')]).toEqual([403, 'text/plain; charset=utf-8']);
			expect(body).toMatch(new RegExp(`^GET /api/media/temp/[^ ]+&token=${key}\n`));
			expect(body).toContain(`authorization: Bearer ${key}\n`);
			const html = await fetch(multiSessionUrl('image'), { headers: auth });
			const page = await html.text();
			expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html; charset=utf-8']);
			expect(page).toContain('<title>502 Bad Gateway</title>');
			expect(page).toContain(`authorization: Bearer ${key}`);
		});

		it('spells the echo in other encodings and pads it', async () => {
			const key = sandbox.multiSession.apiKey;
			const bearer = `Bearer ${key}`;
			const forms = {
				percent: [...Buffer.from(bearer)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
				'percent-lower': [...Buffer.from(bearer)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''),
				base64: Buffer.from(bearer).toString('base64'),
				base64url: Buffer.from(bearer).toString('base64url'),
			} as const;
			for (const [encoding, form] of Object.entries(forms)) {
				sandbox.faults.add({ type: 'echo', format: 'text', encoding: encoding as keyof typeof forms, padding: 10 });
				const body = await (await fetch(multiSessionUrl('image'), { headers: auth })).text();
				expect(body.startsWith('xxxxxxxxxxGET ')).toBe(true);
				expect(body).toContain(`authorization: ${form}\n`);
				expect(body).not.toContain(key);
			}
		});
	});

	describe('content-disposition-echo', () => {
		it('puts the Bearer key into the file name', async () => {
			sandbox.faults.add({ server: 'multiSession', type: 'content-disposition-echo', from: 'authorization', template: '{value}.jpg' });
			const response = await fetch(multiSessionUrl('image'), { headers: auth });
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${sandbox.multiSession.apiKey}.jpg"`);
			expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
		});

		it('takes a query parameter, the query or the path, quoted or extended', async () => {
			const token = sandbox.greenApi.apiTokenInstance;
			const link = `${sandbox.storageLink('image')}&token=${token}`;
			sandbox.faults.add({ type: 'content-disposition-echo', from: 'query', param: 'token', extended: true });
			sandbox.faults.add({ type: 'content-disposition-echo', from: 'query' });
			sandbox.faults.add({ type: 'content-disposition-echo', from: 'path', template: 'copy of {value}' });
			sandbox.faults.add({ type: 'content-disposition-echo', template: `${token}.jpg` });
			const dispositions: string[] = [];
			for (let attempt = 0; attempt < 4; attempt++) {
				const response = await fetch(link);
				expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
				dispositions.push(response.headers.get('content-disposition') ?? '');
			}
			expect(dispositions).toEqual([
				`attachment; filename*=UTF-8''${token}`,
				`attachment; filename="${link.split('?')[1]}"`,
				'attachment; filename="copy of a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg"',
				`attachment; filename="${token}.jpg"`,
			]);
		});
	});

	it('takes every hostile fault through the control API', async () => {
		const faults = [
			{ type: 'partial-to-plain', start: 10, end: 20 },
			{ type: 'changing-etag', changeBytes: true },
			{ type: 'echo', status: 403, format: 'html', encoding: 'base64url', padding: 3 },
			{ type: 'content-disposition-echo', from: 'query', param: 'token', template: '{value}.bin', extended: false },
		];
		const posted = await fetch(`${sandbox.controlUrl}/faults`, { method: 'POST', body: JSON.stringify(faults) });
		expect(posted.status).toBe(201);
		expect(await posted.json()).toEqual(faults.map((fault) => ({ ...fault, times: 1 })));
		const ranged = await rawGet(sandbox.storageLink('image'));
		expect(ranged.headers['content-range']).toBe('bytes 10-20/48213');
		for (const invalid of [
			{ type: 'partial-to-plain', start: 9, end: 2 },
			{ type: 'changing-etag', changeBytes: 'yes' },
			{ type: 'echo', format: 'xml' },
			{ type: 'echo', status: 99 },
			{ type: 'content-disposition-echo', from: 'cookie' },
		]) {
			const refused = await fetch(`${sandbox.controlUrl}/faults`, { method: 'POST', body: JSON.stringify(invalid) });
			expect(refused.status).toBe(400);
			expect(((await refused.json()) as { error: string }).error).toMatch(/^invalid fault: (end|changeBytes|format|status|from) /);
		}
	});
});
