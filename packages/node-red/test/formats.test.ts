// Output formats, the output property, maxBytes and files on disk.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	credentials,
	downloadFlow,
	greenApiConnection,
	helper,
	load,
	sendExpectingError,
	sendExpectingOutput,
	useNodeRedHelper,
} from './support/harness.js';

const sandbox = useNodeRedHelper();
let directory: string;

beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'wamedia-formats-'));
});
afterEach(async () => {
	await rm(directory, { recursive: true, force: true });
});

function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

async function loadWith(settings: Record<string, unknown>): Promise<void> {
	await load(downloadFlow(greenApiConnection(sandbox()), settings), credentials(sandbox()));
}

describe('format', () => {
	it('buffer: msg.payload is a Buffer and msg.media describes it without the bytes', async () => {
		await loadWith({ format: 'buffer' });
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('image'), topic: 'kept' });
		const image = sandbox().media.get('image');
		expect(Buffer.isBuffer(output.payload)).toBe(true);
		expect(sha256(output.payload as Buffer)).toBe(image.sha256);
		expect(output.media).toMatchObject({ format: 'binary', size: image.size, mimeType: 'image/jpeg', fileName: image.fileName });
		expect(output.media).not.toHaveProperty('data');
		expect(output.filename).toBeUndefined();
		expect(output.topic).toBe('kept');
	});

	it('base64: msg.payload is the base64 text of the bytes', async () => {
		await loadWith({ format: 'base64' });
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('png') });
		expect(typeof output.payload).toBe('string');
		const bytes = Buffer.from(output.payload as string, 'base64');
		expect(bytes.equals(await sandbox().media.bytes('png'))).toBe(true);
		expect(output.media).toMatchObject({ format: 'base64', sha256: sandbox().media.get('png').sha256 });
		expect(output.media).not.toHaveProperty('data');
	});

	it('file: the file is in the directory, msg.payload and msg.filename are its absolute path', async () => {
		await loadWith({ format: 'file', directory });
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('document') });
		const path = output.payload as string;
		expect(path).toBe(join(directory, 'Счёт №42.pdf'));
		expect(output.filename).toBe(path);
		expect(output.media).toMatchObject({ format: 'file', path, sha256: sandbox().media.get('document').sha256 });
		expect(sha256(await readFile(path))).toBe(sandbox().media.get('document').sha256);
		expect(await readdir(directory)).toEqual(['Счёт №42.pdf']);
	});

	it('file: keeps an existing file unless overwrite is set', async () => {
		await loadWith({ format: 'file', directory });
		const first = (await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('image') })).payload as string;
		const second = (await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('image') })).payload as string;
		expect(second).not.toBe(first);
		expect((await readdir(directory)).sort()).toEqual([basename(first), basename(second)].sort());
		await helper.unload();

		await loadWith({ format: 'file', directory, overwrite: true });
		const third = (await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('image') })).payload as string;
		expect(third).toBe(first);
		expect(await readdir(directory)).toHaveLength(2);
	});

	it('file: a relative directory is resolved against the fileWorkingDirectory setting', async () => {
		helper.settings({ fileWorkingDirectory: directory });
		try {
			await loadWith({ format: 'file', directory: 'inbox' });
			const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('sticker') });
			expect(output.filename).toBe(join(directory, 'inbox', sandbox().media.get('sticker').fileName ?? ''));
			expect(sha256(await readFile(output.filename as string))).toBe(sandbox().media.get('sticker').sha256);
		} finally {
			helper.settings({ fileWorkingDirectory: undefined });
		}
	});

	it('an unknown format fails with INVALID_INPUT', async () => {
		await loadWith({ format: 'stream' });
		const caught = await sendExpectingError({ payload: sandbox().webhooks.greenApi('image') });
		expect(caught.error.code).toBe('INVALID_INPUT');
	});
});

describe('output property', () => {
	it('puts the output in another property and leaves msg.payload alone', async () => {
		await loadWith({ property: 'whatsapp.image' });
		const webhook = sandbox().webhooks.greenApi('image');
		const output = await sendExpectingOutput({ payload: webhook });
		expect(output.payload).toEqual(webhook);
		const image = (output.whatsapp as { image: Buffer }).image;
		expect(sha256(image)).toBe(sandbox().media.get('image').sha256);
	});
});

describe('maxBytes', () => {
	it('refuses a larger file with TOO_LARGE and writes nothing', async () => {
		await loadWith({ format: 'file', directory, maxBytes: '1000' });
		const caught = await sendExpectingError({ payload: sandbox().webhooks.greenApi('image') });
		expect(caught.error.code).toBe('TOO_LARGE');
		expect(await readdir(directory)).toEqual([]);
	});

	it('lets a file up to the limit through', async () => {
		const { size, sha256: digest } = sandbox().media.get('png');
		await loadWith({ format: 'buffer', maxBytes: size });
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('png') });
		expect(sha256(output.payload as Buffer)).toBe(digest);
	});

	it('rejects a maxBytes that is not a number with INVALID_INPUT', async () => {
		await loadWith({ maxBytes: 'lots' });
		const caught = await sendExpectingError({ payload: sandbox().webhooks.greenApi('png') });
		expect(caught.error.code).toBe('INVALID_INPUT');
		// Named as the editor labels the field.
		expect(caught.error.message).toContain('Invalid "Max bytes": expected a whole number, got "lots"');
		expect(caught.error.message).not.toContain('maxBytes');
	});
});
