import { randomBytes } from 'node:crypto';
import { close, closeSync, fstat, fstatSync, fsync, ftruncate, linkSync, open, renameSync, unlinkSync, write, writevSync } from 'node:fs';
import { link, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { isWamediaError, WamediaError } from '../errors/wamedia-error.js';
import { numberedFileName } from '../naming/file-name.js';
import type { Sink } from './sink.js';

// Bytes are copied into 1 MiB batch buffers: one write per batch instead of one syscall per network chunk,
// and the network's buffers are free the moment they are hashed (docs/transfer.md#memory). Two buffers take
// turns: one is written while the other fills, so reading never waits for the disk unless it is behind.
const batchBytes = 1024 * 1024;
// A body announced to fit one batch is kept as the network's own chunks until commit(), which hands them to one
// writev: no copy of the body in JavaScript, no buffer allocated per file. A body that comes in more pieces
// than this is copied into a batch buffer as usual (a trickle of tiny chunks must not pile up objects).
const maxPieces = 16;
const maxNumberedNames = 10_000;
// Temporary names: the owner's pid, a random tag per process, and a count within it (a random draw per file
// costs more than the file's other steps together in a batch of small files). The file is created with O_EXCL
// all the same. The pid lets a later run tell a dead process's leftover from a live download
// (docs/transfer.md#temporary-files).
const processTag = randomBytes(6).toString('hex');
let temporaryCount = 0;

/** The prefix of every temporary file wamedia writes, followed by the owner's pid and a dash. */
export const temporaryPrefix = '.wamedia-';
/** The suffix of every temporary file wamedia writes. */
export const temporarySuffix = '.part';

const openFile = promisify(open);
const writeFile = promisify(write);
const closeFile = promisify(close);
const truncateFile = promisify(ftruncate);
const statFile = promisify(fstat);
const syncFile = promisify(fsync);

/** What `commit()` checks and does before the file gets its name. */
export interface CommitOptions {
	/** Keep an existing file of that name (a numbered name is chosen) unless true. */
	overwrite: boolean;
	/** The size the transfer verified: the file on disk must hold exactly this many bytes. */
	size: number;
	/** Flush the bytes to disk (fsync) before the name is given, for a caller whose success lets something go. */
	fsync?: boolean;
}

/**
 * Writes a body to a hidden temporary file in the target directory; `commit()` gives it its final name
 * atomically, `discard()` removes it. No partial file survives a failure.
 */
export class FileSink implements Sink {
	readonly #directory: string;
	readonly #temporaryPath: string;
	#fd: number | undefined;
	/** The batch being filled, and how much of it is. */
	#batch: Buffer | undefined;
	#filled = 0;
	/** The other batch buffer, once its write has finished. */
	#spare: Buffer | undefined;
	/** The chunks of a body that fits one batch, as they came (see maxPieces). */
	#pieces: Uint8Array[] = [];
	/** The body's announced length: a small body gets a batch buffer of its own size. */
	#expected: number | undefined;
	/** File offset of the batch being filled. */
	#position = 0;
	#inFlight: Promise<void> = Promise.resolve();
	/** The last write that has not finished taking its chunk. */
	#tail: Promise<void> | undefined;
	/** Batch buffers allocated so far (two at most). */
	#buffers = 0;
	#failure: unknown;

	private constructor(directory: string, temporaryPath: string, fd: number) {
		this.#directory = directory;
		this.#temporaryPath = temporaryPath;
		this.#fd = fd;
	}

	/** Opens a fresh temporary file in the directory, creating the directory when it is missing. */
	static async create(directory: string): Promise<FileSink> {
		const temporaryPath = join(
			directory,
			`${temporaryPrefix}${process.pid}-${processTag}-${(temporaryCount++).toString(36)}${temporarySuffix}`,
		);
		try {
			return new FileSink(directory, temporaryPath, await openFile(temporaryPath, 'wx', 0o644));
		} catch (error) {
			if ((error as { code?: string }).code !== 'ENOENT') throw fileError(error, directory);
		}
		// Only a missing directory costs a mkdir: a batch into one directory pays it once.
		try {
			await makeDirectory(directory);
			return new FileSink(directory, temporaryPath, await openFile(temporaryPath, 'wx', 0o644));
		} catch (error) {
			throw fileError(error, directory);
		}
	}

	expect(total: number | undefined): void {
		this.#expected = total;
	}

	write(chunk: Uint8Array): Promise<void> | undefined {
		// Bytes are taken in order: a chunk that comes while an earlier one still waits goes after it.
		const before = this.#tail;
		const pending = before === undefined ? this.#copy(chunk) : before.then(() => this.#copy(chunk));
		if (pending === undefined) return undefined;
		this.#tail = pending;
		pending.then(
			() => {
				if (this.#tail === pending) this.#tail = undefined;
			},
			() => undefined,
		);
		return pending;
	}

	/**
	 * Copies a chunk into the batch buffers, queueing each full one for the disk. Two buffers at most: when
	 * both are with the disk, the rest of the chunk waits for the first to come back instead of taking a
	 * third (a buffer allocated per megabyte outlives a young-generation collection and piles up until a
	 * full one; docs/transfer.md#memory).
	 */
	#copy(chunk: Uint8Array): Promise<void> | undefined {
		const expected = this.#expected;
		if (this.#batch === undefined && this.#position === 0 && expected !== undefined && expected <= batchBytes) {
			if (this.#pieces.length < maxPieces && piecesLength(this.#pieces) + chunk.length <= expected) {
				this.#pieces.push(chunk);
				return undefined;
			}
			// Too many pieces: into a batch buffer with them.
			this.#spill();
		}
		let offset = 0;
		let pending: Promise<void> | undefined;
		while (offset < chunk.length) {
			if (this.#batch === undefined && this.#spare === undefined && this.#buffers >= 2) {
				const rest = chunk.subarray(offset);
				const back =
					pending ??
					this.#inFlight.then(() => {
						if (this.#failure !== undefined) throw this.#failure;
					});
				return back.then(() => this.#copy(rest));
			}
			const batch = this.#batch ?? this.#newBatch();
			// A full batch is written only when more bytes come: a body that fits one batch stays whole for commit().
			if (this.#filled === batch.length) {
				pending?.catch(() => undefined);
				pending = this.#flush();
				continue;
			}
			const copied = Math.min(batch.length - this.#filled, chunk.length - offset);
			batch.set(chunk.subarray(offset, offset + copied), this.#filled);
			this.#filled += copied;
			offset += copied;
		}
		return pending;
	}

	async reset(): Promise<void> {
		await this.#tail?.catch(() => undefined);
		this.#tail = undefined;
		await this.#inFlight;
		this.#filled = 0;
		this.#pieces = [];
		this.#position = 0;
		this.#failure = undefined;
		await truncateFile(this.#open(), 0);
	}

	/**
	 * Flushes, checks, closes and moves the file to `fileName` in the directory. Without `overwrite`, an
	 * existing file is kept and `name (1).ext`, `name (2).ext`… is chosen instead. Returns the final path.
	 * The file's size on disk must equal the verified `size`, or nothing is named (docs/transfer.md#on-disk).
	 */
	async commit(fileName: string, options: CommitOptions): Promise<string> {
		const { overwrite } = options;
		try {
			// The transfer may end while the last chunk is still being taken.
			if (this.#tail !== undefined) await this.#tail;
			// fsync only when asked: like curl and wget, a plain download is as durable as the file system makes
			// any write; the link or rename below is what keeps a partial file from ever carrying the final name.
			if (this.#position === 0) {
				// A body still whole in memory is written with direct calls, unless it must reach the disk first:
				// an fsync can take milliseconds, and the thread pool should wait for it, not the event loop
				// (a server answering webhooks meanwhile).
				if (options.fsync !== true) return await this.#commitWhole(fileName, options);
				this.#spill();
			}
			await this.#flush();
			await this.#inFlight;
			if (this.#failure !== undefined) throw this.#failure;
			const fd = this.#open();
			this.#fd = undefined;
			try {
				checkSize((await statFile(fd)).size, options.size, this.#directory);
				if (options.fsync === true) await syncFile(fd);
			} finally {
				await closeFile(fd);
			}
			if (overwrite) {
				const target = join(this.#directory, fileName);
				await rename(this.#temporaryPath, target);
				return target;
			}
			return await this.#linkUnique(fileName);
		} catch (error) {
			await this.discard();
			throw isWamediaError(error) ? error : fileError(error, this.#directory);
		}
	}

	/** Closes and deletes the temporary file; never throws. */
	async discard(): Promise<void> {
		const fd = this.#fd;
		this.#fd = undefined;
		this.#pieces = [];
		await this.#tail?.catch(() => undefined);
		await this.#inFlight;
		if (fd !== undefined) await closeFile(fd).catch(() => undefined);
		await unlink(this.#temporaryPath).catch(() => undefined);
	}

	/**
	 * A body that never filled a batch is still whole in memory: it is written, closed and named with
	 * synchronous calls — a few page-cache operations of microseconds, where four thread-pool round trips
	 * per file would dominate a batch of small files.
	 */
	#commitWhole(fileName: string, options: CommitOptions): string | Promise<string> {
		const { overwrite } = options;
		const fd = this.#open();
		this.#fd = undefined;
		try {
			const pieces = this.#batch === undefined ? this.#pieces : [this.#batch.subarray(0, this.#filled)];
			writeAllSync(fd, pieces);
			checkSize(fstatSync(fd).size, options.size, this.#directory);
		} finally {
			closeSync(fd);
			this.#batch = undefined;
			this.#pieces = [];
		}
		for (let number = 0; number < maxNumberedNames; number++) {
			const target = join(this.#directory, number === 0 ? fileName : numberedFileName(fileName, number));
			if (overwrite) {
				renameSync(this.#temporaryPath, target);
				return target;
			}
			try {
				linkSync(this.#temporaryPath, target);
			} catch (error) {
				const { code } = error as { code?: string };
				if (code === 'EEXIST') continue;
				if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') return this.#renameUnique(fileName);
				throw error;
			}
			unlinkSync(this.#temporaryPath);
			return target;
		}
		throw tooManyNames(fileName);
	}

	// link() fails with EEXIST instead of replacing: two downloads racing for one name both stay intact.
	async #linkUnique(fileName: string): Promise<string> {
		for (let number = 0; number < maxNumberedNames; number++) {
			const target = join(this.#directory, number === 0 ? fileName : numberedFileName(fileName, number));
			try {
				await link(this.#temporaryPath, target);
				await unlink(this.#temporaryPath);
				return target;
			} catch (error) {
				const { code } = error as { code?: string };
				if (code === 'EEXIST') continue;
				if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') return this.#renameUnique(fileName);
				throw error;
			}
		}
		throw tooManyNames(fileName);
	}

	// For file systems without hard links: check, then rename (not atomic against a racing writer).
	async #renameUnique(fileName: string): Promise<string> {
		for (let number = 0; number < maxNumberedNames; number++) {
			const target = join(this.#directory, number === 0 ? fileName : numberedFileName(fileName, number));
			const probe = await openFile(target, 'wx').catch((error: { code?: string }) => {
				if (error.code === 'EEXIST') return undefined;
				throw error;
			});
			if (probe === undefined) continue;
			await closeFile(probe);
			await rename(this.#temporaryPath, target);
			return target;
		}
		throw tooManyNames(fileName);
	}

	/**
	 * Queues the filled batch to be written after the previous one, and resolves when that previous write
	 * has finished: the caller holds its next chunk until then, so two batches at most are in play.
	 */
	#flush(): Promise<void> {
		const previous = this.#inFlight;
		const batch = this.#batch;
		const length = this.#filled;
		if (batch !== undefined && length > 0) {
			const position = this.#position;
			this.#batch = undefined;
			this.#filled = 0;
			this.#position += length;
			this.#inFlight = previous.then(async () => {
				if (this.#failure !== undefined) return;
				try {
					await writeAll(this.#open(), batch, length, position);
					this.#spare = batch;
				} catch (error) {
					this.#failure = fileError(error, this.#directory);
				}
			});
		}
		return previous.then(() => {
			if (this.#failure !== undefined) throw this.#failure;
		});
	}

	/** Moves the pieces into a batch buffer (they fit: they are part of the announced length). */
	#spill(): void {
		if (this.#pieces.length === 0) return;
		const batch = this.#newBatch();
		for (const piece of this.#pieces) {
			batch.set(piece, this.#filled);
			this.#filled += piece.length;
		}
		this.#pieces = [];
	}

	#newBatch(): Buffer {
		const spare = this.#spare;
		this.#spare = undefined;
		const left = this.#expected === undefined ? batchBytes : this.#expected - this.#position;
		if (spare === undefined) this.#buffers++;
		this.#batch = spare ?? Buffer.allocUnsafeSlow(Math.max(1, Math.min(batchBytes, left)));
		return this.#batch;
	}

	#open(): number {
		if (this.#fd === undefined) throw new Error('FileSink used after it was closed');
		return this.#fd;
	}
}

// write() may store fewer bytes than asked (a filling disk stores what fits, then refuses the rest): each call's
// count is checked, the rest written again, and a write that stores nothing is the disk's ENOSPC.
function writeAllSync(fd: number, pieces: Uint8Array[]): void {
	let rest = pieces.filter((piece) => piece.length > 0);
	for (let done = 0; rest.length > 0; ) {
		const written = writevSync(fd, rest, done);
		if (written <= 0) throw noSpace();
		done += written;
		rest = after(rest, written);
	}
}

function piecesLength(pieces: readonly Uint8Array[]): number {
	let length = 0;
	for (const piece of pieces) length += piece.length;
	return length;
}

/** What is left of the pieces once their first `count` bytes are written. */
function after(pieces: Uint8Array[], count: number): Uint8Array[] {
	const left: Uint8Array[] = [];
	let skip = count;
	for (const piece of pieces) {
		if (skip >= piece.length) {
			skip -= piece.length;
			continue;
		}
		left.push(skip > 0 ? piece.subarray(skip) : piece);
		skip = 0;
	}
	return left;
}

async function writeAll(fd: number, buffer: Buffer, length: number, position: number): Promise<void> {
	for (let done = 0; done < length; ) {
		const { bytesWritten } = await writeFile(fd, buffer, done, length - done, position + done);
		if (bytesWritten <= 0) throw noSpace();
		done += bytesWritten;
	}
}

function noSpace(): Error {
	return Object.assign(new Error('write stored no bytes'), { code: 'ENOSPC' });
}

function checkSize(onDisk: number, verified: number, directory: string): void {
	if (onDisk === verified) return;
	throw new WamediaError('INVALID_INPUT', {
		message: `Only ${onDisk} of ${verified} bytes reached the output file`,
		hint: 'Choose an output directory you can write to, with enough free space.',
		details: { directory, size: verified, written: onDisk },
	});
}

/**
 * `mkdir -p` one level at a time, from the nearest existing ancestor down. Node's recursive mkdir can
 * spin forever on special file systems (procfs answers every level with an error it retries on); this
 * loop is bounded by the depth of the path and ends in the first error.
 */
async function makeDirectory(directory: string): Promise<void> {
	const missing: string[] = [];
	for (let current = directory; ; current = dirname(current)) {
		const found = await stat(current).catch((error: { code?: string }) => {
			if (error.code === 'ENOENT') return undefined;
			throw error;
		});
		if (found !== undefined) {
			if (!found.isDirectory()) throw Object.assign(new Error(`Not a directory: ${current}`), { code: 'ENOTDIR' });
			break;
		}
		if (dirname(current) === current) break;
		missing.push(current);
	}
	for (const level of missing.reverse()) {
		await mkdir(level).catch((error: { code?: string }) => {
			if (error.code !== 'EEXIST') throw error;
		});
	}
}

function tooManyNames(fileName: string): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `Too many files named like ${fileName}`,
		hint: 'Clean up the output directory or pass overwrite.',
	});
}

function fileError(error: unknown, directory: string): WamediaError {
	const code = (error as { code?: string }).code;
	const messages: Record<string, string> = {
		EACCES: 'No permission to write in the output directory',
		EPERM: 'No permission to write in the output directory',
		ENOSPC: 'The disk is full',
		EDQUOT: 'The disk quota is used up',
		EFBIG: 'The file is larger than the file system allows',
		EROFS: 'The output directory is on a read-only file system',
		ENOTDIR: 'The output path is not a directory',
		EEXIST: 'The output path exists and is not a directory',
	};
	return new WamediaError('INVALID_INPUT', {
		message: messages[code ?? ''] ?? 'Cannot write the output file',
		hint: 'Choose an output directory you can write to, with enough free space.',
		details: { directory, ...(code === undefined ? {} : { errorCode: code }) },
		cause: error,
	});
}
