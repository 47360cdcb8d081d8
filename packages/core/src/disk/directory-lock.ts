import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WamediaError } from '../errors/wamedia-error.js';
import { processAlive } from './process-alive.js';

/** The lock's file name inside the directory it guards. */
export const lockFileName = '.wamedia.lock';

/** Who holds a directory: written into the lock file as JSON. */
export interface LockHolder {
	pid: number;
	host: string;
	/** What the holder does, e.g. `sync`. */
	purpose: string;
	/** When it took the lock (ISO 8601). */
	since: string;
}

/** Options of {@link lockDirectory}. */
export interface LockOptions {
	/** What the holder does, shown to a second run (`sync`, `backfill`, `serve`). */
	purpose: string;
	/** Wait for the holder to finish instead of failing at once. @default false */
	wait?: boolean;
	/** Stops a wait (ABORTED). */
	signal?: AbortSignal;
	/** Milliseconds between two looks at a held lock while waiting. @default 200 */
	pollInterval?: number;
}

/** A held lock; `release()` gives it back (and never throws). */
export interface DirectoryLock {
	readonly path: string;
	release(): Promise<void>;
}

/**
 * Takes the single-writer lock of an archive directory (`DIR/.wamedia.lock`, docs/sync.md#one-writer):
 * the lock file is created whole and atomically with `link()`, which fails when it exists. A lock whose
 * process is no longer running (on this host) is taken over; a live holder's lock is an INVALID_INPUT
 * naming its pid, or, with `wait`, waited for.
 *
 * @example
 * const lock = await lockDirectory('/srv/archive', { purpose: 'sync' });
 * try { … } finally { await lock.release(); }
 */
export async function lockDirectory(directory: string, options: LockOptions): Promise<DirectoryLock> {
	const path = join(directory, lockFileName);
	const me: LockHolder = { pid: process.pid, host: hostname(), purpose: options.purpose, since: new Date().toISOString() };
	const content = `${JSON.stringify(me)}\n`;
	try {
		await mkdir(directory, { recursive: true });
	} catch (error) {
		throw lockError(error, directory);
	}
	const { signal } = options;
	await removeDeadDrafts(directory);
	for (;;) {
		if (signal?.aborted) throw aborted(signal);
		if (await create(path, content, directory)) return held(path, content);
		const text = await readFile(path, 'utf8').catch((error: { code?: string }) => {
			if (error.code === 'ENOENT') return undefined;
			throw lockError(error, directory);
		});
		if (text === undefined) continue;
		const holder = parseHolder(text);
		if (holder !== undefined && !isLive(holder)) {
			await takeOver(path, text, directory);
			continue;
		}
		if (options.wait !== true) throw heldError(directory, holder);
		await sleep(options.pollInterval ?? 200, undefined, signal === undefined ? {} : { signal }).catch(() => undefined);
	}
}

/** Writes the lock to a private name, then links it to the lock's name: the lock is never seen half written. */
async function create(path: string, content: string, directory: string): Promise<boolean> {
	const draft = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		await writeFile(draft, content, { flag: 'wx' });
		const file = await open(draft, 'r');
		await file.sync().finally(() => file.close());
		await link(draft, path);
		return true;
	} catch (error) {
		if ((error as { code?: string }).code === 'EEXIST') return false;
		throw lockError(error, directory);
	} finally {
		await unlink(draft).catch(() => undefined);
	}
}

/**
 * Removes a dead holder's lock. Two runs may find it dead at once: a guard file (created exclusively) lets
 * one of them look again and remove it, so that no run ever removes a lock another has just taken.
 */
async function takeOver(path: string, deadContent: string, directory: string): Promise<void> {
	const guard = `${path}.takeover`;
	const mine = `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
	try {
		await writeFile(guard, mine, { flag: 'wx' });
	} catch (error) {
		if ((error as { code?: string }).code !== 'EEXIST') throw lockError(error, directory);
		// Another run takes it over now; a guard left by a run that died there is removed.
		const other = parseHolder(await readFile(guard, 'utf8').catch(() => ''));
		if (other !== undefined && !isLive(other)) await unlink(guard).catch(() => undefined);
		else await sleep(20);
		return;
	}
	try {
		const now = await readFile(path, 'utf8').catch(() => undefined);
		if (now === deadContent) await unlink(path).catch(() => undefined);
	} finally {
		await unlink(guard).catch(() => undefined);
	}
}

/** Drafts of the lock file (`.wamedia.lock.<pid>-<tag>`) whose process died between writing and removing them. */
async function removeDeadDrafts(directory: string): Promise<void> {
	const names = await readdir(directory).catch(() => [] as string[]);
	for (const name of names) {
		const pid = /^\.wamedia\.lock\.(\d+)-[0-9a-f]+$/.exec(name)?.[1];
		if (pid !== undefined && !processAlive(Number(pid))) await unlink(join(directory, name)).catch(() => undefined);
	}
}

function held(path: string, content: string): DirectoryLock {
	let released = false;
	return {
		path,
		async release() {
			if (released) return;
			released = true;
			// Only our own lock is removed: one taken over from us (we were thought dead) stays.
			const now = await readFile(path, 'utf8').catch(() => undefined);
			if (now === content) await unlink(path).catch(() => undefined);
		},
	};
}

function parseHolder(text: string): LockHolder | undefined {
	try {
		const value = JSON.parse(text) as Partial<LockHolder>;
		if (typeof value.pid !== 'number' || !Number.isSafeInteger(value.pid) || typeof value.host !== 'string') return undefined;
		return { pid: value.pid, host: value.host, purpose: String(value.purpose ?? ''), since: String(value.since ?? '') };
	} catch {
		return undefined;
	}
}

// A holder on another host (a shared file system) cannot be checked: it counts as live.
function isLive(holder: LockHolder): boolean {
	return holder.host !== hostname() || processAlive(holder.pid);
}

function heldError(directory: string, holder: LockHolder | undefined): WamediaError {
	const who =
		holder === undefined
			? 'another wamedia process'
			: `wamedia ${holder.purpose} (process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, since ${holder.since})`;
	return new WamediaError('INVALID_INPUT', {
		message: `The directory is in use by ${who}`,
		hint: 'One run writes an archive directory at a time: let the other run end first, or pass the wait option to queue behind it.',
		details: {
			directory,
			field: 'wait',
			lock: join(directory, lockFileName),
			...(holder === undefined ? {} : { pid: holder.pid, host: holder.host, purpose: holder.purpose }),
		},
	});
}

function aborted(signal: AbortSignal): WamediaError {
	return new WamediaError('ABORTED', { details: { aborted: true }, cause: signal.reason });
}

function lockError(error: unknown, directory: string): WamediaError {
	if (error instanceof WamediaError) return error;
	const code = (error as { code?: string }).code;
	return new WamediaError('INVALID_INPUT', {
		message: `Cannot lock the directory ${directory}${code === undefined ? '' : ` (${code})`}`,
		hint: 'Choose a directory you can write to, with free space.',
		details: { directory, field: 'directory', ...(code === undefined ? {} : { systemCode: code }) },
		cause: error,
	});
}
