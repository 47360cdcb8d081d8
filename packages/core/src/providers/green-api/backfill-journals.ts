import { archiveFile } from '../../archive/archive-file.js';
import type { ArchiveJob } from '../../archive/archive-job.js';
import { ArchiveJournal, messageKey } from '../../archive/archive-journal.js';
import { lockArchive } from '../../archive/archive-lock.js';
import { CallbackFailure, guarded } from '../../archive/callback-failure.js';
import { failureKind } from '../../archive/failure-kind.js';
import { redactValue } from '../../security/redact.js';
import type { ArchiveSummary, BackfillOptions, JournalLine, JournalSource } from '../../types/archive.js';
import { type BackfillSettings, normalizeBackfillOptions } from './archive-settings.js';
import { GreenApiMethods } from './green-api-methods.js';
import { isFileJournalItem, journalItemFacts } from './message-facts.js';

/** A file message of a journal, and which journal it came from. */
interface JournalMessage {
	source: Exclude<JournalSource, 'queue'>;
	item: Record<string, unknown>;
}

/**
 * Archives what Green-API's journals still hold: every file message of the time window (or of one chat)
 * that the directory's journal does not list with a success is downloaded (its journal link first; an
 * empty, `{{SWE…}}` or expired one through downloadFile), flushed to disk and written down; the rest is
 * skipped (docs/sync.md#back-fill). Failures are written down too, and counted.
 */
export async function backfillJournals(job: ArchiveJob, options: BackfillOptions = {}): Promise<ArchiveSummary> {
	let settings: BackfillSettings;
	let api: GreenApiMethods;
	try {
		settings = normalizeBackfillOptions(options, job.directory);
		api = new GreenApiMethods(job);
	} catch (error) {
		throw job.finish(error);
	}
	const lock = await lockArchive(job, settings, 'backfill');
	try {
		let messages: JournalMessage[];
		try {
			messages = await readJournals(api, settings);
		} catch (error) {
			throw job.finish(error);
		}
		const journal = await ArchiveJournal.open(settings.directory, job.redact).catch((error: unknown) => {
			throw job.finish(error);
		});
		try {
			return await new JournalBackfill(job, journal, settings).run(messages);
		} catch (error) {
			throw error instanceof CallbackFailure ? error.cause : job.finish(error);
		} finally {
			await journal.close();
		}
	} finally {
		await lock.release();
	}
}

/** The file messages to archive, oldest first, each once. */
async function readJournals(api: GreenApiMethods, settings: BackfillSettings): Promise<JournalMessage[]> {
	const { window, signal } = settings;
	const answers: Array<{ source: JournalMessage['source']; items: unknown[] }> = [];
	if ('chatId' in window) {
		answers.push({ source: 'getChatHistory', items: await api.getChatHistory(window.chatId, window.count, signal) });
	} else {
		answers.push({ source: 'lastIncomingMessages', items: await api.lastMessages('lastIncomingMessages', window.minutes, signal) });
		if (window.outgoing) {
			answers.push({ source: 'lastOutgoingMessages', items: await api.lastMessages('lastOutgoingMessages', window.minutes, signal) });
		}
	}
	const seen = new Set<string>();
	const messages: JournalMessage[] = [];
	for (const { source, items } of answers) {
		for (const item of items) {
			if (!isFileJournalItem(item)) continue;
			// The incoming and the outgoing journal can both hold a message; two chats can share an id.
			const { chatId, idMessage } = journalItemFacts(item);
			if (idMessage !== undefined) {
				const key = messageKey(chatId, idMessage);
				if (seen.has(key)) continue;
				seen.add(key);
			}
			messages.push({ source, item });
		}
	}
	// Journals answer newest first; an archive fills up in the order things happened.
	const time = (message: JournalMessage) => journalItemFacts(message.item).timestamp ?? 0;
	return messages.sort((a, b) => time(a) - time(b));
}

