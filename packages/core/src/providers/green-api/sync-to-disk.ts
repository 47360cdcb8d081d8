import { open } from 'node:fs/promises';

// Some systems cannot open or fsync a directory (Windows; a few file systems answer EINVAL): there the
// rename is as durable as the system makes it.
const directorySyncUnsupported = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF']);

/** Flushes a file's bytes to disk (fsync), so that it survives a crash or a power loss. */
export async function syncFile(path: string): Promise<void> {
	const file = await open(path, 'r');
	try {
		await file.sync();
	} finally {
		await file.close();
	}
}

/** Flushes a directory's entries to disk (fsync), so that a new or renamed file's name survives a crash. */
export async function syncDirectory(path: string): Promise<void> {
	let directory: Awaited<ReturnType<typeof open>>;
	try {
		directory = await open(path, 'r');
	} catch (error) {
		if (directorySyncUnsupported.has((error as { code?: string }).code ?? '')) return;
		throw error;
	}
	try {
		await directory.sync();
	} catch (error) {
		if (!directorySyncUnsupported.has((error as { code?: string }).code ?? '')) throw error;
	} finally {
		await directory.close();
	}
}
