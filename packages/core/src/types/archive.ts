import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import type { DownloadOptions } from './options.js';
import type { ErrorResult, FileResult } from './result.js';

/** Where a journal line's message came from: the notification queue, or one of Green-API's journals. */
export type JournalSource = 'queue' | 'lastIncomingMessages' | 'lastOutgoingMessages' | 'getChatHistory' | 'webhook';

/**
 * One line of `wamedia-journal.ndjson`: a notification or journal message that sync or back-fill
 * handled, written and flushed to disk before the notification is deleted (docs/sync.md#the-journal).
 *
 * @example
 * { at: '2026-01-01T10:00:00.000Z', source: 'queue', receiptId: 7, typeWebhook: 'incomingMessageReceived',
 *   typeMessage: 'imageMessage', chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05',
 *   timestamp: 1767261600, senderName: 'Maria', result: { success: true, path: '79001234567@c.us/photo.jpg', … } }
 */
export interface JournalLine {
	/** When the line was written (ISO 8601). */
	at: string;
	source: JournalSource;
	/** The gateway of a webhook (source `webhook` only). */
	provider?: string;
	/** Meta: the media id (source `webhook` only). */
	mediaId?: string;
	/** The queue's receipt id (source `queue` only). */
	receiptId?: number;
	typeWebhook?: string;
	typeMessage?: string;
	chatId?: string;
	idMessage?: string;
	/** The message's own time, Unix seconds. */
	timestamp?: number;
	senderName?: string;
	caption?: string;
	/**
	 * The download result (its `path` relative to the directory), or the error result of a file that
	 * could not be downloaded. Absent for a notification without a file.
	 */
	result?: FileResult | ErrorResult;
	/** The whole notification, when it carries no file or its file could not be downloaded: nothing taken off the queue is lost. */
	body?: unknown;
}

/** Something sync or back-fill reports on the way that is not a journal line. */
export type ArchiveNotice =
	| { type: 'not-deleted'; receiptId: number; idMessage?: string }
	| { type: 'backoff'; delay: number; error: WamediaErrorJson }
	| { type: 'skipped'; idMessage: string; receiptId?: number }
	/** Back-fill passed over a message an earlier run wrote down with a permanent failure (see `retryFailed`). */
	| { type: 'skipped-failed'; idMessage: string }
	| { type: 'settings'; message: string }
	/** A continuous sync found the queue empty and waits for the next notification. */
	| { type: 'idle' };

/** Options shared by {@link SyncOptions} and {@link BackfillOptions}. */
export interface ArchiveOptions {
	/**
	 * Where the files (`<directory>/<chatId>/<fileName>`) and `wamedia-journal.ndjson` go; created when missing.
	 * @default the client's `directory`, else '.'
	 */
	directory?: string;
	/**
	 * How files are named inside `directory`: a name template or a function, as `fileName` of a download.
	 * @default the client's `fileName`, else '{chatId}/{name}'
	 */
	fileName?: DownloadOptions['fileName'];
	/** Stops the run: the current download is abandoned (nothing committed, nothing deleted). */
	signal?: AbortSignal;
	/**
	 * One run writes a directory at a time (`DIR/.wamedia.lock`): when another live process holds it, wait
	 * for it instead of failing with INVALID_INPUT naming that process (docs/sync.md#one-writer).
	 * @default false
	 */
	wait?: boolean;
	/** Called with each journal line once it is on disk (and, in sync, before its notification is deleted). */
	onItem?: (line: JournalLine) => void;
	/** Called with what is not a journal line: a delete Green-API refused, a wait before retrying, a skipped message. */
	onNotice?: (notice: ArchiveNotice) => void;
}

/** Options of `client.sync()`. */
export interface SyncOptions extends ArchiveOptions {
	/**
	 * Drain the queue once: stop at the first empty answer, or at the first failure that may pass (the
	 * next run starts at the same notification).
	 * @default false (run until aborted)
	 */
	once?: boolean;
	/** Stop after this many notifications. */
	maxItems?: number;
	/**
	 * Seconds `receiveNotification` waits for a notification (5–60).
	 * @default 5
	 */
	receiveTimeout?: number;
}

/** Options of `client.backfill()`. */
export interface BackfillOptions extends ArchiveOptions {
	/**
	 * The journals' time window, in minutes (`lastIncomingMessages`, `lastOutgoingMessages`).
	 * @default 1440 (one day)
	 */
	minutes?: number;
	/** Also the messages the instance sent (`lastOutgoingMessages`). @default false */
	outgoing?: boolean;
	/** One chat's history instead of the time window (`getChatHistory`). */
	chatId?: string;
	/**
	 * How many of the chat's newest messages (with `chatId`).
	 * @default 100
	 */
	count?: number;
	/**
	 * Try again the messages an earlier run wrote down with a permanent failure (NO_MEDIA,
	 * MEDIA_UNAVAILABLE, …); without it they are skipped and counted in `skippedFailed`.
	 * @default false
	 */
	retryFailed?: boolean;
	/** Called before the first download and after each message, with how many of the file messages are done. */
	onProgress?: (progress: { done: number; total: number }) => void;
}

/** What a sync or back-fill did. */
export interface ArchiveSummary {
	/** Notifications or messages handled to the end: written to the journal, or skipped as already there. */
	processed: number;
	/** Files downloaded. */
	downloaded: number;
	/** Files that failed: written to the journal with their error, or (sync) left in the queue by a failure that may pass. */
	failed: number;
	/** Already in the journal with a success: not downloaded again. */
	skipped: number;
	/**
	 * Back-fill: written down with a permanent failure by an earlier run, and not tried again (pass
	 * `retryFailed` to try them). Not counted in `failed`: nothing new failed. Always 0 for sync.
	 */
	skippedFailed: number;
	/** The run was aborted. */
	stopped?: true;
	/** The failure that ended the run early, when one did. */
	error?: WamediaErrorJson;
	/** Absolute path of the journal. */
	journal: string;
}
