import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { syncDirectory } from '../disk/sync-to-disk.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { WamediaError } from '../errors/wamedia-error.js';
import { isRecord } from '../providers/body-fields.js';
import { type Redactor, redactValue } from '../security/redact.js';
import type { JournalLine } from '../types/archive.js';
import { permanentCodes } from './failure-kind.js';

/** The journal's file name inside the archive directory. */
export const journalFileName = 'wamedia-journal.ndjson';

/**
 * `wamedia-journal.ndjson`: read once when a run starts (what is archived already), then appended one
 * line at a time, each flushed to disk before the caller goes on (docs/sync.md#the-journal).
 */
export class ArchiveJournal {
	readonly path: string;
	readonly #file: FileHandle;
	/** Messages whose file is archived, by {@link messageKey}. */
	readonly #archived: Set<string>;
	/** Messages written down with a permanent failure and never archived since, by {@link messageKey}. */
	readonly #failed: Set<string>;
	/** The files the journal names (paths relative to the directory). */
	readonly #files: Set<string>;
	/** Queue notifications without a file that are written down already, by {@link notificationKey}. */
	readonly #noted: Set<string>;
	readonly #redact: Redactor;
	#writing: Promise<void> = Promise.resolve();
	/** The lines waiting for the next write, and its promise. */
	#pending: { texts: string[]; done: Promise<void> } | undefined;

	private constructor(
		path: string,
		file: FileHandle,
		sets: { archived: Set<string>; failed: Set<string>; files: Set<string>; noted: Set<string> },
		redact: Redactor,
	) {
		const { archived, failed, files, noted } = sets;
		this.path = path;
		this.#failed = failed;
		this.#redact = redact;
		this.#file = file;
		this.#archived = archived;
		this.#files = files;
		this.#noted = noted;
	}

	/**
	 * Opens (or creates) the journal of a directory and reads what it holds. Every line is passed through
	 * `redact` (the client's redactor, the same as for errors) before it is written or handed on.
	 */
	static async open(directory: string, redact: Redactor): Promise<ArchiveJournal> {
		const path = join(directory, journalFileName);
		try {
			await mkdir(directory, { recursive: true });
			const archived = new Set<string>();
			const failed = new Set<string>();
			const files = new Set<string>();
			const noted = new Set<string>();
			const existed = await readLines(path, (line) => {
				if (line.source === 'queue' && line.result === undefined) noted.add(notificationKey(line));
				if (line.idMessage === undefined || !isRecord(line.result)) return;
				const key = messageKey(line.chatId, line.idMessage);
				if (line.result.success === true) {
					archived.add(key);
					failed.delete(key);
					if (typeof line.result.path === 'string') files.add(line.result.path);
				} else if (isPermanentFailure(line.result) && !archived.has(key)) failed.add(key);
			});
			const file = await open(path, 'a+');
			const journal = new ArchiveJournal(path, file, { archived, failed, files, noted }, redact);
			// A line cut short by a crash stays a line of its own, which the next reading skips.
			if (await endsTorn(file)) await journal.#write('\n');
			// A new journal's name is made durable too, not only its lines.
			if (!existed) await syncDirectory(directory);
			return journal;
		} catch (error) {
			throw journalError(error, path);
		}
	}

	/**
	 * Whether the file of this message is archived already. A message is its chat and its id: two chats
	 * can carry the same idMessage (docs/sync.md#the-journal).
	 */
	isArchived(chatId: string | undefined, idMessage: string | undefined): boolean {
		// Lines hold the ids as written, redacted.
		const chat = chatId === undefined ? undefined : this.#redact(chatId);
		return idMessage !== undefined && this.#archived.has(messageKey(chat, this.#redact(idMessage)));
	}

	/**
	 * Whether a line of an earlier run wrote this message down with a permanent failure (NO_MEDIA,
	 * MEDIA_UNAVAILABLE, …) and none archived it since: back-fill records such a failure once and skips it
	 * afterwards, unless asked to retry (docs/sync.md#back-fill).
	 */
	failedBefore(chatId: string | undefined, idMessage: string | undefined): boolean {
		if (idMessage === undefined) return false;
		const chat = chatId === undefined ? undefined : this.#redact(chatId);
		return this.#failed.has(messageKey(chat, this.#redact(idMessage)));
	}

	/** Whether a journal line names this file (a path relative to the directory), or one is about to. */
	namesFile(path: string): boolean {
		return this.#files.has(path);
	}

	/** Marks a file as one a line is about to name, so that no other message's download is taken for a copy of it. */
	claimFile(path: string): void {
		this.#files.add(path);
	}

	/** Whether this queue notification (one without a file) is written down already. */
	isNoted(line: Pick<JournalLine, 'receiptId' | 'typeWebhook' | 'chatId' | 'idMessage' | 'timestamp'>): boolean {
		return this.#noted.has(notificationKey(redactValue(line, this.#redact)));
	}

