import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { apiCalls, readJournal, resetInstance } from './archive-helpers.js';
import { sandboxClient, useSandbox } from './helpers.js';

// A real small file system: a tmpfs mounted for the test. Mounting needs root (CI runs as root); elsewhere
// these tests are skipped and say why.
const mounts: string[] = [];

function mountTmpfs(options: string): string {
	const directory = mkdtempSync(join(tmpdir(), 'wamedia-tmpfs-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', directory], { stdio: 'ignore' });
	} catch (error) {
		rmSync(directory, { recursive: true, force: true });
		throw error;
	}
	mounts.push(directory);
	return directory;
}

function canMount(): boolean {
	if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
	try {
		const probe = mountTmpfs('size=64k');
		execFileSync('umount', [probe], { stdio: 'ignore' });
		mounts.pop();
		rmSync(probe, { recursive: true, force: true });
		return true;
	} catch {
		return false;
	}
}

afterAll(() => {
	for (const directory of mounts) {
		try {
			execFileSync('umount', ['-l', directory], { stdio: 'ignore' });
			rmSync(directory, { recursive: true, force: true });
		} catch {
			// left for the system's own cleanup
		}
	}
});

const mountable = canMount();
const title = mountable
	? 'a filling or read-only disk (a tmpfs mounted for the test)'
	: 'a filling or read-only disk — SKIPPED: needs root and Linux to mount a small tmpfs';

/** Every entry under a directory, hidden temporary files included, with its size. */
async function filesUnder(directory: string): Promise<Record<string, number>> {
	const found: Record<string, number> = {};
	for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		found[path.slice(directory.length + 1)] = (await stat(path)).size;
	}
	return found;
}

const sandbox = useSandbox();
beforeEach(() => resetInstance(sandbox()));

describe.skipIf(!mountable)(title, () => {
	// 600 KB fits one write batch (1 MiB): written whole at commit; 2 MiB does not: written batch by batch.
	for (const size of [600 * 1024, 2 * 1024 * 1024]) {
		const label = size < 1024 * 1024 ? 'a file that fits one write batch' : 'a file larger than a write batch';

		it(`download: ${label} on a disk too small is a typed error, and nothing is left`, async () => {
			const directory = mountTmpfs('size=256k');
			const media = sandbox().media.add({ id: `full-${size}`, kind: 'mp4', size });
			const failure = await sandboxClient(sandbox())
				.download({ chatId: sandbox().chatId, idMessage: media.idMessage }, { directory })
				.then(
					() => undefined,
					(error: unknown) => error,
				);
			expect(failure).toMatchObject({ code: 'INVALID_INPUT', details: { errorCode: 'ENOSPC' } });
			expect((failure as Error).message).toMatch(/disk is full/);
			expect(await filesUnder(directory)).toEqual({});
		});

		it(`sync: ${label} on a filling disk is neither journaled nor deleted from the queue`, async () => {
			// Room for part of the file: for the large one, its first batch and part of the second.
			const directory = mountTmpfs(size < 1024 * 1024 ? 'size=512k' : 'size=1536k');
			sandbox().media.add({ id: `sync-full-${size}`, kind: 'mp4', size });
			const [queued] = [sandbox().notifications.enqueue({ type: 'file', media: `sync-full-${size}` })];
			const summary = await sandboxClient(sandbox()).sync({ directory, once: true });
			expect(summary.error).toMatchObject({ code: 'INVALID_INPUT', details: { errorCode: 'ENOSPC' } });
			expect(summary.downloaded).toBe(0);
			expect(
				sandbox()
					.notifications.list()
					.map((notification) => notification.receiptId),
			).toEqual([queued?.receiptId]);
			expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);
			expect(await readJournal(directory)).toEqual([]);
			// Only the (empty) journal: no file, no temporary file.
			expect(await filesUnder(directory)).toEqual({ 'wamedia-journal.ndjson': 0 });
		});
	}

	it('backfill: a file the disk cannot hold is not written down, so the next run tries it again', async () => {
		const directory = mountTmpfs('size=1536k');
		sandbox().media.add({ id: 'backfill-full', kind: 'mp4', size: 2 * 1024 * 1024 });
		sandbox().journal.add({ type: 'file', media: 'backfill-full' });
		const summary = await sandboxClient(sandbox()).backfill({ directory });
		expect(summary).toMatchObject({ downloaded: 0, failed: 1, error: { code: 'INVALID_INPUT', details: { errorCode: 'ENOSPC' } } });
		expect(await readJournal(directory)).toEqual([]);
		expect(await filesUnder(directory)).toEqual({ 'wamedia-journal.ndjson': 0 });
	});

	it('sync: a file that fits but whose journal line does not is not deleted from the queue', async () => {
		const directory = mountTmpfs('size=64k');
		// 56 KiB taken: the 8 KiB file fills the disk to the last page, and the journal's first line finds none.
		await writeFile(join(directory, 'filler'), Buffer.alloc(56 * 1024));
		sandbox().media.add({ id: 'exact-fit', kind: 'mp4', size: 8 * 1024 });
		sandbox().notifications.enqueue({ type: 'file', media: 'exact-fit' });
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true });
		expect(summary.error).toMatchObject({ code: 'INVALID_INPUT' });
		expect(summary.error?.message).toMatch(/disk is full/);
		expect(sandbox().notifications.list()).toHaveLength(1);
		expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);
		// No half line either: the journal is cut back to what it held.
		expect(await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8')).toBe('');
	});

	it('sync: a disk without room for a new name (no inodes left) stops before anything is deleted', async () => {
		// The root, the journal and one more inode: the chat folder takes the last, its file finds none.
		const directory = mountTmpfs('size=1m,nr_inodes=3');
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true });
		expect(summary.error).toMatchObject({ code: 'INVALID_INPUT', details: { errorCode: 'ENOSPC' } });
		expect(sandbox().notifications.list()).toHaveLength(1);
		expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);
		expect(await readJournal(directory)).toEqual([]);
	});

	it('sync and backfill into a read-only directory take nothing off the queue', async () => {
		const directory = mountTmpfs('size=1m');
		execFileSync('mount', ['-o', 'remount,ro', directory], { stdio: 'ignore' });
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		await expect(sandboxClient(sandbox()).sync({ directory, once: true })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { systemCode: 'EROFS' },
		});
		await expect(sandboxClient(sandbox()).backfill({ directory })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		expect(sandbox().notifications.list()).toHaveLength(1);
		expect(apiCalls(sandbox(), 'downloadFile')).toEqual([]);
	});

	it('sync: enough room archives the file whole, with the size the journal reports', async () => {
		const directory = mountTmpfs('size=4m');
		const media = sandbox().media.add({ id: 'room', kind: 'mp4', size: 2 * 1024 * 1024 });
		sandbox().notifications.enqueue({ type: 'file', media: 'room' });
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true });
		expect(summary).toMatchObject({ downloaded: 1, failed: 0 });
		const [line] = await readJournal(directory);
		expect(line?.result).toMatchObject({ success: true, size: media.size, sha256: media.sha256 });
		const path = (line?.result as { path: string } | undefined)?.path ?? '';
		expect((await stat(join(directory, path))).size).toBe(media.size);
		expect(sandbox().notifications.list()).toEqual([]);
	});
});
