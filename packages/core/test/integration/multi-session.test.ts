import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

describe('WhatsApp Multi-Session', () => {
	it('fetches a relative media URL with the Bearer key and carries sessionId and phoneNumber', async () => {
		const image = sandbox().media.get('image');
		const result = await sandboxClient(sandbox(), { format: 'base64' }).download({
			mediaUrl: sandbox().multiSessionPath('image'),
			sessionId: 'sess-1',
			phoneNumber: '6281234567890',
		});
		expect(result).toMatchObject({ provider: 'multi-session', sha256: image.sha256, sessionId: 'sess-1', phoneNumber: '6281234567890' });
		if (result.format !== 'base64') throw new Error('expected base64');
		expect(Buffer.from(result.data, 'base64').length).toBe(image.size);
		const [request] = sandbox().requests.list();
		expect(request?.headers.authorization).toBe(`Bearer ${sandbox().multiSession.apiKey}`);
	});

	it('reads a Multi-Session webhook and accepts absolute media URLs', async () => {
		const result = await sandboxClient(sandbox(), { format: 'binary' }).download(sandbox().webhooks.multiSession('voice'));
		expect(result).toMatchObject({ sessionId: 'sess-1', sha256: sandbox().media.get('voice').sha256 });
		const absolute = new URL(sandbox().multiSessionPath('video'), sandbox().multiSession.serverUrl).href;
		const second = await sandboxClient(sandbox(), { format: 'binary' }).download({ mediaUrl: absolute });
		expect(second.sha256).toBe(sandbox().media.get('video').sha256);
	});

	it.each([
		['an expired link', (): string => sandbox().multiSessionPath('image', { expired: true }), 'MEDIA_EXPIRED', 410],
		['a deleted file', (): string => '/api/media/temp/gone.jpg?expires=4102444800', 'MEDIA_NOT_FOUND', 404],
		['a forbidden file', (): string => '/api/media/temp/forbidden.jpg?expires=4102444800', 'FORBIDDEN', 403],
		['a missing expires', (): string => '/api/media/temp/a.jpg', 'INVALID_INPUT', 400],
	] as const)('maps %s to %s', async (_name, path, code, status) => {
		const error = await sandboxClient(sandbox())
			.download({ mediaUrl: path() })
			.catch((caught: unknown) => caught);
		expect(error).toMatchObject({ code, status, provider: 'multi-session' });
	});

	it('maps a wrong key to AUTH_FAILED', async () => {
		const client = createClient({ multiSession: { serverUrl: sandbox().multiSession.serverUrl, apiKey: 'wams_wrong_key_000' } });
		await expect(client.download({ mediaUrl: sandbox().multiSessionPath('image') })).rejects.toMatchObject({
			code: 'AUTH_FAILED',
			status: 401,
			details: { serverMessage: 'Invalid API key' },
		});
	});

	it('needs the server URL for relative media URLs', async () => {
		await expect(createClient().download({ mediaUrl: '/api/media/temp/a.jpg?expires=1' })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: expect.stringContaining('server URL'),
		});
	});

	it('never sends the API key to another origin, also after a redirect', async () => {
		const directory = await temporaryDirectory();
		const path = sandbox().multiSessionPath('png').replace('/api/media/temp/', '/api/media/redirect/');
		const result = await sandboxClient(sandbox(), { directory }).download({ mediaUrl: path });
		expect(result.sha256).toBe(sandbox().media.get('png').sha256);
		const [first, second] = sandbox().requests.list();
		expect(first).toMatchObject({ server: 'multiSession', status: 302 });
		expect(first?.headers.authorization).toBe(`Bearer ${sandbox().multiSession.apiKey}`);
		expect(second).toMatchObject({ server: 'storage', status: 200 });
		expect(second?.headers.authorization).toBeUndefined();
	});
});
