import { getEventListeners } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { entries, sandboxClient, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
const direct = (id: string) => ({ downloadUrl: sandbox().storageLink(id) });

describe('output formats', () => {
	it('file: names and types every kind from headers and bytes', async () => {
		const directory = await temporaryDirectory();
		const client = sandboxClient(sandbox(), { directory });
		const expected = {
			image: ['a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg', 'image/jpeg'],
			png: ['screenshot.png', 'image/png'],
			voice: [/^[\w-]+\.ogg$/, 'audio/ogg'],
			document: ['Счёт №42.pdf', 'application/pdf'],
			video: [/\.mp4$/, 'video/mp4'],
			sticker: [/\.webp$/, 'image/webp'],
		} as const;
		for (const [id, [name, mimeType]] of Object.entries(expected)) {
			const result = await client.download(sandbox().webhooks.greenApi(id));
			if (result.format !== 'file') throw new Error('expected a file');
			expect(result.mimeType, id).toBe(mimeType);
			expect(result.fileName, id).toMatch(name);
			expect(result.path).toBe(join(directory, result.fileName));
			expect(sha256(await readFile(result.path)), id).toBe(sandbox().media.get(id).sha256);
		}
		expect((await entries(directory)).filter((name) => name.startsWith('.'))).toEqual([]);
	});

	it('file: never overwrites unless asked', async () => {
		const directory = await temporaryDirectory();
		await writeFile(join(directory, 'screenshot.png'), 'precious');
		const client = sandboxClient(sandbox(), { directory });
		const first = await client.download(direct('png'));
		const second = await client.download(direct('png'));
		expect([first.fileName, second.fileName]).toEqual(['screenshot (1).png', 'screenshot (2).png']);
		expect(await readFile(join(directory, 'screenshot.png'), 'utf8')).toBe('precious');
		const replaced = await client.download(direct('png'), { overwrite: true });
		expect(replaced.fileName).toBe('screenshot.png');
		expect(sha256(await readFile(join(directory, 'screenshot.png')))).toBe(sandbox().media.get('png').sha256);
		expect(await entries(directory)).toEqual(['screenshot (1).png', 'screenshot (2).png', 'screenshot.png']);
	});

	it('file: takes a caller-given name, sanitized, and creates the directory; a name that leaves it is refused first', async () => {
		const directory = join(await temporaryDirectory(), 'nested', 'deeper');
		const result = await sandboxClient(sandbox(), { directory }).download(direct('image'), { fileName: 'escape\u202e.jpg' });
		if (result.format !== 'file') throw new Error('expected a file');
		expect(result.path).toBe(join(directory, 'escape.jpg'));
		sandbox().requests.clear();
		await expect(sandboxClient(sandbox(), { directory }).download(direct('image'), { fileName: '../../escape.jpg' })).rejects.toMatchObject(
			{
				code: 'INVALID_INPUT',
				details: { field: 'fileName' },
			},
		);
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('base64 and binary hold the exact bytes', async () => {
		const bytes = await sandbox().media.bytes('sticker');
		const client = sandboxClient(sandbox());
		const binary = await client.download(direct('sticker'), { format: 'binary' });
		const base64 = await client.download(direct('sticker'), { format: 'base64' });
		if (binary.format !== 'binary' || base64.format !== 'base64') throw new Error('wrong format');
		expect(Buffer.compare(binary.data, bytes)).toBe(0);
		expect(base64.data).toBe(bytes.toString('base64'));
		expect(binary.size).toBe(bytes.length);
	});

	it('stream: delivers the bytes while they are read, with size and digest at the end', async () => {
		const large = sandbox().media.get('large');
		const result = await sandboxClient(sandbox()).download(direct('large'), { format: 'stream' });
		if (result.format !== 'stream') throw new Error('expected a stream');
		expect(result).toMatchObject({ size: large.size, mimeType: 'image/jpeg' });
		const chunks: Buffer[] = [];
		for await (const chunk of result.stream) chunks.push(chunk as Buffer);
		expect(sha256(Buffer.concat(chunks))).toBe(large.sha256);
		await expect(result.done).resolves.toEqual({ size: large.size, sha256: large.sha256 });
	});

	it('stream: a reader that pauses longer than the timeout is not a stall', async () => {
		const result = await sandboxClient(sandbox(), { timeout: 200 }).download(direct('large'), { format: 'stream' });
		if (result.format !== 'stream') throw new Error('expected a stream');
		await new Promise((resolve) => setTimeout(resolve, 600));
		const chunks: Buffer[] = [];
		for await (const chunk of result.stream) chunks.push(chunk as Buffer);
		expect(sha256(Buffer.concat(chunks))).toBe(sandbox().media.get('large').sha256);
		await expect(result.done).resolves.toMatchObject({ size: sandbox().media.get('large').size });
		// One request: the pause neither timed out nor forced a resume.
		expect(
			sandbox()
				.requests.list()
				.filter((request) => request.server === 'storage'),
		).toHaveLength(1);
	});

	it('stream: destroying it stops the download', async () => {
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 2 * 1024 * 1024 });
		const result = await sandboxClient(sandbox()).download(direct('large'), { format: 'stream' });
		if (result.format !== 'stream') throw new Error('expected a stream');
		result.stream.once('data', () => result.stream.destroy());
		await expect(result.done).rejects.toMatchObject({ code: 'ABORTED', details: { aborted: true } });
	});

	it('reports progress up to the total', async () => {
		const seen: Array<{ transferred: number; total: number | undefined }> = [];
		await sandboxClient(sandbox(), { format: 'binary' }).download(direct('large'), { onProgress: (progress) => seen.push(progress) });
		const last = seen.at(-1);
		expect(last).toEqual({ transferred: sandbox().media.get('large').size, total: sandbox().media.get('large').size, percent: 1 });
		expect(seen.every((item, index) => index === 0 || item.transferred >= (seen[index - 1]?.transferred ?? 0))).toBe(true);
	});

	it('refuses bodies over maxBytes from Content-Length, before reading them', async () => {
		const directory = await temporaryDirectory();
		await expect(sandboxClient(sandbox(), { directory }).download(direct('large'), { maxBytes: 1024 })).rejects.toMatchObject({
			code: 'TOO_LARGE',
			details: { maxBytes: 1024, size: sandbox().media.get('large').size },
		});
		expect(await entries(directory)).toEqual([]);
	});

	it('refuses bodies over maxBytes while streaming when there is no Content-Length', async () => {
		const directory = await temporaryDirectory();
		sandbox().faults.add({ server: 'storage', type: 'no-content-length' });
		await expect(sandboxClient(sandbox(), { directory }).download(direct('large'), { maxBytes: 100_000 })).rejects.toMatchObject({
			code: 'TOO_LARGE',
		});
		expect(await entries(directory)).toEqual([]);
	});

	it('in-memory formats default to a 100 MiB cap', async () => {
		sandbox().media.add({ id: 'huge', kind: 'mp4', size: 101 * 1024 * 1024 });
		await expect(sandboxClient(sandbox()).download(direct('huge'), { format: 'binary' })).rejects.toMatchObject({ code: 'TOO_LARGE' });
	});

	it('downloadMany: one result per input, in order, errors included, nothing de-duplicated', async () => {
		const directory = await temporaryDirectory();
		const references = [
			direct('png'),
			{ chatId: 'bad', idMessage: 'x' },
			sandbox().webhooks.greenApi('image'),
			direct('png'),
			{ mediaUrl: sandbox().multiSessionPath('image', { expired: true }) },
		];
		const results = await sandboxClient(sandbox(), { directory }).downloadMany(references, { concurrency: 3 });
		expect(results.map((result) => (result.success ? result.fileName : result.error.code))).toEqual([
			expect.stringMatching(/^screenshot( \(1\))?\.png$/),
			'INVALID_INPUT',
			'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg',
			expect.stringMatching(/^screenshot( \(1\))?\.png$/),
			'MEDIA_EXPIRED',
		]);
		expect(await entries(directory)).toEqual(['a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg', 'screenshot (1).png', 'screenshot.png']);
		// @ts-expect-error a batch cannot deliver streams: refused at compile time and at run time
		await expect(createClient().downloadMany([], { format: 'stream' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		await expect(createClient().downloadMany([], { concurrency: 0 })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: expect.stringContaining('concurrency'),
		});
	});

	it("downloadMany: sixteen downloads at once leave the caller's signal under Node's listener-leak limit", async () => {
		const directory = await temporaryDirectory();
		const { signal } = new AbortController();
		// Node warns of a leak once a signal has more than ten listeners; a batch listens on a signal of its own.
		let most = 0;
		const onResult = (): void => {
			most = Math.max(most, getEventListeners(signal, 'abort').length);
		};
		const references = Array.from({ length: 24 }, () => direct('png'));
		const results = await sandboxClient(sandbox(), { directory }).downloadMany(references, { concurrency: 16, signal, onResult });
		expect(results.filter((result) => result.success)).toHaveLength(24);
		expect(most).toBeLessThanOrEqual(1);
		expect(await entries(directory)).toHaveLength(24);
	});

	it('downloadMany: error results name the message they are about', async () => {
		const text = { ...sandbox().webhooks.greenApi('image'), messageData: { typeMessage: 'textMessage' } };
		const expired = sandbox().webhooks.greenApi('png', { expired: true });
		const [noMedia, failed] = await createClient({ allowPrivateNetwork: true, retry: 0 }).downloadMany([text, expired]);
		expect(noMedia).toMatchObject({
			success: false,
			error: { code: 'NO_MEDIA', details: { chatId: sandbox().chatId, idMessage: text.idMessage } },
		});
		expect(failed).toMatchObject({
			success: false,
			error: { code: 'MEDIA_EXPIRED', details: { chatId: sandbox().chatId, idMessage: sandbox().media.get('png').idMessage } },
		});
	});
});
