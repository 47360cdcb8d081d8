import type { ErrorCode } from '../errors/error-codes.js';

/**
 * Something a download did on the way, for logs and `--verbose`: a retry, a redirect, a renewed link, a
 * resumed or restarted body. URLs are shown without their query, and every secret is redacted.
 */
export type DownloadEvent = (
	| { type: 'retry'; attempt: number; retries: number; delay: number; code: ErrorCode; status?: number; url: string }
	| { type: 'redirect'; status: number; from: string; to: string }
	| { type: 'renew'; reason: 'missing' | 'expired' }
	| { type: 'resume'; offset: number; url: string }
	| { type: 'restart'; reason: string; url: string }
) & { chatId?: string; idMessage?: string };

/** Receives {@link DownloadEvent}s. */
export type EventListener = (event: DownloadEvent) => void;

/** A URL as events and errors show it: origin and path, never the query (presigned signatures). */
export function safeUrl(url: URL): string {
	// A data: URL (a file a body carried inline) is shown by its type only.
	if (url.protocol === 'data:') return `data:${url.pathname.split(',')[0] ?? ''}`;
	return `${url.origin}${url.pathname}`;
}
