import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSink } from '../src/sinks/file-sink.js';

const MiB = 1024 * 1024;
const directories: string[] = [];

async function scratch(): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'wamedia-file-sink-'));
	directories.push(directory);
	return directory;
}

afterEach(async () => {
	for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('FileSink', () => {
	it('keeps the order of chunks handed over while earlier ones still wait for a buffer', async () => {
		// Several megabytes in 64 KiB chunks, none of them awaited: the batch buffers run out while the disk has
		// both, so later chunks must queue behind the bytes that wait.
		const body = randomBytes(5 * MiB + 12_345);
		const directory = await scratch();
		const sink = await FileSink.create(directory);
		sink.expect(body.length);
		const pending: Promise<void>[] = [];
		for (let offset = 0; offset < body.length; offset += 65_536) {
			const waiting = sink.write(body.subarray(offset, offset + 65_536));
			if (waiting !== undefined) pending.push(waiting);
		}
		expect(pending.length).toBeGreaterThan(0);
		const path = await sink.commit('body.bin', { overwrite: false, size: body.length });
		await Promise.all(pending);
		expect(sha256(await readFile(path))).toBe(sha256(body));
		expect(await readdir(directory)).toEqual(['body.bin']);
	});

	it('writes a body awaited chunk by chunk, one large write at a time', async () => {
		const body = randomBytes(3 * MiB + 1);
		const directory = await scratch();
		const sink = await FileSink.create(directory);
		for (let offset = 0; offset < body.length; offset += 300_000) await sink.write(body.subarray(offset, offset + 300_000));
		const path = await sink.commit('awaited.bin', { overwrite: false, size: body.length });
		expect(sha256(await readFile(path))).toBe(sha256(body));
	});

	it('names nothing and leaves no temporary file when the size on disk is not the verified size', async () => {
		const body = randomBytes(2 * MiB + 7);
		const directory = await scratch();
		const sink = await FileSink.create(directory);
		for (let offset = 0; offset < body.length; offset += 65_536) sink.write(body.subarray(offset, offset + 65_536));
		await expect(sink.commit('short.bin', { overwrite: false, size: body.length + 1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		expect(await readdir(directory)).toEqual([]);
	});

	it('writes a small announced body from its chunks as they came, and from a batch once they are too many', async () => {
		const directory = await scratch();
		for (const [name, size, step] of [
			['few.bin', 65_536, 16_384],
			['many.bin', 65_536, 1_000],
			['uneven.bin', 300_001, 65_536],
		] as const) {
			const body = randomBytes(size);
			const sink = await FileSink.create(directory);
			sink.expect(body.length);
			for (let offset = 0; offset < body.length; offset += step) sink.write(body.subarray(offset, offset + step));
			const path = await sink.commit(name, { overwrite: false, size: body.length });
			expect(sha256(await readFile(path)), name).toBe(sha256(body));
		}
		expect((await readdir(directory)).sort()).toEqual(['few.bin', 'many.bin', 'uneven.bin']);
	});

	it('takes a body longer than announced whole, and starts over clean after reset()', async () => {
		const directory = await scratch();
		const first = randomBytes(50_000);
		const body = randomBytes(90_000);
		const sink = await FileSink.create(directory);
		sink.expect(60_000);
		sink.write(first.subarray(0, 30_000));
		sink.write(first.subarray(30_000));
		await sink.reset();
		sink.expect(60_000);
		for (let offset = 0; offset < body.length; offset += 20_000) await sink.write(body.subarray(offset, offset + 20_000));
		const path = await sink.commit('longer.bin', { overwrite: false, size: body.length });
		expect(sha256(await readFile(path))).toBe(sha256(body));
		expect(await readdir(directory)).toEqual(['longer.bin']);
	});

	it('writes a small body that must reach the disk (fsync) through the thread pool, whole and named', async () => {
		const directory = await scratch();
		const body = randomBytes(70_000);
		const sink = await FileSink.create(directory);
		sink.expect(body.length);
		sink.write(body.subarray(0, 40_000));
		sink.write(body.subarray(40_000));
		const path = await sink.commit('durable.bin', { overwrite: false, size: body.length, fsync: true });
		expect(sha256(await readFile(path))).toBe(sha256(body));
		expect(await readdir(directory)).toEqual(['durable.bin']);
		const empty = await FileSink.create(directory);
		empty.expect(0);
		expect(await readFile(await empty.commit('empty.bin', { overwrite: false, size: 0, fsync: true }))).toHaveLength(0);
	});
});
