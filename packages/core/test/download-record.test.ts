import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadRecord, recordKeyText } from '../src/records/download-record.js';
import { temporaryDirectory } from './integration/helpers.js';

const file = { path: '/media/a.jpg', fileName: 'a.jpg', mimeType: 'image/jpeg', size: 3, sha256: 'ab' };

describe('DownloadRecord', () => {
	it('appends NDJSON lines that a new reader finds, and ignores a torn last line', async () => {
		const path = join(await temporaryDirectory(), 'deep', 'record.ndjson');
		const record = await DownloadRecord.open(path);
		expect(record.find({ provider: 'green-api', chatId: '1@c.us', idMessage: 'A' })).toBeUndefined();
		// Lines added at once go in batches; every promise resolves once its line is on disk.
		await Promise.all(
			['A', 'B', 'C'].map((id) =>
				record.add({ provider: 'green-api', chatId: '1@c.us', idMessage: id, at: '2026-01-01T00:00:00.000Z', ...file }),
			),
		);
		await record.add({ provider: 'direct', link: 'https://x.example/a.jpg', at: '2026-01-01T00:00:00.000Z', ...file });
		await appendFile(path, '{"provider":"green-api","chatId":"1@c.us","idMes');
		const text = await readFile(path, 'utf8');
		expect(text.split('\n').filter((line) => line.startsWith('{"provider'))).toHaveLength(5);
		const again = await DownloadRecord.open(path);
		for (const id of ['A', 'B', 'C']) expect(again.find({ provider: 'green-api', chatId: '1@c.us', idMessage: id })).toMatchObject(file);
		expect(again.find({ provider: 'green-api', chatId: '2@c.us', idMessage: 'A' })).toBeUndefined();
		expect(again.find({ provider: 'direct', link: 'https://x.example/a.jpg' })).toMatchObject({ fileName: 'a.jpg' });
	});

	it('keys by gateway and id, or by the link when there is no id', () => {
		expect(recordKeyText({ provider: 'meta', mediaId: '1' })).toBe('["meta","","1"]');
		expect(recordKeyText({ provider: 'waha', chatId: '1@c.us', idMessage: 'x' })).toBe('["waha","1@c.us","x"]');
		expect(recordKeyText({ provider: 'direct', link: 'https://x/a' })).toBe('["direct","","","https://x/a"]');
		expect(recordKeyText({ provider: 'direct' })).toBeUndefined();
	});

	it('reports a record it cannot read as INVALID_INPUT naming record, before any download', async () => {
		const directory = await temporaryDirectory();
		await appendFile(join(directory, 'blocker'), 'x');
		await expect(DownloadRecord.open(join(directory, 'blocker', 'record.ndjson'))).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'record' },
		});
	});
});
