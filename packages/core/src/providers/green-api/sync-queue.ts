import { archiveBackoff, waitOrAbort } from '../../archive/archive-backoff.js';
import { archiveFile } from '../../archive/archive-file.js';
import type { ArchiveJob } from '../../archive/archive-job.js';
import { ArchiveJournal } from '../../archive/archive-journal.js';
import { lockArchive } from '../../archive/archive-lock.js';
import { CallbackFailure, guarded } from '../../archive/callback-failure.js';
import { failureKind } from '../../archive/failure-kind.js';
import type { WamediaError } from '../../errors/wamedia-error.js';
import { redactValue } from '../../security/redact.js';
import type { ArchiveNotice, ArchiveSummary, JournalLine, SyncOptions } from '../../types/archive.js';
import type { FileResult } from '../../types/result.js';
import { normalizeSyncOptions, type SyncSettings } from './archive-settings.js';
import { GreenApiMethods, type Notification } from './green-api-methods.js';
import { isFileNotification, type MessageFacts, notificationFacts } from './message-facts.js';
import { checkInstanceReady } from './preflight.js';

/** What one step of the loop leads to: the next notification, a retry of the same one, or the end. */
type Outcome = { next: 'receive' } | { next: 'retry'; error: WamediaError } | { next: 'stop' };

const receive: Outcome = { next: 'receive' };
const stop: Outcome = { next: 'stop' };

/**
 * Drains an instance's notification queue into a directory, at least once and without losing anything:
 * each file is downloaded and flushed to disk, then its journal line is written and flushed, and only
 * then is the notification deleted (docs/sync.md). Rejects only when it cannot start (options, the
 * pre-flight, the journal); a failure on the way ends in the summary's `error`.
 */
export async function syncQueue(job: ArchiveJob, options: SyncOptions = {}): Promise<ArchiveSummary> {
	let settings: SyncSettings;
	let api: GreenApiMethods;
	try {
		settings = normalizeSyncOptions(options, job.directory);
		api = new GreenApiMethods(job);
	} catch (error) {
		throw job.finish(error);
	}
	const lock = await lockArchive(job, settings, 'sync');
	try {
		try {
			const onNotice = guarded((notice: ArchiveNotice) => settings.onNotice(redactValue(notice, job.redact)));
			await checkInstanceReady(api, { ...settings, retry: job.retry, onNotice });
		} catch (error) {
			throw error instanceof CallbackFailure ? error.cause : job.finish(error);
		}
		const journal = await ArchiveJournal.open(settings.directory, job.redact).catch((error: unknown) => {
			throw job.finish(error);
		});
		try {
			return await new QueueSync(job, api, journal, settings).run();
		} finally {
			await journal.close();
		}
	} finally {
		await lock.release();
	}
}

/** One run of the sync loop: its settings, the journal, the counts so far and the backoff state. */
class QueueSync {
	readonly #job: ArchiveJob;
	readonly #api: GreenApiMethods;
	readonly #journal: ArchiveJournal;
	readonly #settings: SyncSettings;
	readonly #summary: ArchiveSummary;
	readonly #onItem: SyncSettings['onItem'];
	readonly #onNotice: SyncSettings['onNotice'];
	/** Failures of the head in a row, for the backoff. */
	#attempt = 0;

	constructor(job: ArchiveJob, api: GreenApiMethods, journal: ArchiveJournal, settings: SyncSettings) {
		this.#job = job;
		this.#api = api;
		this.#journal = journal;
		this.#settings = settings;
		this.#summary = { processed: 0, downloaded: 0, failed: 0, skipped: 0, skippedFailed: 0, journal: journal.path };
		this.#onItem = guarded(settings.onItem);
		// Notices name ids the server sent: redacted like the journal.
		this.#onNotice = guarded((notice) => settings.onNotice(redactValue(notice, job.redact)));
	}

