import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maxInputBytes, readText, readTextFile } from '../src/inputs/index.js';
import { temporaryDirectory } from './integration/helpers.js';

describe('readText', () => {
	it('reads a stream to its end', async () => {
		expect(await readText(Readable.from([Buffer.from('{"a":'), Buffer.from('"я"}')]))).toBe('{"a":"я"}');
		expect(await readText(Readable.from(['x', 'y']))).toBe('xy');
	});

	it('stops an endless stream right after 16 MiB with INVALID_INPUT', async () => {
		const chunk = Buffer.alloc(64 * 1024, 0x20);
		let pulled = 0;
		const endless = new Readable({
			read() {
				pulled += chunk.length;
				this.push(chunk);
			},
		});
		await expect(readText(endless, { name: 'Standard input' })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: 'Standard input is larger than 16 MiB',
		});
		expect(endless.destroyed).toBe(true);
		// Only what the stream had buffered ahead (its highWaterMark) was pulled beyond the limit.
		expect(pulled).toBeLessThan(maxInputBytes + 256 * 1024);
	});

	it('honours a smaller limit', async () => {
		await expect(readText(Readable.from(['12345']), { maxBytes: 4 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		expect(await readText(Readable.from(['1234']), { maxBytes: 4 })).toBe('1234');
	});
});

describe('readTextFile', () => {
	it('reads a file, and names a missing one', async () => {
		const directory = await temporaryDirectory();
		const file = join(directory, 'webhook.json');
		await writeFile(file, '{"downloadUrl":"https://x.example/a.jpg"}');
		expect(await readTextFile(file)).toBe('{"downloadUrl":"https://x.example/a.jpg"}');
		await expect(readTextFile(join(directory, 'missing.json'))).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: `Cannot read ${join(directory, 'missing.json')}: file not found`,
		});
		await expect(readTextFile(directory)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('directory') });
	});

	it.skipIf(!existsSync('/dev/zero'))('stops reading an endless file at 16 MiB', async () => {
		await expect(readTextFile('/dev/zero')).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: 'The file /dev/zero is larger than 16 MiB',
		});
	});
});
