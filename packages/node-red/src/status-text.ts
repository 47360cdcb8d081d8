import { type DownloadProgress, formatBytes } from '@wamedia/core';

/**
 * The status text while bytes arrive: the percentage when the size is known, else the bytes so far.
 *
 * @example progressText({ transferred: 512, total: 1024, percent: 0.5 }) // '50%'
 */
export function progressText(progress: DownloadProgress): string {
	if (progress.percent !== undefined) return `${Math.floor(progress.percent * 100)}%`;
	return formatBytes(progress.transferred);
}

/** What a `wamedia-sync` node counts while it runs. */
export interface SyncCounts {
	/** Files downloaded since the node started. */
	downloaded: number;
	/** File messages written down with an error since the node started. */
	failed: number;
}

/**
 * The status text of a sync: what it is doing, then the files so far (and the failures, when there are any).
 *
 * @example syncStatusText('syncing', { downloaded: 3, failed: 1 }) // 'syncing · 3 files, 1 failed'
 */
export function syncStatusText(doing: string, counts: SyncCounts): string {
	const files = `${counts.downloaded} ${counts.downloaded === 1 ? 'file' : 'files'}`;
	return `${doing} · ${files}${counts.failed > 0 ? `, ${counts.failed} failed` : ''}`;
}