	async run(): Promise<ArchiveSummary> {
		const { signal, maxItems, once, receiveTimeout } = this.#settings;
		for (;;) {
			if (maxItems !== undefined && this.#summary.processed >= maxItems) break;
			if (signal?.aborted) {
				this.#summary.stopped = true;
				break;
			}
			let outcome: Outcome;
			try {
				const notification = await this.#api.receiveNotification(receiveTimeout, signal);
				// An empty answer: the queue is drained.
				if (notification === null) {
					if (once) break;
					this.#onNotice({ type: 'idle' });
					continue;
				}
				outcome = await this.#handle(notification);
			} catch (error) {
				if (error instanceof CallbackFailure) throw error.cause;
				outcome = this.#apiFailure(this.#job.finish(error));
			}
			if (outcome.next === 'stop') break;
			if (outcome.next === 'receive') {
				this.#attempt = 0;
				continue;
			}
			if (once) {
				this.#fail(outcome.error);
				break;
			}
			// The same notification comes back on the next receive; wait a little longer each time.
			const delay = archiveBackoff(++this.#attempt, this.#job.retry);
			this.#onNotice({ type: 'backoff', delay, error: outcome.error.toJSON() });
			try {
				await waitOrAbort(delay, signal);
			} catch {
				this.#summary.stopped = true;
				break;
			}
		}
		return this.#summary;
	}

	async #handle({ receiptId, body }: Notification): Promise<Outcome> {
		const facts = notificationFacts(body);
		const line = (): JournalLine => ({ at: new Date().toISOString(), source: 'queue', receiptId, ...facts });
		if (!isFileNotification(body)) {
			if (this.#journal.isNoted({ receiptId, ...facts })) return this.#skip(receiptId, facts);
			await this.#write({ ...line(), body });
			return this.#delete(receiptId, facts);
		}
		// A redelivery after a run that stopped before its delete: the file is archived already.
		if (this.#journal.isArchived(facts.chatId, facts.idMessage)) return this.#skip(receiptId, facts);
		let result: FileResult;
		try {
			const target = { directory: this.#settings.directory, chatId: facts.chatId, journal: this.#journal };
			result = await archiveFile(this.#job, body, target, this.#settings.signal);
		} catch (error) {
			const failure = this.#job.finish(error);
			switch (failureKind(failure)) {
				case 'aborted':
					// Nothing was committed: the notification stays queued for the next run.
					this.#summary.stopped = true;
					return stop;
				case 'transient':
					return { next: 'retry', error: failure };
				case 'fatal':
					this.#fail(failure);
					return stop;
				default:
					// No retry will fetch it: written down with the body, so that nothing is lost, then deleted.
					await this.#write({ ...line(), result: { success: false, error: failure.toJSON() }, body });
					this.#summary.failed++;
					return this.#delete(receiptId, facts);
			}
		}
		await this.#write({ ...line(), result });
		this.#summary.downloaded++;
		return this.#delete(receiptId, facts);
	}

	async #skip(receiptId: number, facts: MessageFacts): Promise<Outcome> {
		this.#summary.skipped++;
		this.#summary.processed++;
		if (facts.idMessage !== undefined) this.#onNotice({ type: 'skipped', idMessage: facts.idMessage, receiptId });
		return this.#delete(receiptId, facts);
	}

	async #write(line: JournalLine): Promise<void> {
		const written = await this.#journal.append(line);
		this.#summary.processed++;
		this.#onItem(written);
	}

	async #delete(receiptId: number, facts: MessageFacts): Promise<Outcome> {
		// Stopped after the journal line: the next run finds the notification again and deletes it unread.
		if (this.#settings.signal?.aborted) {
			this.#summary.stopped = true;
			return stop;
		}
		const deleted = await this.#api.deleteNotification(receiptId, this.#settings.signal);
		// Already deleted (an answer lost on the way), or unknown: written down all the same, so go on.
		if (!deleted)
			this.#onNotice({ type: 'not-deleted', receiptId, ...(facts.idMessage === undefined ? {} : { idMessage: facts.idMessage }) });
		return receive;
	}

	// A failure of receiveNotification, deleteNotification or the journal.
	#apiFailure(failure: WamediaError): Outcome {
		const kind = failureKind(failure);
		if (kind === 'aborted') {
			this.#summary.stopped = true;
			return stop;
		}
		if (kind === 'transient') return { next: 'retry', error: failure };
		this.#fail(failure);
		return stop;
	}

	#fail(failure: WamediaError): void {
		this.#summary.failed++;
		this.#summary.error = failure.toJSON();
	}
}
