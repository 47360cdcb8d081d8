import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sha256 } from './helpers.js';

describe('Multi-Session emulator', () => {
	let sandbox: Sandbox;
	let auth: { authorization: string };
	beforeAll(async () => {
		sandbox = await startSandbox();
		auth = { authorization: `Bearer ${sandbox.multiSession.apiKey}` };
	});
	afterAll(() => sandbox.close());

	const get = (path: string, headers: Record<string, string> = auth): Promise<Response> =>
		fetch(`${sandbox.multiSession.serverUrl}${path}`, { headers, redirect: 'manual' });

	const expectError = async (response: Response, status: number, text: string): Promise<void> => {
		expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
			status,
			'text/plain; charset=utf-8',
			`${text}\n`,
		]);
	};

	it('answers the health check and hands out a wams_ API key', async () => {
		const response = await fetch(`${sandbox.multiSession.serverUrl}/api/health`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok' });
		expect(sandbox.multiSession.apiKey).toMatch(/^wams_[0-9a-f]{40}$/);
	});

	it('serves every image as .jpg, with the server headers and the exact bytes', async () => {
		const path = sandbox.multiSessionPath('png');
		expect(path).toMatch(/^\/api\/media\/temp\/sess-1_\d+_3EB0[0-9A-F]{18}\.jpg\?expires=\d+$/);
		const response = await get(path);
		const file = decodeURIComponent(path.slice('/api/media/temp/'.length).split('?')[0] ?? '');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/jpeg');
		expect(response.headers.get('content-disposition')).toBe(`inline; filename="${file}"`);
		expect(response.headers.get('cache-control')).toBe('private, max-age=3600');
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('png').sha256);
	});

	it('keeps document names and sends them as raw UTF-8 in Content-Disposition', async () => {
		const path = sandbox.multiSessionPath('document');
		expect(decodeURIComponent(path)).toContain('_Счёт №42.pdf?expires=');
		const response = await get(path);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const disposition = Buffer.from(response.headers.get('content-disposition') ?? '', 'latin1').toString('utf8');
		expect(disposition).toMatch(/^inline; filename="sess-1_\d+_Счёт №42\.pdf"$/);
		expect((await response.arrayBuffer()).byteLength).toBe(101_347);
	});

	it('answers authentication failures with the server 401 texts', async () => {
		const path = sandbox.multiSessionPath('image');
		await expectError(await get(path, {}), 401, 'Missing authorization header');
		await expectError(await get(path, { authorization: 'Basic abc' }), 401, 'Invalid authorization header format');
		await expectError(await get(path, { authorization: `Bearer wams_${'0'.repeat(40)}` }), 401, 'Invalid API key');
		await expectError(await get(path, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' }), 401, 'Invalid token');
	});

	it('answers bad, expired, forbidden and missing files with 400, 410, 403 and 404', async () => {
		const file = sandbox.multiSessionPath('image').split('?')[0] ?? '';
		const later = Math.floor(Date.now() / 1000) + 60;
		await expectError(await get(file), 400, 'Missing expires parameter');
		await expectError(await get(`${file}?expires=soon`), 400, 'Invalid expires parameter');
		await expectError(await get(sandbox.multiSessionPath('image', { expired: true })), 410, 'Media link has expired');
		await expectError(await get(`/api/media/temp/..%2Fsecret.jpg?expires=${later}`), 400, 'Invalid filename');
		await expectError(await get(`/api/media/temp/a..b.jpg?expires=${later}`), 400, 'Invalid filename');
		await expectError(await get(`/api/media/temp/forbidden.jpg?expires=${later}`), 403, 'Access forbidden');
		await expectError(await get(`/api/media/temp/sess-1_1_none.jpg?expires=${later}`), 404, 'Media file not found');
	});

	it('honours Range like the storage', async () => {
		const response = await get(sandbox.multiSessionPath('voice'), { ...auth, range: 'bytes=0-3' });
		expect([response.status, response.headers.get('content-range')]).toEqual([206, 'bytes 0-3/30722']);
		expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('OggS');
	});

	it('redirects to the presigned storage link of the same media, on another origin', async () => {
		const path = sandbox.multiSessionPath('image').replace('/temp/', '/redirect/');
		const response = await get(path);
		expect(response.status).toBe(302);
		const location = response.headers.get('location') ?? '';
		expect(new URL(location).origin).toBe(sandbox.storageUrl);
		sandbox.requests.clear();
		const media = await fetch(location);
		expect(sha256(Buffer.from(await media.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
		expect(sandbox.requests.list()[0]?.headers.authorization).toBeUndefined();
	});
});
