import type { ArchiveNotice, ArchiveSummary, JournalLine } from '../types/archive.js';
import { formatBytes } from '../utils/format-bytes.js';
import { failureText } from './report.js';

/** A journal line as a human reads it: where a file went, why it failed, or which notification was kept. */
export function journalLineText(line: JournalLine): { out?: string; err?: string } {
	const { result } = line;
	if (result?.success === true) return { out: `✔ ${result.path} (${result.mimeType}, ${formatBytes(result.size)})\n` };
	if (result !== undefined) return { err: failureText(result.error, line.typeMessage ?? 'message') };
	const what = [line.typeWebhook, line.typeMessage, line.chatId].filter((part) => part !== undefined).join(' ');
	return { out: `· ${what || 'notification'} (kept in the journal)\n` };
}

/** A notice as a human reads it; undefined for the ones shown only with --verbose. */
export function noticeText(notice: ArchiveNotice, verbose: boolean): string | undefined {
	switch (notice.type) {
		case 'not-deleted':
			return `! Green-API did not delete notification ${notice.receiptId} (already deleted?); it is in the journal\n`;
		case 'backoff':
			return `… ${notice.error.message} (${notice.error.code}); trying again in ${(notice.delay / 1000).toFixed(1)} s\n`;
		case 'settings':
			return `! ${notice.message}\n`;
		case 'skipped':
			return verbose ? `= ${notice.idMessage} is archived already\n` : undefined;
		case 'skipped-failed':
			return verbose ? `= ${notice.idMessage} failed for good in an earlier run (--retry-failed tries it again)\n` : undefined;
		case 'idle':
			return undefined;
	}
}

/** The closing line: what was done, and where the journal is. */
export function summaryText(kind: 'sync' | 'backfill', summary: ArchiveSummary): string {
	const items = kind === 'sync' ? 'notification' : 'file message';
	const counts = [
		`${summary.downloaded} downloaded`,
		...(summary.failed === 0 ? [] : [`${summary.failed} failed`]),
		...(summary.skipped === 0 ? [] : [`${summary.skipped} archived before`]),
		...(summary.skippedFailed === 0 ? [] : [`${summary.skippedFailed} skipped as failed before (--retry-failed tries them again)`]),
		...(summary.stopped ? ['stopped'] : []),
	];
	return `${kind}: ${summary.processed} ${items}${summary.processed === 1 ? '' : 's'}: ${counts.join(', ')}; journal ${summary.journal}\n`;
}
