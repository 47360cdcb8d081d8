import { setMaxListeners } from 'node:events';
import type { WamediaError } from '../errors/wamedia-error.js';
import { readReferences } from '../inputs/read-references.js';
import { type ParsedReference, parseReference } from '../providers/parse-reference.js';
import type { ServeMetrics } from '../serve/serve-metrics.js';
import type { JournalLine } from '../types/archive.js';
import type { ServeNotice } from '../types/serve.js';
import { definedEntries } from '../utils/defined-entries.js';
import { archiveBackoff, waitOrAbort } from './archive-backoff.js';
import { archiveFile } from './archive-file.js';
import type { ArchiveJob } from './archive-job.js';
import type { ArchiveJournal } from './archive-journal.js';
import { failureKind } from './failure-kind.js';
import type { Spool, SpoolEntry } from './spool.js';

/** What the workers need: the client's download, the archive's journal and spool, and where to report. */
export interface ArchiveWorkersOptions {
	job: ArchiveJob;
	journal: ArchiveJournal;
	spool: Spool;
	directory: string;
	concurrency: number;
	metrics: ServeMetrics;
	onItem: (line: JournalLine) => void;
	onNotice: (notice: ServeNotice) => void;
}

/**
 * Workers that archive spooled bodies (docs/serve.md#durability): each media of a body is downloaded into
 * `<directory>/<chatId>/`, made durable, and written to the journal; the spool file is removed only after
 * every media of its body has a line. A media the journal lists already is not downloaded again, and two
 * bodies naming the same media never download it at the same time. A failure that may pass keeps the body
 * spooled and tries it again later; a permanent one is written down and the body let go.
 */
export class ArchiveWorkers {
	readonly #options: ArchiveWorkersOptions;
	readonly #queue: SpoolEntry[] = [];
	readonly #queued = new Set<string>();
	readonly #attempts = new Map<string, number>();
	/** Journal keys being archived now, so that a second body naming the same media waits for the first. */
	readonly #inFlight = new Map<string, Promise<void>>();
	readonly #stop = new AbortController();
	readonly #waiters: Array<() => void> = [];
	#running: Promise<void>[] = [];
	#busy = 0;