	/**
	 * Appends a line, secrets removed from every field and the body (a server may echo the token into a
	 * link or a text), and flushes it to disk. Resolves to the line as written: what faces hand on must be
	 * that line, never the one before redaction (docs/sync.md#the-journal).
	 */
	async append(unsafe: JournalLine): Promise<JournalLine> {
		const line = redactValue(unsafe, this.#redact);
		try {
			await this.#write(`${JSON.stringify(line)}\n`);
		} catch (error) {
			throw journalError(error, this.path);
		}
		if (line.result?.success === true) {
			if (line.idMessage !== undefined) this.#archived.add(messageKey(line.chatId, line.idMessage));
			this.#files.add(line.result.path);
		}
		if (line.source === 'queue' && line.result === undefined) this.#noted.add(notificationKey(line));
		return line;
	}

	async close(): Promise<void> {
		await this.#writing.catch(() => undefined);
		await this.#file.close().catch(() => undefined);
	}

	// Lines go out one write after another, whole, each write synced before the next starts. A write may store
	// part of its lines (a filling disk): the rest is written again, and lines that cannot be stored whole are
	// cut off the file again, so that the journal never holds half a line it reported (docs/sync.md#the-journal).
	#write(text: string): Promise<void> {
		// Lines that arrive while an earlier write is under way share the next write and fsync (a group
		// commit): sixteen workers finishing together cost one fsync, not sixteen. Each caller still resolves
		// only once its own line is on disk (docs/serve.md#durability).
		if (this.#pending !== undefined) {
			this.#pending.texts.push(text);
			return this.#pending.done;
		}
		const batch: { texts: string[]; done: Promise<void> } = { texts: [text], done: Promise.resolve() };
		this.#pending = batch;
		batch.done = this.#writing.then(async () => {
			this.#pending = undefined;
			const bytes = Buffer.from(batch.texts.join(''), 'utf8');
			const { size } = await this.#file.stat();
			try {
				for (let done = 0; done < bytes.length; ) {
					const { bytesWritten } = await this.#file.write(bytes, done, bytes.length - done);
					if (bytesWritten <= 0) throw Object.assign(new Error('write stored no bytes'), { code: 'ENOSPC' });
					done += bytesWritten;
				}
				await this.#file.sync();
			} catch (error) {
				await this.#file.truncate(size).catch(() => undefined);
				throw error;
			}
		});
		this.#writing = batch.done.catch(() => undefined);
		return batch.done;
	}
}

/** A failure line of a message no retry will fetch: its code is permanent, and it is not the disk's. */
function isPermanentFailure(result: Record<string, unknown>): boolean {
	const error = result.error;
	if (!isRecord(error) || typeof error.code !== 'string') return false;
	return permanentCodes.has(error.code as ErrorCode);
}

/** A message's identity in the journal: its chat and its id together. */
export function messageKey(chatId: string | undefined, idMessage: string): string {
	return JSON.stringify([chatId ?? null, idMessage]);
}

/** Receipt id, type, chat, message and time: a redelivered notification has the same, a later status of a message does not. */
function notificationKey(line: Pick<JournalLine, 'receiptId' | 'typeWebhook' | 'chatId' | 'idMessage' | 'timestamp'>): string {
	return JSON.stringify([line.receiptId, line.typeWebhook, line.chatId, line.idMessage, line.timestamp]);
}

/** Calls `onLine` with each readable line; false when the file does not exist. Unreadable lines are skipped. */
async function readLines(path: string, onLine: (line: JournalLine) => void): Promise<boolean> {
	try {
		for await (const text of createInterface({
			input: createReadStream(path, { encoding: 'utf8' }),
			crlfDelay: Number.POSITIVE_INFINITY,
		})) {
			if (text.trim() === '') continue;
			try {
				const line: unknown = JSON.parse(text);
				if (isRecord(line)) onLine(line as unknown as JournalLine);
			} catch {
				// A line cut short by a crash, or not ours: it archives nothing.
			}
		}
		return true;
	} catch (error) {
		if ((error as { code?: string }).code === 'ENOENT') return false;
		throw error;
	}
}

/** Whether the file's last byte is something other than a line end (a line cut short). */
async function endsTorn(file: FileHandle): Promise<boolean> {
	const { size } = await file.stat();
	if (size === 0) return false;
	const { buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
	return buffer[0] !== 0x0a;
}

function journalError(error: unknown, path: string): WamediaError {
	if (error instanceof WamediaError) return error;
	const code = (error as { code?: string }).code;
	const full = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
	return new WamediaError('INVALID_INPUT', {
		message: `${full ? 'The disk is full: cannot write' : 'Cannot use'} the journal ${path}${code === undefined ? '' : ` (${code})`}`,
		hint: 'Choose a directory you can write to, with free space; the journal is what keeps a re-run from losing or repeating anything.',
		details: { field: 'directory', path, ...(code === undefined ? {} : { systemCode: code }) },
		cause: error,
	});
}