/** One back-fill run: its settings, the journal, and the counts so far. */
class JournalBackfill {
	readonly #job: ArchiveJob;
	readonly #journal: ArchiveJournal;
	readonly #settings: BackfillSettings;
	readonly #summary: ArchiveSummary;
	readonly #onItem: BackfillSettings['onItem'];
	readonly #onNotice: BackfillSettings['onNotice'];
	readonly #onProgress: BackfillSettings['onProgress'];
	#done = 0;
	/** Set when a failure of the setup or the disk, or an abort, ends the run: no next message starts. */
	#ended = false;

	constructor(job: ArchiveJob, journal: ArchiveJournal, settings: BackfillSettings) {
		this.#job = job;
		this.#journal = journal;
		this.#settings = settings;
		this.#summary = { processed: 0, downloaded: 0, failed: 0, skipped: 0, skippedFailed: 0, journal: journal.path };
		this.#onItem = guarded(settings.onItem);
		// Notices name ids the server sent: redacted like the journal.
		this.#onNotice = guarded((notice) => settings.onNotice(redactValue(notice, job.redact)));
		this.#onProgress = guarded(settings.onProgress);
	}

	async run(messages: readonly JournalMessage[]): Promise<ArchiveSummary> {
		const total = messages.length;
		this.#onProgress({ done: 0, total });
		let next = 0;
		// downloadFile keeps its 5 per second across the workers (docs/green-api.md#rate-limits).
		const worker = async (): Promise<void> => {
			try {
				while (next < total && !this.#ended) {
					const message = messages[next++] as JournalMessage;
					await this.#archive(message);
					this.#onProgress({ done: ++this.#done, total });
				}
			} catch (error) {
				this.#ended = true;
				throw error;
			}
		};
		// Every worker finishes its message before the run ends, so that none writes to a closed journal.
		const settled = await Promise.allSettled(Array.from({ length: Math.min(this.#job.concurrency, total) }, worker));
		const failure = settled.find((outcome) => outcome.status === 'rejected');
		if (failure !== undefined) throw failure.reason;
		if (this.#settings.signal?.aborted) this.#summary.stopped = true;
		return this.#summary;
	}

	async #archive({ source, item }: JournalMessage): Promise<void> {
		const { signal, directory } = this.#settings;
		if (signal?.aborted) {
			this.#ended = true;
			return;
		}
		const facts = journalItemFacts(item);
		if (this.#journal.isArchived(facts.chatId, facts.idMessage)) {
			this.#summary.skipped++;
			this.#summary.processed++;
			if (facts.idMessage !== undefined) this.#onNotice({ type: 'skipped', idMessage: facts.idMessage });
			return;
		}
		// Written down with a permanent failure by an earlier run: recorded once, not tried every night.
		if (!this.#settings.retryFailed && this.#journal.failedBefore(facts.chatId, facts.idMessage)) {
			this.#summary.skippedFailed++;
			this.#summary.processed++;
			if (facts.idMessage !== undefined) this.#onNotice({ type: 'skipped-failed', idMessage: facts.idMessage });
			return;
		}
		const line = (): JournalLine => ({ at: new Date().toISOString(), source, ...facts });
		try {
			try {
				const result = await archiveFile(this.#job, item, { directory, chatId: facts.chatId, journal: this.#journal }, signal);
				await this.#write({ ...line(), result });
				this.#summary.downloaded++;
			} catch (error) {
				if (error instanceof CallbackFailure) throw error;
				const failure = this.#job.finish(error);
				// An abort, or a failure of the setup or the disk (the journal among it), ends the run.
				if (failureKind(failure) === 'aborted' || failureKind(failure) === 'fatal') throw failure;
				await this.#write({ ...line(), result: { success: false, error: failure.toJSON() }, body: item });
				this.#summary.failed++;
			}
		} catch (error) {
			if (error instanceof CallbackFailure) throw error;
			this.#ended = true;
			const failure = this.#job.finish(error);
			if (failureKind(failure) !== 'aborted') {
				this.#summary.failed++;
				this.#summary.error ??= failure.toJSON();
			}
		}
	}

	async #write(line: JournalLine): Promise<void> {
		const written = await this.#journal.append(line);
		this.#summary.processed++;
		this.#onItem(written);
	}
}
