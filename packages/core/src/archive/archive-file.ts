import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { flushFailed, syncFile, syncFolders } from '../disk/sync-to-disk.js';
import { numberedFileName, splitExtension } from '../naming/file-name.js';
import type { MediaReference } from '../types/reference.js';
import type { FileResult } from '../types/result.js';
import type { ArchiveJob } from './archive-job.js';
import type { ArchiveJournal } from './archive-journal.js';

/** How archived files are named unless a run says otherwise: one folder per chat. */
export const archiveNameTemplate = '{chatId}/{name}';

/**
 * Downloads a message's file into `<directory>/<chatId>/` with the client's own download (its link
 * first, an empty, `{{SWE…}}` or expired one renewed through downloadFile), then makes it durable: the
 * file and the folders that name it are flushed to disk before this resolves (docs/sync.md#at-least-once).
 * The result's `path` is relative to `directory`.
 */
export async function archiveFile(
	job: ArchiveJob,
	reference: MediaReference,
	target: { directory: string; chatId: string | undefined; journal: ArchiveJournal },
	signal: AbortSignal | undefined,
): Promise<FileResult> {
	const { directory, journal } = target;
	// The archive's name template, `{chatId}/{name}` unless the run names its own (docs/transfer.md#name-templates).
	const fileName = job.fileName ?? archiveNameTemplate;
	// fsync: the file's bytes are on disk before it gets its name (docs/sync.md#at-least-once).
	const options = { format: 'file', directory, fileName, overwrite: false, fsync: true, ...(signal ? { signal } : {}) } as const;
	const result = await job.download(reference, options);
	if (result.format !== 'file') throw new Error(`expected a file, got format ${result.format}`);
	const folder = dirname(result.path);
	let path: string;
	try {
		path = await keepOnce(result, (candidate) => journal.namesFile(relative(directory, candidate)));
		journal.claimFile(relative(directory, path));
		// The download flushed its own file; an earlier copy kept instead was written by a run that stopped.
		if (path !== result.path) await syncFile(path);
		// Every folder the template made, from the file's up to the archive's own. Files of a batch share these.
		await syncFolders(folder, directory);
	} catch (error) {
		throw flushFailed(error, folder);
	}
	return { ...result, path: relative(directory, path), fileName: basename(path) };
}

/**
 * A run that stopped after a file was committed and before its journal line downloads it again, and the
 * second copy gets a numbered name (`photo (1).jpg`). When an earlier name of the series holds the same
 * bytes and no journal line names it (the file of that stopped run), the new copy is removed and the
 * earlier one kept: every archived file exists once. Another message's file is never shared.
 */
async function keepOnce(result: FileResult, named: (path: string) => boolean): Promise<string> {
	const name = basename(result.path);
	const [numberedStem, extension] = splitExtension(name);
	const match = /^(.*) \((\d+)\)$/s.exec(numberedStem);
	if (match === null) return result.path;
	const stem = match[1] as string;
	const original = extension === '' ? stem : `${stem}.${extension}`;
	const folder = dirname(result.path);
	for (let number = 0; number < Number(match[2]); number++) {
		const candidate = join(folder, number === 0 ? original : numberedFileName(original, number));
		if (named(candidate)) continue;
		const found = await stat(candidate).catch(() => undefined);
		if (found?.isFile() !== true || found.size !== result.size) continue;
		if ((await sha256Of(candidate)) !== result.sha256) continue;
		await unlink(result.path);
		return candidate;
	}
	return result.path;
}

async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	await pipeline(createReadStream(path), hash);
	return hash.digest('hex');
}
