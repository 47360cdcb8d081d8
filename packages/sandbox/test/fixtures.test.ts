import { fileTypeFromBuffer } from 'file-type';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, signatureFor, startSandbox } from '../src/index.js';
import { sha256 } from './helpers.js';

describe('media fixtures', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	it.each([
		['image', 'jpg', 'image/jpeg'],
		['png', 'png', 'image/png'],
		['voice', 'opus', 'audio/ogg; codecs=opus'],
		['document', 'pdf', 'application/pdf'],
		['video', 'mp4', 'video/mp4'],
		['sticker', 'webp', 'image/webp'],
		['large', 'jpg', 'image/jpeg'],
	])('%s sniffs as %s', async (id, ext, mime) => {
		const bytes = await sandbox.media.bytes(id);
		expect(await fileTypeFromBuffer(bytes)).toEqual({ ext, mime });
	});

	it('has the catalog sizes, types and names of the brief', () => {
		const summary = Object.fromEntries(sandbox.media.list().map((info) => [info.id, [info.kind, info.size, info.fileName]]));
		expect(summary.image).toEqual(['jpeg', 48_213, 'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg']);
		expect(summary.voice).toEqual(['ogg', 30_722, undefined]);
		expect(summary.document).toEqual(['pdf', 101_347, 'Счёт №42.pdf']);
		expect(summary.large?.[1]).toBe(8 * 1024 * 1024);
		for (const info of sandbox.media.list()) {
			expect(info.idMessage).toMatch(/^[0-9A-F]{32}$/);
		}
	});

	it('bytes() has exactly the size and the advertised sha256', async () => {
		for (const info of sandbox.media.list()) {
			const bytes = await sandbox.media.bytes(info.id);
			expect(bytes.length).toBe(info.size);
			expect(sha256(bytes)).toBe(info.sha256);
		}
	});

	it('streams the same bytes as bytes()', async () => {
		for (const id of ['image', 'video']) {
			const response = await fetch(sandbox.storageLink(id));
			expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get(id).sha256);
		}
	});

	it('is deterministic across sandboxes and differs between media', async () => {
		const other = await startSandbox();
		try {
			expect(other.media.get('video').sha256).toBe(sandbox.media.get('video').sha256);
			expect(other.media.get('video').idMessage).toBe(sandbox.media.get('video').idMessage);
			expect(sandbox.media.get('large').sha256).not.toBe(sandbox.media.get('norange').sha256);
		} finally {
			await other.close();
		}
	});

	it('stamps each 1 MiB block, so a resume from a wrong block shows in the digest', async () => {
		const bytes = await sandbox.media.bytes('large');
		const mebibyte = 1024 * 1024;
		expect(bytes.subarray(mebibyte, mebibyte + 8)).not.toEqual(bytes.subarray(0, 8));
		expect(bytes.subarray(mebibyte + 100, 2 * mebibyte).equals(bytes.subarray(100, mebibyte))).toBe(true);
	});

	it('adds media at runtime and truncates signatures of tiny bodies', async () => {
		const info = sandbox.media.add({ id: 'tiny', kind: 'png', size: 3 });
		expect(await sandbox.media.bytes('tiny')).toEqual(Buffer.from([0x89, 0x50, 0x4e]));
		expect(info.mimeType).toBe('image/png');
		expect(signatureFor('bytes', 10).length).toBe(0);
		expect(() => sandbox.media.add({ id: 'tiny', kind: 'png', size: 3 })).toThrow(/already registered/);
		expect(() => sandbox.media.get('nope')).toThrow(/unknown media id/);
		expect(() => sandbox.media.add({ id: 'bad', kind: 'gif' as 'png', size: 3 })).toThrow(TypeError);
	});
});
