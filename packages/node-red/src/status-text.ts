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
