import { readFile } from 'node:fs/promises';
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { createClient, version } from '../../src/index.js';
import { closedPort, entries, quickRetry, sandboxClient, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

function downloadFileRequests() {
	return sandbox()
		.requests.list()
		.filter((request) => request.server === 'api' && /downloadfile/i.test(request.path));
}

describe('Green-API: {chatId, idMessage}', () => {
	it('resolves the link with downloadFile and writes the file', async () => {
		const directory = await temporaryDirectory();
		const image = sandbox().media.get('image');
		const result = await sandboxClient(sandbox(), { directory }).download({ chatId: sandbox().chatId, idMessage: image.idMessage });
		expect(result).toMatchObject({
			success: true,
			format: 'file',
			provider: 'green-api',
			mimeType: 'image/jpeg',
			size: image.size,
			sha256: image.sha256,
			chatId: sandbox().chatId,
			idMessage: image.idMessage,
			fileName: 'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg',
		});
		if (result.format !== 'file') throw new Error('expected a file');
		expect(sha256(await readFile(result.path))).toBe(image.sha256);
		expect(await entries(directory)).toEqual([result.fileName]);
		expect(result.downloadUrl.startsWith(sandbox().storageUrl)).toBe(true);
		expect(downloadFileRequests()).toHaveLength(1);
		expect(downloadFileRequests()[0]?.headers['user-agent']).toBe(`wamedia/${version}`);
	});

	it('rejects a malformed chatId or idMessage before any request', async () => {
		const client = sandboxClient(sandbox());
		await expect(client.download({ chatId: '79001234567', idMessage: 'ABCDEF123456' })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'chatId' },
		});
		await expect(client.download({ chatId: sandbox().chatId, idMessage: 'not an id!' })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'idMessage' },
		});
		expect(sandbox().requests.list()).toHaveLength(0);
	});

	it('needs credentials for message ids', async () => {
		await expect(
			createClient({ multiSession: sandbox().multiSession }).download({ chatId: sandbox().chatId, idMessage: 'ABCDEF123456' }),
		).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'idInstance' } });
	});

	it.each([
		['noMedia', 'NO_MEDIA', 400],
		['unavailable', 'MEDIA_UNAVAILABLE', 500],
		['notAuthorized', 'INSTANCE_NOT_READY', 400],
		['quota', 'QUOTA_EXCEEDED', 466],
		['unauthorizedIn200', 'AUTH_FAILED', 401],
		['html500', 'UPSTREAM_ERROR', 502],
		['garbage', 'UPSTREAM_ERROR', 200],
		['noLink', 'UPSTREAM_ERROR', 200],
	] as const)('maps the %s answer to %s', async (special, code, status) => {
		const error = await sandboxClient(sandbox())
			.download({ chatId: sandbox().chatId, idMessage: specialMessages[special] })
			.catch((caught: unknown) => caught);
		expect(error).toMatchObject({ code, status, provider: 'green-api' });
		expect((error as { hint: string }).hint.length).toBeGreaterThan(10);
	});

	it('retries permanent failures never, transient ones up to the limit', async () => {
		await sandboxClient(sandbox())
			.download({ chatId: sandbox().chatId, idMessage: specialMessages.noMedia })
			.catch(() => undefined);
		expect(downloadFileRequests()).toHaveLength(1);
		sandbox().requests.clear();
		await sandboxClient(sandbox())
			.download({ chatId: sandbox().chatId, idMessage: specialMessages.html500 })
			.catch(() => undefined);
		expect(downloadFileRequests()).toHaveLength(1 + quickRetry.limit);
	});

	it('waits out an instance that is starting', async () => {
		const result = await sandboxClient(sandbox(), { format: 'binary' }).download({
			chatId: sandbox().chatId,
			idMessage: specialMessages.starting,
		});
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(downloadFileRequests().length).toBeGreaterThanOrEqual(3);
	});

	it('retries downloadFile after a 429 and after a 502', async () => {
		sandbox().faults.add({ server: 'api', type: 'rate-limit', retryAfter: '0' });
		sandbox().faults.add({ server: 'api', type: 'status', status: 502, body: '<html><title>502 Bad Gateway</title></html>' });
		const result = await sandboxClient(sandbox(), { format: 'binary' }).download({
			chatId: sandbox().chatId,
			idMessage: sandbox().media.get('png').idMessage,
		});
		expect(result.sha256).toBe(sandbox().media.get('png').sha256);
		expect(downloadFileRequests().map((request) => request.status)).toEqual([429, 502, 200]);
	});

	it('maps a wrong token to AUTH_FAILED and a wrong instance to FORBIDDEN', async () => {
		const { apiUrl, idInstance } = sandbox().greenApi;
		const reference = { chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage };
		await expect(
			createClient({ greenApi: { apiUrl, idInstance, apiTokenInstance: 'wrong-token-0000' } }).download(reference),
		).rejects.toMatchObject({ code: 'AUTH_FAILED', status: 401 });
		await expect(createClient({ greenApi: { ...sandbox().greenApi, idInstance: '1101999999' } }).download(reference)).rejects.toMatchObject(
			{ code: 'FORBIDDEN', status: 403 },
		);
	});

	it('maps a wrong apiUrl path to INVALID_INPUT and a dead host to NETWORK', async () => {
		const reference = { chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage };
		await expect(
			createClient({ greenApi: { ...sandbox().greenApi, apiUrl: `${sandbox().storageUrl}/nothing-here` } }).download(reference),
		).rejects.toMatchObject({ code: expect.stringMatching(/INVALID_INPUT|FORBIDDEN/) });
		await expect(
			createClient({ greenApi: { ...sandbox().greenApi, apiUrl: `http://127.0.0.1:${await closedPort()}` }, retry: 0 }).download(reference),
		).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('refused') });
	});

	it('keeps to 5 downloadFile requests per second per instance, also under concurrency', async () => {
		const image = sandbox().media.get('image');
		const client = sandboxClient(sandbox(), { format: 'binary' });
		const other = sandboxClient(sandbox(), { format: 'binary' });
		const references = Array.from({ length: 12 }, () => ({ chatId: sandbox().chatId, idMessage: image.idMessage }));
		const results = await Promise.all([
			client.downloadMany(references.slice(0, 6), { concurrency: 6 }),
			other.downloadMany(references.slice(6), { concurrency: 6 }),
		]);
		expect(results.flat().every((result) => result.success)).toBe(true);
		// Counted on what the contract promises, not on request totals under timing: every item fetched once,
		// no 429 answered twice in a row, and the accepted calls within 5 a second.
		const accepted = downloadFileRequests().filter((request) => request.status === 200);
		expect(accepted).toHaveLength(12);
		const statuses = downloadFileRequests().map((request) => request.status);
		expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
		expect(statuses.some((status, index) => status === 429 && statuses[index - 1] === 429)).toBe(false);
		const times = accepted.map((request) => request.time);
		for (const start of times) {
			expect(times.filter((time) => time >= start && time < start + 1000).length).toBeLessThanOrEqual(5);
		}
	});
});
