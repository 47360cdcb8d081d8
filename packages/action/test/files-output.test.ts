import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult, JournalLine } from '@wamedia/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesListName, maxFilesOutputBytes, setFilesOutput } from '../src/files-output.js';

let directory: string;
let outputFile: string;
const saved = process.env.GITHUB_OUTPUT;

/** The outputs @actions/core appended to $GITHUB_OUTPUT (`name<<delimiter`, the value, the delimiter). */
async function outputs(): Promise<Record<string, string>> {
	const text = await readFile(outputFile, 'utf8');
	const found: Record<string, string> = {};
	for (const match of text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) found[match[1] as string] = match[3] as string;
	return found;
}

function fileResult(index: number): FileResult {
	return {
		success: true,
		message: 'Media downloaded successfully',
		format: 'file',
		fileName: `photo-${index}.jpg`,
		mimeType: 'image/jpeg',
		size: 1000 + index,
		sha256: index.toString(16).padStart(64, '0'),
		path: `/work/whatsapp-media/photo-${index}.jpg`,
		downloadUrl: `https://storage.example/media/photo-${index}.jpg?X-Amz-Signature=${'f'.repeat(64)}&X-Amz-Expires=3600`,
		provider: 'green-api',
		chatId: '79001234567@c.us',
		idMessage: `BAE5${index.toString(16).padStart(12, '0').toUpperCase()}`,
	};
}

beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'wamedia-files-output-'));
	outputFile = join(directory, 'github-output');
	await writeFile(outputFile, '');
	process.env.GITHUB_OUTPUT = outputFile;
});
afterEach(async () => {
	process.env.GITHUB_OUTPUT = saved;
	await rm(directory, { recursive: true, force: true });
});

describe('the files output', () => {
	it('holds a short list whole, without signed queries, and no files-path', async () => {
		const results = [fileResult(1), fileResult(2)];
		expect(await setFilesOutput(results, join(directory, 'media'))).toBeUndefined();
		const { files, 'files-path': path } = await outputs();
		expect(path).toBe('');
		const shown = JSON.parse(files ?? '') as FileResult[];
		expect(shown.map((result) => result.idMessage)).toEqual(results.map((result) => result.idMessage));
		expect(shown[0]?.downloadUrl).toBe('https://storage.example/media/photo-1.jpg?…');
		expect(files).not.toContain('X-Amz-Signature');
	});

	it('bounds a long list: the leading entries that fit, the whole list in wamedia-files.json', async () => {
		const results = Array.from({ length: 2000 }, (_, index) => fileResult(index));
		const media = join(directory, 'media');
		const path = await setFilesOutput(results, media);
		expect(path).toBe(join(media, filesListName));
		const { files, 'files-path': shownPath } = await outputs();
		expect(shownPath).toBe(path);
		expect(Buffer.byteLength(files ?? '')).toBeLessThanOrEqual(maxFilesOutputBytes);
		const kept = JSON.parse(files ?? '') as FileResult[];
		expect(kept.length).toBeGreaterThan(10);
		expect(kept.length).toBeLessThan(results.length);
		const whole = JSON.parse(await readFile(path as string, 'utf8')) as FileResult[];
		expect(whole.map((result) => result.idMessage)).toEqual(results.map((result) => result.idMessage));
		expect(kept).toEqual(whole.slice(0, kept.length));
		expect(await readFile(path as string, 'utf8')).not.toContain('X-Amz-Signature');
	});

	it('leaves the notification bodies of sync lines out', async () => {
		const body = { typeWebhook: 'incomingMessageReceived', messageData: { textMessageData: { textMessage: 'x'.repeat(10_000) } } };
		const lines: JournalLine[] = [
			{ at: '2026-12-06T00:00:00.000Z', source: 'queue', receiptId: 1, typeWebhook: 'incomingMessageReceived', body },
			{ at: '2026-12-06T00:00:01.000Z', source: 'queue', receiptId: 2, result: fileResult(3), body },
		];
		await setFilesOutput(lines, directory);
		const shown = JSON.parse((await outputs()).files ?? '') as JournalLine[];
		expect(shown).toEqual([
			{ at: '2026-12-06T00:00:00.000Z', source: 'queue', receiptId: 1, typeWebhook: 'incomingMessageReceived' },
			{
				at: '2026-12-06T00:00:01.000Z',
				source: 'queue',
				receiptId: 2,
				result: { ...fileResult(3), downloadUrl: 'https://storage.example/media/photo-3.jpg?…' },
			},
		]);
	});
});
