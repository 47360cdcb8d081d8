import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { entries, quickRetry, sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

const count = (server: string, pattern: RegExp) =>
	sandbox()
		.requests.list()
		.filter((request) => request.server === server && pattern.test(request.path)).length;

describe('webhook, notification and journal bodies', () => {
	it.each(['greenApi', 'notification', 'journal'] as const)('downloads from a %s body with its own link', async (kind) => {
		const video = sandbox().media.get('video');
		const result = await sandboxClient(sandbox(), { format: 'binary' }).download(sandbox().webhooks[kind]('video'));
		expect(result).toMatchObject({ sha256: video.sha256, mimeType: 'video/mp4', idMessage: video.idMessage, chatId: sandbox().chatId });
		expect(count('api', /downloadfile/i)).toBe(0);
	});

	it('renews an expired link through downloadFile and retries once', async () => {
		const directory = await temporaryDirectory();
		const image = sandbox().media.get('image');
		const result = await sandboxClient(sandbox(), { directory }).download(sandbox().webhooks.greenApi('image', { expired: true }));
		expect(result).toMatchObject({ success: true, sha256: image.sha256 });
		const storage = sandbox()
			.requests.list()
			.filter((request) => request.server === 'storage');
		expect(storage.map((request) => request.status)).toEqual([403, 200]);
		expect(count('api', /downloadfile/i)).toBe(1);
		expect(await entries(directory)).toEqual([result.fileName]);
	});

	it.each(['', '{{SWE002}}'])('asks downloadFile when the link is %j', async (downloadUrl) => {
		const result = await sandboxClient(sandbox(), { format: 'base64' }).download(sandbox().webhooks.journal('png', { downloadUrl }));
		expect(result.sha256).toBe(sandbox().media.get('png').sha256);
		expect(count('api', /downloadfile/i)).toBe(1);
	});

	it('reports an expired link as MEDIA_EXPIRED when it cannot be renewed', async () => {
		const client = createClient({ allowPrivateNetwork: true, retry: quickRetry });
		await expect(client.download(sandbox().webhooks.greenApi('image', { expired: true }))).rejects.toMatchObject({
			code: 'MEDIA_EXPIRED',
			status: 403,
			hint: expect.stringContaining('chatId and idMessage with the Green-API idInstance and apiTokenInstance'),
		});
		await expect(client.download(sandbox().webhooks.greenApi('image', { downloadUrl: '{{SWE002}}' }))).rejects.toMatchObject({
			code: 'MEDIA_UNAVAILABLE',
		});
		await expect(client.download(sandbox().webhooks.greenApi('image', { downloadUrl: '' }))).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'idInstance' },
		});
	});

	it('renews at most once', async () => {
		// Every storage answer is an expiry: one renewal, then the error.
		sandbox().faults.add({
			server: 'storage',
			type: 'status',
			status: 403,
			body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
			times: 10,
		});
		await expect(sandboxClient(sandbox()).download(sandbox().webhooks.greenApi('image'))).rejects.toMatchObject({ code: 'MEDIA_EXPIRED' });
		expect(count('api', /downloadfile/i)).toBe(1);
		expect(count('storage', /./)).toBe(2);
	});

	it('tells a signature error (FORBIDDEN) from an expiry', async () => {
		const link = new URL(sandbox().storageLink('image'));
		link.searchParams.set('X-Amz-Signature', '0'.repeat(64));
		await expect(createClient({ allowPrivateNetwork: true }).download({ downloadUrl: link.href })).rejects.toMatchObject({
			code: 'FORBIDDEN',
			status: 403,
		});
	});

	it('reports text messages as NO_MEDIA without a request', async () => {
		const body = {
			...sandbox().webhooks.greenApi('image'),
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'hi' } },
		};
		await expect(sandboxClient(sandbox()).download(body)).rejects.toMatchObject({ code: 'NO_MEDIA' });
		expect(sandbox().requests.list()).toHaveLength(0);
	});

	it('resolves a link without downloading', async () => {
		const link = await sandboxClient(sandbox()).resolveLink({
			chatId: sandbox().chatId,
			idMessage: sandbox().media.get('image').idMessage,
		});
		expect(link.startsWith(`${sandbox().storageUrl}/`)).toBe(true);
		expect(count('storage', /./)).toBe(0);
	});
});