	constructor(options: ArchiveWorkersOptions) {
		this.#options = options;
		// Each worker's download and wait listens to this signal: more than ten workers are no leak.
		setMaxListeners(0, this.#stop.signal);
	}

	/** Starts the workers. */
	start(): void {
		this.#running = Array.from({ length: this.#options.concurrency }, () => this.#work());
	}

	/** Queues an entry (once, however often the same body arrived). */
	enqueue(entry: SpoolEntry): void {
		if (this.#queued.has(entry.id)) return;
		this.#queued.add(entry.id);
		this.#queue.push(entry);
		this.#waiters.shift()?.();
	}

	/** Bodies queued or being archived. */
	get pending(): number {
		return this.#queued.size;
	}

	/** Bodies being archived now. */
	get busy(): number {
		return this.#busy;
	}

	/**
	 * Stops: no new body is taken; downloads under way get `timeout` ms to finish, then are abandoned
	 * uncommitted (their bodies stay spooled for the next start).
	 */
	async stop(timeout: number): Promise<void> {
		const finished = Promise.all(this.#running);
		this.#stopping = true;
		for (const wake of this.#waiters.splice(0)) wake();
		let timer: NodeJS.Timeout | undefined;
		const expired = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, timeout);
		});
		await Promise.race([finished, expired]);
		clearTimeout(timer);
		this.#stop.abort(new Error('The server is stopping'));
		await finished;
	}

	#stopping = false;

	async #work(): Promise<void> {
		for (;;) {
			if (this.#stopping) return;
			const entry = this.#queue.shift();
			if (entry === undefined) {
				await new Promise<void>((resolve) => this.#waiters.push(resolve));
				continue;
			}
			this.#busy++;
			try {
				const done = await this.#archive(entry);
				if (done) {
					await this.#options.spool.remove(entry);
					this.#queued.delete(entry.id);
					this.#attempts.delete(entry.id);
				} else if (!this.#stopping) {
					this.#retryLater(entry);
				}
			} catch (error) {
				// The spool itself failed (a file removed by hand, a disk error): tried again later.
				if (!this.#stopping) this.#retryLater(entry, this.#options.job.finish(error));
			} finally {
				this.#busy--;
			}
		}
	}

	#retryLater(entry: SpoolEntry, error?: WamediaError): void {
		const attempt = (this.#attempts.get(entry.id) ?? 0) + 1;
		this.#attempts.set(entry.id, attempt);
		const delay = archiveBackoff(attempt, this.#options.job.retry);
		if (error !== undefined) {
			this.#options.onNotice({ type: 'retry', gateway: entry.gateway, delay, error: { code: error.code, message: error.message } });
		}
		waitOrAbort(delay, this.#stop.signal).then(
			() => {
				this.#queue.push(entry);
				this.#waiters.shift()?.();
			},
			() => undefined,
		);
	}

	/** Archives every media of a body; true when each has its journal line (or had one already). */
	async #archive(entry: SpoolEntry): Promise<boolean> {
		const { spool } = this.#options;
		let references: unknown[];
		try {
			references = readReferences((await spool.read(entry)).toString('utf8'));
		} catch {
			// The receiver spools only JSON bodies with media; anything else in the folder is not work.
			return true;
		}
		let done = true;
		for (const reference of references) {
			let parsed: ParsedReference;
			try {
				parsed = parseReference(reference);
			} catch {
				continue;
			}
			if (!(await this.#archiveOne(entry, reference, parsed))) done = false;
			if (this.#stopping && this.#stop.signal.aborted) return false;
		}
		return done;
	}

	async #archiveOne(entry: SpoolEntry, reference: unknown, parsed: ParsedReference): Promise<boolean> {
		const key = journalKey(parsed);
		for (let other = this.#inFlight.get(key); other !== undefined; other = this.#inFlight.get(key)) await other;
		let release: () => void = () => undefined;
		this.#inFlight.set(
			key,
			new Promise<void>((resolve) => {
				release = resolve;
			}),
		);
		try {
			return await this.#download(entry, reference, parsed);
		} finally {
			this.#inFlight.delete(key);
			release();
		}
	}

	async #download(entry: SpoolEntry, reference: unknown, parsed: ParsedReference): Promise<boolean> {
		const { job, journal, directory, metrics } = this.#options;
		if (journal.isArchived(parsed.chatId, journalId(parsed))) return true;
		const facts = definedEntries({
			provider: parsed.provider,
			chatId: parsed.chatId,
			idMessage: parsed.idMessage,
			mediaId: parsed.mediaId,
			caption: parsed.caption,
		});
		const line = (): JournalLine => ({ at: new Date().toISOString(), source: 'webhook', ...facts });
		try {
			const result = await archiveFile(job, reference as never, { directory, chatId: parsed.chatId, journal }, this.#stop.signal);
			await this.#write({ ...line(), result });
			metrics.downloaded.inc();
			metrics.bytes.inc(result.size);
			return true;
		} catch (error) {
			const failure = job.finish(error);
			const kind = failureKind(failure);
			if (kind === 'aborted') return false;
			if (kind !== 'permanent') {
				this.#options.onNotice({
					type: 'retry',
					gateway: entry.gateway,
					delay: 0,
					error: { code: failure.code, message: failure.message },
				});
				return false;
			}
			await this.#write({ ...line(), result: { success: false, error: failure.toJSON() } });
			metrics.failed.inc({ code: failure.code });
			return true;
		}
	}

	async #write(line: JournalLine): Promise<void> {
		// The journal redacts the line; what listeners get is the line as written.
		const written = await this.#options.journal.append(line);
		try {
			this.#options.onItem(written);
		} catch {
			// A listener's failure must not undo an archived media.
		}
	}
}

/** The id the journal knows a media by: its message, or Meta's media id. */
function journalId(reference: ParsedReference): string | undefined {
	return reference.idMessage ?? reference.mediaId;
}

/** The journal key `(provider, chatId, idMessage|mediaId)` (docs/serve.md#durability). */
function journalKey(reference: ParsedReference): string {
	return JSON.stringify([reference.provider, reference.chatId ?? '', journalId(reference) ?? '', reference.mediaId ?? '']);
}
