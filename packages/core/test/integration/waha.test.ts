import { describe, expect, it } from 'vitest';
import { createClient, type DownloadResult } from '../../src/index.js';
import { runWamedia } from './cli.js';
import { expectNoSecret, exposedText, failure, gatewayClient, jsonFile, requestsTo } from './gateways.js';
import { quickRetry, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

function key(): string {
	return sandbox().waha.apiKey;
}

function bytesOf(result: DownloadResult): Buffer {
	if (result.format !== 'binary') throw new Error(`expected binary, got ${result.format}`);
	return result.data;
}

/** The path of the message route for a catalog media, as WAHA's clients call it. */
function messagePath(id: string): string {
	return `/api/default/chats/79001234567%40c.us/messages/${encodeURIComponent(sandbox().waha.messageId(id))}?downloadMedia=true`;
}

describe('WAHA', () => {
	it('downloads the file of a message webhook with X-Api-Key, and carries its ids and caption', async () => {
		const body = sandbox().webhooks.waha('document');
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(body);
		expect(sha256(bytesOf(result))).toBe(sandbox().media.get('document').sha256);
		expect(result).toMatchObject({
			provider: 'waha',
			chatId: '79001234567@c.us',
			idMessage: sandbox().waha.messageId('document'),
			sessionId: 'default',
			caption: 'Sandbox document',
			fileName: 'Счёт №42.pdf',
			mimeType: 'application/pdf',
		});
		const [request, ...rest] = sandbox().requests.list();
		expect(rest).toEqual([]);
		expect(request).toMatchObject({ server: 'waha', status: 200, headers: { 'x-api-key': key() } });
		// The key travels in the header only, never in a URL.
		expect(request?.path).not.toContain('x-api-key');
	});

	it('reads message.any webhooks, and the chat of a message the account sent', async () => {
		const body = sandbox().webhooks.waha('image', { event: 'message.any' }) as { payload: Record<string, unknown> };
		expect((await gatewayClient(sandbox(), { format: 'binary' }).download(body)).sha256).toBe(sandbox().media.get('image').sha256);
		body.payload.fromMe = true;
		const own = await gatewayClient(sandbox(), { format: 'binary' }).download(body);
		expect(own.chatId).toBe(body.payload.to);
	});

	it('downloads a media URL, absolute or relative to the server', async () => {
		const absolute = sandbox().waha.fileUrl('png');
		const client = gatewayClient(sandbox(), { format: 'binary' });
		expect((await client.download({ provider: 'waha', mediaUrl: absolute })).sha256).toBe(sandbox().media.get('png').sha256);
		const relative = new URL(absolute).pathname;
		expect((await client.download({ provider: 'waha', mediaUrl: relative })).sha256).toBe(sandbox().media.get('png').sha256);
		expect(requestsTo(sandbox(), 'waha').every((record) => record.headers['x-api-key'] === key())).toBe(true);
	});

	it('asks the message route for a chat id and message id', async () => {
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({
			provider: 'waha',
			chatId: sandbox().waha.chatId,
			idMessage: sandbox().waha.messageId('video'),
		});
		expect(result).toMatchObject({ sha256: sandbox().media.get('video').sha256, idMessage: sandbox().waha.messageId('video') });
		const [route, file] = sandbox().requests.list();
		expect(route).toMatchObject({ server: 'waha', path: messagePath('video'), status: 200, headers: { 'x-api-key': key() } });
		expect(file).toMatchObject({ server: 'waha', status: 200, headers: { 'x-api-key': key() } });
	});

	it('renews a file deleted after its lifetime through the message route, once', async () => {
		const body = sandbox().webhooks.waha('image');
		try {
			sandbox().clock.advance((sandbox().waha.filesLifetimeSeconds + 1) * 1000);
			const result = await gatewayClient(sandbox(), { format: 'binary' }).download(body);
			expect(result.sha256).toBe(sandbox().media.get('image').sha256);
			expect(
				sandbox()
					.requests.list()
					.map((record) => `${record.status} ${record.path.split('?')[0]}`),
			).toEqual([
				`404 /api/files/default/${sandbox().waha.messageId('image')}.jpeg`,
				`200 ${messagePath('image').split('?')[0]}`,
				`200 /api/files/default/${sandbox().waha.messageId('image')}.jpeg`,
			]);
			sandbox().requests.clear();
			// The fresh file is gone too: MEDIA_EXPIRED after one renewal, not a loop.
			sandbox().faults.add({ server: 'waha', path: '/api/files/', type: 'status', status: 404, times: 5 });
			const again = await failure(gatewayClient(sandbox()).download(sandbox().webhooks.waha('image', { expired: true })));
			expect(again).toMatchObject({ code: 'MEDIA_EXPIRED', status: 404, provider: 'waha' });
			expect(again.hint).toContain('WHATSAPP_FILES_LIFETIME');
			expect(requestsTo(sandbox(), 'waha').map((record) => record.status)).toEqual([404, 200, 404]);
		} finally {
			sandbox().clock.reset();
		}
	});

	it('reports an expired file as MEDIA_EXPIRED when it cannot be renewed', async () => {
		const mediaUrl = sandbox().waha.fileUrl('image', { expired: true });
		const client = createClient({ waha: { serverUrl: sandbox().waha.serverUrl, apiKey: key() }, retry: quickRetry });
		expect(await failure(client.download({ provider: 'waha', mediaUrl }))).toMatchObject({ code: 'MEDIA_EXPIRED', status: 404 });
		expect(requestsTo(sandbox(), 'waha')).toHaveLength(1);
	});

	it('gives no key to a presigned storage link, and renews an expired one', async () => {
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(sandbox().webhooks.waha('image', { media: 's3' }));
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(requestsTo(sandbox(), 'storage')[0]?.headers['x-api-key']).toBeUndefined();
		sandbox().requests.clear();
		const renewed = await gatewayClient(sandbox(), { format: 'binary' }).download(
			sandbox().webhooks.waha('image', { media: 's3', expired: true }),
		);
		expect(renewed.sha256).toBe(sandbox().media.get('image').sha256);
		expect(
			sandbox()
				.requests.list()
				.map((record) => `${record.server} ${record.status}`),
		).toEqual(['storage 403', 'waha 200', 'waha 200']);
	});

	it('drops the key on a redirect to another origin', async () => {
		sandbox().faults.add({ server: 'waha', path: '/api/files/', type: 'redirect', location: sandbox().storageLink('image') });
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(sandbox().webhooks.waha('image'));
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(requestsTo(sandbox(), 'waha')[0]).toMatchObject({ status: 302, headers: { 'x-api-key': key() } });
		expect(requestsTo(sandbox(), 'storage')[0]?.headers['x-api-key']).toBeUndefined();
		sandbox().requests.clear();
		// Server → storage → server: the chain left the server's origin, so the last hop gets no key.
		sandbox().faults.add({ server: 'waha', path: '/api/files/', type: 'redirect', location: sandbox().storageLink('image') });
		sandbox().faults.add({ server: 'storage', type: 'redirect', location: sandbox().waha.fileUrl('png') });
		const error = await failure(
			createClient({ waha: { serverUrl: sandbox().waha.serverUrl, apiKey: key() } }).download({
				provider: 'waha',
				mediaUrl: sandbox().waha.fileUrl('image'),
			}),
		);
		expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
		expect(requestsTo(sandbox(), 'waha').map((record) => record.headers['x-api-key'])).toEqual([key(), undefined]);
	});

	it.each([
		['media: null', 'none'],
		['media.url: null', 'no-url'],
	] as const)('reports hasMedia with %s as NO_MEDIA naming the WAHA settings, without a request', async (_name, media) => {
		const error = await failure(gatewayClient(sandbox()).download(sandbox().webhooks.waha('image', { media })));
		expect(error).toMatchObject({ code: 'NO_MEDIA', provider: 'waha', details: { idMessage: sandbox().waha.messageId('image') } });
		expect(error.hint).toContain('WHATSAPP_DOWNLOAD_MEDIA');
		expect(error.hint).toContain('WHATSAPP_FILES_MIMETYPES');
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('reports media.error as MEDIA_UNAVAILABLE, and a message without media as NO_MEDIA', async () => {
		const unavailable = await failure(gatewayClient(sandbox()).download(sandbox().webhooks.waha('image', { media: 'error' })));
		expect(unavailable).toMatchObject({ code: 'MEDIA_UNAVAILABLE', details: { serverMessage: 'Request failed with status code 403' } });
		const text = await failure(
			gatewayClient(sandbox()).download({ provider: 'waha', chatId: sandbox().waha.chatId, idMessage: sandbox().waha.textMessageId }),
		);
		expect(text).toMatchObject({ code: 'NO_MEDIA', provider: 'waha' });
	});

	it.each([
		['a wrong key', 'AUTH_FAILED', 401],
		['an unknown message', 'MEDIA_NOT_FOUND', 404],
		['an unknown session', 'INVALID_INPUT', 404],
	] as const)('maps %s on the message route to %s', async (name, code, status) => {
		const waha = {
			serverUrl: sandbox().waha.serverUrl,
			apiKey: name === 'a wrong key' ? 'wrong-key-0000' : key(),
			...(name === 'an unknown session' ? { session: 'other' } : {}),
		};
		const idMessage = name === 'an unknown message' ? 'false_79001234567@c.us_3EB0FFFFFFFF' : sandbox().waha.messageId('image');
		const error = await failure(
			createClient({ waha, retry: quickRetry }).download({ provider: 'waha', chatId: sandbox().waha.chatId, idMessage }),
		);
		expect(error).toMatchObject({ code, status, provider: 'waha' });
		if (name === 'an unknown session') expect(error.details.field).toBe('session');
		expectNoSecret(exposedText(error), key());
	});

	it('maps a wrong key on a file to AUTH_FAILED, and retries 429 and 5xx', async () => {
		const wrong = createClient({ waha: { serverUrl: sandbox().waha.serverUrl, apiKey: 'wrong-key-0000' }, retry: quickRetry });
		expect(await failure(wrong.download(sandbox().webhooks.waha('image')))).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
		sandbox().requests.clear();
		sandbox().faults.add({ server: 'waha', path: '/api/files/', type: 'rate-limit', retryAfter: 0 });
		sandbox().faults.add({ server: 'waha', path: '/messages/', type: 'status', status: 504 });
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({
			provider: 'waha',
			chatId: sandbox().waha.chatId,
			idMessage: sandbox().waha.messageId('image'),
		});
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(requestsTo(sandbox(), 'waha').map((record) => record.status)).toEqual([504, 200, 429, 200]);
		sandbox().faults.add({ server: 'waha', path: '/messages/', type: 'status', status: 503, times: 10 });
		const upstream = await failure(
			gatewayClient(sandbox()).download({ provider: 'waha', chatId: sandbox().waha.chatId, idMessage: sandbox().waha.messageId('image') }),
		);
		expect(upstream).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503 });
	});

	it('maps a session that is not working (422) to INSTANCE_NOT_READY', async () => {
		sandbox().faults.add({
			server: 'waha',
			path: '/messages/',
			type: 'json',
			status: 422,
			body: { error: 'Session status is not as expected', session: 'default', status: 'STOPPED', expected: ['WORKING'] },
		});
		const error = await failure(
			gatewayClient(sandbox()).download({ provider: 'waha', chatId: sandbox().waha.chatId, idMessage: sandbox().waha.messageId('image') }),
		);
		expect(error).toMatchObject({ code: 'INSTANCE_NOT_READY', status: 422, provider: 'waha' });
	});

	it('keeps the key out of errors even when the server echoes it', async () => {
		for (const encoding of ['none', 'base64', 'percent-lower'] as const) {
			sandbox().faults.add({ server: 'waha', type: 'echo', status: 403, format: 'text', encoding });
			const error = await failure(gatewayClient(sandbox()).download(sandbox().webhooks.waha('image')));
			expect(error.code).toBe('FORBIDDEN');
			expectNoSecret(exposedText(error), key());
		}
	});
});

describe('WAHA from the CLI', () => {
	function server(): string[] {
		return ['--server-url', sandbox().waha.serverUrl, '--api-key', key()];
	}

	it('downloads a webhook, a media URL and a message id', async () => {
		const directory = await temporaryDirectory();
		const file = await jsonFile('waha.json', sandbox().webhooks.waha('image'));
		const webhook = await runWamedia([
			'download',
			'--provider',
			'waha',
			'--webhook',
			file,
			...server(),
			'--session',
			'default',
			'-o',
			directory,
			'--json',
		]);
		expect(webhook.status).toBe(0);
		expect(JSON.parse(webhook.stdout)).toMatchObject({ provider: 'waha', sha256: sandbox().media.get('image').sha256 });
		const url = await runWamedia(
			['download', '--provider', 'waha', '--media-url', sandbox().waha.fileUrl('png'), '-o', directory, '--json'],
			{
				env: { WAMEDIA_SERVER_URL: sandbox().waha.serverUrl, WAMEDIA_API_KEY: key() },
			},
		);
		expect(JSON.parse(url.stdout)).toMatchObject({ provider: 'waha', sha256: sandbox().media.get('png').sha256 });
		const id = await runWamedia([
			'download',
			'--provider',
			'waha',
			'--chat-id',
			sandbox().waha.chatId,
			'--id-message',
			sandbox().waha.messageId('voice'),
			...server(),
			'-o',
			directory,
			'--json',
			'--verbose',
		]);
		expect(id.status).toBe(0);
		expect(JSON.parse(id.stdout)).toMatchObject({ provider: 'waha', sha256: sandbox().media.get('voice').sha256 });
		for (const run of [webhook, url, id]) expectNoSecret(run.stdout + run.stderr, key());
	});

	it('reports NO_MEDIA with its hint, and refuses Multi-Session flags', async () => {
		const file = await jsonFile('waha.json', sandbox().webhooks.waha('image', { media: 'none' }));
		const run = await runWamedia(['download', '--provider', 'waha', '--webhook', file, ...server()]);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('WHATSAPP_DOWNLOAD_MEDIA');
		const usage = await runWamedia(['download', '--provider', 'waha', '--media-url', '/a.jpg', '--session-id', 's', ...server()]);
		expect(usage.status).toBe(2);
	});
});
