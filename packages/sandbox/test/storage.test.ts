import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sha256 } from './helpers.js';

describe('storage emulator', () => {
	let sandbox: Sandbox;
	let image: Buffer;
	beforeAll(async () => {
		sandbox = await startSandbox({
			media: [{ id: 'untyped', kind: 'bytes', size: 100, contentType: null, urlName: 'Счёт 1.bin' }],
		});
		image = await sandbox.media.bytes('image');
	});
	afterAll(() => sandbox.close());

	it('serves a media with length, type, validators and range support', async () => {
		const response = await fetch(sandbox.storageLink('image'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBe('48213');
		expect(response.headers.get('content-type')).toBe('image/jpeg');
		expect(response.headers.get('content-disposition')).toBeNull();
		expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
		expect(Date.parse(response.headers.get('last-modified') ?? '')).not.toBeNaN();
		expect(response.headers.get('accept-ranges')).toBe('bytes');
		expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
	});

	it('sends each media with its own headers', async () => {
		const headersOf = async (id: string): Promise<Headers> => {
			const response = await fetch(sandbox.storageLink(id));
			await response.arrayBuffer();
			return response.headers;
		};
		expect((await headersOf('png')).get('content-disposition')).toBe('inline; filename="screenshot.png"');
		expect((await headersOf('voice')).get('content-type')).toBe('application/octet-stream');
		expect((await headersOf('document')).get('content-disposition')).toBe(
			'attachment; filename="Schet 42.pdf"; filename*=UTF-8\'\'%D0%A1%D1%87%D1%91%D1%82%20%E2%84%9642.pdf',
		);
		expect((await headersOf('untyped')).get('content-type')).toBeNull();
		expect(sandbox.storageLink('voice')).toMatch(/\/[0-9a-f-]{36}\?/);
		expect(sandbox.storageLink('untyped')).toContain('/%D0%A1%D1%87%D1%91%D1%82%201.bin?');
	});

	it('answers an expired link with 403 AccessDenied XML', async () => {
		const response = await fetch(sandbox.storageLink('image', { expired: true }));
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toBe('application/xml');
		const body = await response.text();
		expect(body).toMatch(
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/,
		);
		expect(body).toMatch(
			/<X-Amz-Expires>3600<\/X-Amz-Expires><Expires>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/Expires><ServerTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/ServerTime>/,
		);
	});

	it('answers a bad or missing signature with SignatureDoesNotMatch, an unknown key with NoSuchKey', async () => {
		const link = new URL(sandbox.storageLink('image'));
		link.searchParams.set('X-Amz-Expires', '999999');
		const stretched = await fetch(link);
		expect(stretched.status).toBe(403);
		expect(await stretched.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
		const unsigned = await fetch(`${sandbox.storageUrl}${link.pathname}`);
		expect(unsigned.status).toBe(403);
		expect(await unsigned.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
		const unknown = await fetch(`${sandbox.storageUrl}/sw-media/nothing`);
		expect(unknown.status).toBe(404);
		expect(await unknown.text()).toContain('<Code>NoSuchKey</Code>');
	});

	it('honours Range: a-b, a- and -n with 206, and refuses unsatisfiable ones with 416', async () => {
		const get = (range: string): Promise<Response> => fetch(sandbox.storageLink('image'), { headers: { range } });
		const middle = await get('bytes=100-199');
		expect([middle.status, middle.headers.get('content-range'), middle.headers.get('content-length')]).toEqual([
			206,
			'bytes 100-199/48213',
			'100',
		]);
		expect(Buffer.from(await middle.arrayBuffer()).equals(image.subarray(100, 200))).toBe(true);
		const tail = await get('bytes=48000-');
		expect(tail.headers.get('content-range')).toBe('bytes 48000-48212/48213');
		expect(Buffer.from(await tail.arrayBuffer()).equals(image.subarray(48_000))).toBe(true);
		const suffix = await get('bytes=-10');
		expect(Buffer.from(await suffix.arrayBuffer()).equals(image.subarray(-10))).toBe(true);
		const beyond = await get('bytes=48213-');
		expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, 'bytes */48213']);
		await beyond.arrayBuffer();
	});

	it('honours If-Range only when it matches the ETag', async () => {
		const head = await fetch(sandbox.storageLink('image'), { method: 'HEAD' });
		const etag = head.headers.get('etag') ?? '';
		expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, '48213', 0]);
		const matching = await fetch(sandbox.storageLink('image'), { headers: { range: 'bytes=10-', 'if-range': etag } });
		expect(matching.status).toBe(206);
		await matching.arrayBuffer();
		const stale = await fetch(sandbox.storageLink('image'), { headers: { range: 'bytes=10-', 'if-range': '"stale"' } });
		expect(stale.status).toBe(200);
		expect((await stale.arrayBuffer()).byteLength).toBe(48_213);
	});

	it('ignores Range for a media without range support', async () => {
		const response = await fetch(sandbox.storageLink('norange'), { headers: { range: 'bytes=0-9' } });
		expect(response.status).toBe(200);
		expect(response.headers.get('accept-ranges')).toBeNull();
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('norange').sha256);
	});

	it('records whether an Authorization header arrived', async () => {
		sandbox.requests.clear();
		await (await fetch(sandbox.storageLink('sticker'))).arrayBuffer();
		await (await fetch(sandbox.storageLink('sticker'), { headers: { authorization: 'Bearer leaked' } })).arrayBuffer();
		const records = sandbox.requests.list();
		expect(records.map((record) => [record.server, record.headers.authorization])).toEqual([
			['storage', undefined],
			['storage', 'Bearer leaked'],
		]);
	});
});
