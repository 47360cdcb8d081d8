import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WamediaError } from '../errors/wamedia-error.js';

/** What identifies one download in a record: the gateway and the message (or media) id, or the link when there is no id. */
export interface RecordKey {
	provider: string;
	chatId?: string | undefined;
	idMessage?: string | undefined;
	mediaId?: string | undefined;
	/** Only when there is no id; redacted. */
	link?: string | undefined;
}

/** One line of a download record: the key, when it was written, and the file it names. */
export interface RecordLine extends RecordKey {
	at: string;
	path: string;
	fileName: string;
	mimeType: string;
	size: number;
	sha256: string;
}

/** The key of a reference as text, or undefined when it names neither an id nor a link. */
export function recordKeyText(key: RecordKey): string | undefined {
	const id = key.mediaId ?? key.idMessage;
	if (id !== undefined && id !== '') return JSON.stringify([key.provider, key.chatId ?? '', id]);
	if (key.link !== undefined && key.link !== '') return JSON.stringify([key.provider, '', '', key.link]);
	return undefined;
}

function recordError(error: unknown, path: string, doing: string): WamediaError {
	const code = (error as { code?: string }).code;
	return new WamediaError('INVALID_INPUT', {
		message: `Cannot ${doing} the record${code === undefined ? '' : ` (${code})`}`,
		hint: 'Choose a record file you can read and write (record), on a disk with free space.',
		details: { field: 'record', path, ...(code === undefined ? {} : { errorCode: code }) },
		cause: error,
	});
}

/**
 * A download record (docs/transfer.md#download-records), like yt-dlp's `--download-archive`: an
 * append-only NDJSON file with one line per file downloaded. A run skips what the record lists and adds
 * what it downloads. Lines are appended in batches, each batch fsynced before `add` resolves; a caller
 * fsyncs the file itself before adding its line, so a listed file is always on disk. A torn last line (a
 * crash mid-write) is ignored on reading. Meant to be shared by every face that writes (download, serve).
 */
export class DownloadRecord {
	readonly path: string;
	readonly #lines = new Map<string, RecordLine>();
	#pending: Array<{ key: string; text: string }> = [];
	/** The batch that takes the lines added now, until it starts writing. */
	#next: Promise<void> | undefined;
	#writing: Promise<void> = Promise.resolve();

	private constructor(path: string) {
		this.path = path;
	}

	/** Reads the record at `path` (absent: empty); it is created with its folder on the first line added. */
	static async open(path: string): Promise<DownloadRecord> {
		const record = new DownloadRecord(path);
		let text = '';
		try {
			text = await readFile(path, 'utf8');
		} catch (error) {
			if ((error as { code?: string }).code !== 'ENOENT') throw recordError(error, path, 'read');
		}
		for (const line of text.split('\n')) {
			if (line.trim() === '') continue;
			let value: unknown;
			try {
				value = JSON.parse(line);
			} catch {
				continue;
			}
			const key = typeof value === 'object' && value !== null ? recordKeyText(value as RecordKey) : undefined;
			if (key !== undefined) record.#lines.set(key, value as RecordLine);
		}
		return record;
	}

	/** The line that lists a download, if the record has one. */
	find(key: RecordKey): RecordLine | undefined {
		const text = recordKeyText(key);
		return text === undefined ? undefined : this.#lines.get(text);
	}

	/**
	 * Appends a line and fsyncs the record. Lines added while a batch is being written go together into
	 * the next batch; each promise resolves once its own line is on disk, and rejects if its batch failed.
	 */
	add(line: RecordLine): Promise<void> {
		const key = recordKeyText(line);
		if (key === undefined) return Promise.resolve();
		this.#lines.set(key, line);
		this.#pending.push({ key, text: `${JSON.stringify(line)}\n` });
		if (this.#next === undefined) {
			this.#next = this.#writing.then(() => {
				this.#next = undefined;
				return this.#flush();
			});
			this.#writing = this.#next.catch(() => undefined);
		}
		return this.#next;
	}

	async #flush(): Promise<void> {
		const batch = this.#pending;
		this.#pending = [];
		try {
			await mkdir(dirname(this.path), { recursive: true });
			const file = await open(this.path, 'a', 0o644);
			try {
				const bytes = Buffer.from(batch.map((entry) => entry.text).join(''));
				let written = 0;
				// A short write is continued, not taken for the whole batch.
				while (written < bytes.length) written += (await file.write(bytes, written)).bytesWritten;
				await file.sync();
			} finally {
				await file.close();
			}
		} catch (error) {
			// What did not reach the disk is not listed: a later item with the same key is downloaded.
			for (const entry of batch) this.#lines.delete(entry.key);
			throw recordError(error, this.path, 'write');
		}
	}
}
