import type { DownloadResult, ErrorResult, FileResult, JournalLine } from '@wamedia/core';

/**
 * How logs, annotations and the summary name one input item: its position, and the message id core reported
 * for it, or else the Meta media id or the media URL it was given (never a query string: it may hold a signature).
 *
 * @example itemLabel(0, result, { mediaUrl: '/api/media/temp/a.jpg?expires=1' }) // "#1 /api/media/temp/a.jpg"
 */
export function itemLabel(index: number, result: DownloadResult | ErrorResult, reference: unknown): string {
	const { idMessage } = result.success ? result : result.error.details;
	const { mediaUrl, mediaId } = (reference ?? {}) as { mediaUrl?: unknown; mediaId?: unknown };
	const name =
		typeof idMessage === 'string'
			? idMessage
			: typeof mediaId === 'string'
				? mediaId
				: typeof mediaUrl === 'string'
					? mediaUrl.split('?')[0]
					: '';
	return name ? `#${index + 1} ${name}` : `#${index + 1}`;
}

/**
 * The message a file came from, for the summary: `chatId / idMessage` (Green-API), the idMessage alone
 * (Multi-Session webhooks), the Meta media id, or else the file name in the media URL (Multi-Session media URLs,
 * direct links).
 *
 * @example fileSource({ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05', … }) // "79001234567@c.us / BAE5F4886F6F2D05"
 */
export function fileSource(file: FileResult): string {
	if (file.idMessage) return file.chatId ? `${file.chatId} / ${file.idMessage}` : file.idMessage;
	if (file.mediaId) return file.mediaId;
	const name = URL.parse(file.downloadUrl)?.pathname.split('/').pop() ?? '';
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/**
 * How logs, annotations and the summary name a journal line of a sync or back-fill: `chatId / idMessage`
 * when it has them, else the queue's receipt id.
 *
 * @example lineLabel({ source: 'queue', receiptId: 7, chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05', at: '…' }) // "79001234567@c.us / BAE5F4886F6F2D05"
 */
export function lineLabel(line: JournalLine): string {
	if (line.idMessage) return line.chatId ? `${line.chatId} / ${line.idMessage}` : line.idMessage;
	if (line.receiptId !== undefined) return `notification ${line.receiptId}`;
	return line.source;
}
