import type { Dirent } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryPrefix, temporarySuffix } from '../sinks/file-sink.js';
import { processAlive } from './process-alive.js';

// `.wamedia-<pid>-<tag>-<count>.part`, as FileSink names them (docs/transfer.md#temporary-files).
const temporaryName = new RegExp(
	`^${temporaryPrefix.replace('.', '\\.')}(\\d+)-[0-9a-f]+-[0-9a-z]+${temporarySuffix.replace('.', '\\.')}$`,
);

/**
 * Removes the temporary files of processes that no longer run from a directory and, `depth` levels down,
 * its subfolders: what a `kill -9` or a power loss left mid-download. A live process's files stay.
 * Resolves to how many were removed; never throws (a folder it cannot read is passed over).
 */
export async function removeDeadTemporaryFiles(directory: string, depth = 0): Promise<number> {
	let entries: Dirent[];
	try {
		entries = await readdir(directory, { withFileTypes: true });
	} catch {
		return 0;
	}
	let removed = 0;
	for (const entry of entries) {
		if (entry.isDirectory()) {
			if (depth > 0) removed += await removeDeadTemporaryFiles(join(directory, entry.name), depth - 1);
			continue;
		}
		const owner = temporaryName.exec(entry.name)?.[1];
		if (owner === undefined || processAlive(Number(owner))) continue;
		if (
			await unlink(join(directory, entry.name)).then(
				() => true,
				() => false,
			)
		)
			removed++;
	}
	return removed;
}
