import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../src/disk/sync-to-disk.js';

const directories: string[] = [];

afterEach(async () => {
	for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'wamedia-sync-'));
	directories.push(directory);
	return directory;
}

describe('syncFolders', () => {
	it('fsyncs every folder from the file up to the output directory', async () => {
		const root = await scratch();
		const directory = join(root, 'out');
		await mkdir(join(directory, 'chat', '2026-12-07'), { recursive: true });
		await expect(syncFolders(join(directory, 'chat', '2026-12-07'), directory)).resolves.toBeUndefined();
		// A folder of the walk that is missing is an error: each level is really opened.
		await expect(syncFolders(join(directory, 'gone', 'deeper'), directory)).rejects.toMatchObject({ code: 'ENOENT' });
	});

	it("stops at the directory's own path, not at a sibling whose name starts like it", async () => {
		const root = await scratch();
		const directory = join(root, 'out');
		await mkdir(directory);
		// `out-sibling/a` starts with `out` but is not inside it: only `out` itself is fsynced, and the missing
		// sibling's folders are never opened.
		await expect(syncFolders(join(root, 'out-sibling', 'a'), directory)).resolves.toBeUndefined();
	});
});
