import { type DirectoryLock, lockDirectory } from '../disk/directory-lock.js';
import { removeDeadTemporaryFiles } from '../disk/temporary-files.js';
import type { ArchiveJob } from './archive-job.js';

/**
 * Takes the archive directory for one run (docs/sync.md#one-writer) and, holding it, removes the
 * temporary files that dead processes left in it and its chat folders (docs/transfer.md#temporary-files).
 */
export async function lockArchive(
	job: Pick<ArchiveJob, 'finish'>,
	settings: { directory: string; wait: boolean; signal: AbortSignal | undefined },
	purpose: 'sync' | 'backfill' | 'serve',
): Promise<DirectoryLock> {
	let lock: DirectoryLock;
	try {
		lock = await lockDirectory(settings.directory, {
			purpose,
			wait: settings.wait,
			...(settings.signal === undefined ? {} : { signal: settings.signal }),
		});
	} catch (error) {
		throw job.finish(error);
	}
	await removeDeadTemporaryFiles(settings.directory, 1);
	return lock;
}
