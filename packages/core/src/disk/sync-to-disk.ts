import { open } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { WamediaError } from '../errors/wamedia-error.js';

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

/** One directory's fsync under way, and the one queued behind it. */
interface DirectorySyncs {
	running: Promise<void> | undefined;
	queued: Promise<void> | undefined;
}

const directorySyncs = new Map<string, DirectorySyncs>();

/**
 * {@link syncDirectory}, shared by the files of a batch: every caller waits for an fsync that started
 * after it asked, but callers that ask while one runs share the next, so that four downloads finishing
 * together into one folder cost two directory fsyncs, not four (docs/sync.md#at-least-once).
 */
export function syncDirectoryShared(path: string): Promise<void> {
	let state = directorySyncs.get(path);
	if (state === undefined) {
		state = { running: undefined, queued: undefined };
		directorySyncs.set(path, state);
	}
	const syncs = state;
	if (syncs.queued !== undefined) return syncs.queued;
	const start = (): Promise<void> => {
		const run = syncDirectory(path);
		syncs.running = run;
		const settle = () => {
			if (syncs.running !== run) return;
			syncs.running = undefined;
			if (syncs.queued === undefined) directorySyncs.delete(path);
		};
		run.then(settle, settle);
		return run;
	};
	if (syncs.running === undefined) return start();
	const queued = syncs.running
		.catch(() => undefined)
		.then(() => {
			syncs.queued = undefined;
			return start();
		});
	syncs.queued = queued;
	return queued;
}

/**
 * fsyncs every folder from `folder` up to and including `directory` (the folders a name template made, then
 * the output directory), each shared with the other files of a batch (docs/sync.md#at-least-once).
 */
export async function syncFolders(folder: string, directory: string): Promise<void> {
	for (let level = folder; level.startsWith(`${directory}${sep}`); level = dirname(level)) await syncDirectoryShared(level);
	await syncDirectoryShared(directory);
}

/** The typed error of a file that could not be flushed to disk (a full disk, a vanished folder). */
export function flushFailed(error: unknown, directory: string): WamediaError {
	const code = (error as { code?: string }).code;
	return new WamediaError('INVALID_INPUT', {
		message: `Cannot flush the file to disk${code === undefined ? '' : ` (${code})`}`,
		hint: 'Choose an output directory you can write to, with enough free space.',
		details: { directory },
		cause: error,
	});
}
