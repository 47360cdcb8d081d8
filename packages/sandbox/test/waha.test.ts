import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { readUntilEnd, sha256 } from './helpers.js';

interface WahaMedia {
	url: string | null;
	mimetype: string;
	filename: string | null;
	error: unknown;
	s3?: { Bucket: string; Key: string };
}

interface WahaWebhook {
	event: string;
	session: string;
	engine: string;
	me: { id: string };
	payload: { id: string; from: string; fromMe: boolean; body: string; hasMedia: boolean; media: WahaMedia | null; timestamp: number };
}

describe('WAHA emulator', () => {
	let sandbox: Sandbox;
	let key: { 'x-api-key': string };
	beforeAll(async () => {
		sandbox = await startSandbox();
		key = { 'x-api-key': sandbox.waha.apiKey };
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.faults.clear();
		sandbox.clock.reset();
	});

	const get = (url: string, headers: Record<string, string> = key): Promise<Response> => fetch(url, { headers });
	const webhook = (id: string, options?: Parameters<Sandbox['webhooks']['waha']>[1]): WahaWebhook =>
		sandbox.webhooks.waha(id, options) as unknown as WahaWebhook;
	const messageUrl = (messageId: string, chatId = sandbox.waha.chatId, query = '?downloadMedia=true'): string =>
		`${sandbox.waha.serverUrl}/api/${sandbox.waha.session}/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(messageId)}${query}`;
	const expectNestError = async (response: Response, status: number, body: Record<string, unknown>): Promise<void> => {
		expect([response.status, response.headers.get('content-type'), await response.json()]).toEqual([status, 'application/json', body]);
	};

	it('hands out a key, a session and ids', () => {
		expect(sandbox.waha.apiKey).toMatch(/^[0-9a-f]{32}$/);
		expect(sandbox.waha.session).toBe('default');
		expect(sandbox.waha.filesLifetimeSeconds).toBe(180);
		expect(sandbox.waha.messageId('image')).toMatch(/^false_79001234567@c\.us_3EB0[0-9A-F]{18}$/);
		expect(sandbox.media.get('image').wahaMessageId).toBe(sandbox.waha.messageId('image'));
	});

	it('builds a message webhook whose media.url serves the bytes with the key', async () => {
		const body = webhook('document');
		expect(body).toMatchObject({
			event: 'message',
			session: 'default',
			engine: 'NOWEB',
			me: { id: '79009876543@c.us' },
			payload: {
				id: sandbox.waha.messageId('document'),
				from: '79001234567@c.us',
				fromMe: false,
				body: 'Sandbox document',
				hasMedia: true,
				media: { mimetype: 'application/pdf', filename: 'Счёт №42.pdf', error: null },
			},
		});
		const url = body.payload.media?.url ?? '';
		expect(url).toBe(`${sandbox.waha.serverUrl}/api/files/default/${sandbox.waha.messageId('document')}.pdf`);
		const response = await get(url);
		expect([response.status, response.headers.get('content-type'), response.headers.get('content-length')]).toEqual([
			200,
			'application/pdf',
			'101347',
		]);
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('document').sha256);
		const encoded = await get(url.replace('@', '%40'));
		expect(encoded.status).toBe(200);
		await encoded.arrayBuffer();
	});

	it('names files by the MIME type and leaves filename to documents', async () => {
		const voice = webhook('voice', { event: 'message.any' });
		expect(voice.event).toBe('message.any');
		expect(voice.payload.body).toBe('');
		expect(voice.payload.media).toMatchObject({ mimetype: 'audio/ogg; codecs=opus', filename: null });
		expect(voice.payload.media?.url).toMatch(/\.oga$/);
		expect(webhook('image').payload.media?.url).toMatch(/\.jpeg$/);
		expect(webhook('sticker').payload.media?.url).toMatch(/\.webp$/);
		const part = await get(voice.payload.media?.url ?? '', { ...key, range: 'bytes=0-3' });
		expect([part.status, Buffer.from(await part.arrayBuffer()).toString('latin1')]).toEqual([206, 'OggS']);
	});

	it('takes the key as a query parameter too, and hides it in the request log', async () => {
		const url = webhook('png').payload.media?.url ?? '';
		sandbox.requests.clear();
		const response = await get(`${url}?x-api-key=${sandbox.waha.apiKey}`, {});
		expect(response.status).toBe(200);
		await response.arrayBuffer();
		expect(sandbox.requests.list()[0]?.path).toMatch(/\?x-api-key=<key>$/);
		expect(JSON.stringify(sandbox.requests.list())).not.toContain(sandbox.waha.apiKey);
	});

	it('answers 401 without the key or with a wrong one, on files and on the API', async () => {
		const url = webhook('image').payload.media?.url ?? '';
		const unauthorized = { message: 'Unauthorized', statusCode: 401 };
		await expectNestError(await get(url, {}), 401, unauthorized);
		await expectNestError(await get(url, { 'x-api-key': 'wrong' }), 401, unauthorized);
		await expectNestError(await get(messageUrl(sandbox.waha.messageId('image')), {}), 401, unauthorized);
		await expectNestError(await get(`${sandbox.waha.serverUrl}/api/nothing`, {}), 401, unauthorized);
		const ping = await get(`${sandbox.waha.serverUrl}/ping`, {});
		expect(await ping.json()).toEqual({ message: 'pong' });
	});

	it('deletes a file when its lifetime is over (by the sandbox clock), then answers 404', async () => {
		const url = webhook('video').payload.media?.url ?? '';
		sandbox.clock.advance(179_000);
		const before = await fetch(url, { method: 'HEAD', headers: key });
		expect(before.status).toBe(200);
		sandbox.clock.advance(1000);
		const file = url.slice(url.lastIndexOf('/') + 1);
		await expectNestError(await get(url), 404, { message: `File not found: ${file}`, error: 'Not Found', statusCode: 404 });
	});

	it('re-downloads a message through the message route: a fresh media.url for a deleted file', async () => {
		const expired = webhook('image', { expired: true });
		const url = expired.payload.media?.url ?? '';
		expect((await get(url)).status).toBe(404);
		const response = await get(messageUrl(expired.payload.id));
		expect(response.status).toBe(200);
		const message = (await response.json()) as WahaWebhook['payload'];
		expect(message).toMatchObject({ id: expired.payload.id, hasMedia: true, media: { mimetype: 'image/jpeg', error: null } });
		expect(message.media?.url).toBe(url);
		const bytes = await get(message.media?.url ?? '');
		expect(sha256(Buffer.from(await bytes.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
		sandbox.clock.advance(180_000);
		expect((await get(url)).status).toBe(404);
		expect(sandbox.waha.fileUrl('image')).toBe(url);
		expect((await fetch(url, { method: 'HEAD', headers: key })).status).toBe(200);
		expect((await fetch(sandbox.waha.fileUrl('image', { expired: true }), { method: 'HEAD', headers: key })).status).toBe(404);
	});

	it('answers the message route without media, for text messages, and for unknown ids, chats and sessions', async () => {
		const without = (await (
			await get(messageUrl(sandbox.waha.messageId('png'), undefined, '?downloadMedia=false'))
		).json()) as WahaWebhook['payload'];
		expect([without.hasMedia, without.media]).toEqual([true, null]);
		const text = (await (await get(messageUrl(sandbox.waha.textMessageId))).json()) as WahaWebhook['payload'];
		expect(text).toMatchObject({ id: sandbox.waha.textMessageId, hasMedia: false, media: null });
		const notFound = { message: 'Message not found', error: 'Not Found', statusCode: 404 };
		await expectNestError(await get(messageUrl('false_79001234567@c.us_3EB0FFFF')), 404, notFound);
		await expectNestError(await get(messageUrl(sandbox.waha.messageId('png'), '79000000000@c.us')), 404, notFound);
		await expectNestError(await get(messageUrl(sandbox.media.get('png').evolutionMessageId)), 404, notFound);
		const session = await get(
			`${sandbox.waha.serverUrl}/api/other/chats/${sandbox.waha.chatId}/messages/${encodeURIComponent(sandbox.waha.messageId('png'))}`,
		);
		expect(session.status).toBe(404);
		expect(((await session.json()) as { message: string }).message).toMatch(/^We didn't find a session with name 'other'/);
		await expectNestError(await get(`${sandbox.waha.serverUrl}/api/files/other/x.jpeg`), 404, {
			message: 'File not found: x.jpeg',
			error: 'Not Found',
			statusCode: 404,
		});
		await expectNestError(await get(`${sandbox.waha.serverUrl}/api/sessions`), 404, {
			message: 'Cannot GET /api/sessions',
			error: 'Not Found',
			statusCode: 404,
		});
	});

	it('builds webhooks with no media, no URL, a media error, or a presigned S3 link', async () => {
		const none = webhook('image', { media: 'none' });
		expect([none.payload.hasMedia, none.payload.media]).toEqual([true, null]);
		expect(webhook('image', { media: 'no-url' }).payload.media).toEqual({ url: null, mimetype: 'image/jpeg', filename: null, error: null });
		const failed = webhook('document', { media: 'error' }).payload.media;
		expect(failed).toMatchObject({ url: null, filename: 'Счёт №42.pdf', error: { message: 'Request failed with status code 403' } });
		const s3 = webhook('video', { media: 's3' }).payload.media;
		expect(new URL(s3?.url ?? '').origin).toBe(sandbox.storageUrl);
		expect(s3?.s3).toEqual({ Bucket: 'sw-media', Key: expect.stringMatching(/^1101000001\/.+\.mp4$/) });
		sandbox.requests.clear();
		const bytes = await fetch(s3?.url ?? '');
		expect(sha256(Buffer.from(await bytes.arrayBuffer()))).toBe(sandbox.media.get('video').sha256);
		expect(sandbox.requests.list()[0]?.headers['x-api-key']).toBeUndefined();
		const expiredS3 = webhook('video', { media: 's3', expired: true }).payload.media;
		expect((await fetch(expiredS3?.url ?? '')).status).toBe(403);
	});

	it('serves webhooks over the control API', async () => {
		const body = (await (await fetch(`${sandbox.controlUrl}/webhooks/waha/document?event=message.any&media=error`)).json()) as WahaWebhook;
		expect(body.event).toBe('message.any');
		expect(body.payload.media?.error).toBeTruthy();
		const expired = (await (await fetch(`${sandbox.controlUrl}/webhooks/waha/image?expired=1`)).json()) as WahaWebhook;
		expect((await get(expired.payload.media?.url ?? '')).status).toBe(404);
		expect((await fetch(`${sandbox.controlUrl}/webhooks/waha/image?media=bogus`)).status).toBe(400);
	});

	it('applies the common faults to the server and body faults to its files only', async () => {
		const url = webhook('large').payload.media?.url ?? '';
		sandbox.faults.add({ server: 'waha', type: 'rate-limit' });
		expect((await get(url)).status).toBe(429);
		sandbox.faults.add({ server: 'waha', path: '/messages/', type: 'status', status: 504 });
		expect((await get(messageUrl(sandbox.waha.messageId('large')))).status).toBe(504);
		sandbox.faults.add({ server: 'waha', type: 'reset', afterBytes: 100_000 });
		const message = await get(messageUrl(sandbox.waha.messageId('large')));
		expect(message.status).toBe(200);
		await message.json();
		const cut = await readUntilEnd(await get(url));
		expect(cut.error).toBeDefined();
		expect(cut.bytes.length).toBeLessThanOrEqual(100_000);
		sandbox.faults.add({ server: 'waha', type: 'echo', status: 502 });
		expect(await (await get(url)).text()).toContain(sandbox.waha.apiKey);
	});

	it('keeps files forever with a lifetime of 0', async () => {
		const keeping = await startSandbox({ wahaFilesLifetimeSeconds: 0 });
		try {
			const url = keeping.waha.fileUrl('sticker');
			keeping.clock.advance(30 * 24 * 3600 * 1000);
			const response = await fetch(url, { method: 'HEAD', headers: { 'x-api-key': keeping.waha.apiKey } });
			expect(response.status).toBe(200);
		} finally {
			await keeping.close();
		}
		await expect(startSandbox({ wahaFilesLifetimeSeconds: -1 })).rejects.toThrow(/wahaFilesLifetimeSeconds/);
	});
});
