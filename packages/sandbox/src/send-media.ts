import { type Exchange, sendHead } from './exchange.js';
import { isBodyFault } from './faults.js';
import { rawUtf8HeaderValue } from './header-value.js';
import { parseRange, type RangeRequest } from './http-range.js';
import type { MediaEntry } from './media-catalog.js';
import { streamBody } from './stream-body.js';

/** How one server presents a media. */
export interface MediaPresentation {
	readonly contentType: string | null;
	readonly contentDisposition: string | null;
	/** Further headers, e.g. Cache-Control. */
	readonly headers?: Record<string, string>;
}

function rangeHonoured(exchange: Exchange, entry: MediaEntry): boolean {
	const ifRange = exchange.request.headers['if-range'];
	return entry.acceptRanges && (ifRange === undefined || ifRange === entry.etag || ifRange === entry.lastModified);
}

/**
 * Answers GET or HEAD with a media: 200, or 206/416 for a `Range` (unless the media ignores ranges or `If-Range`
 * does not match), with ETag and Last-Modified, streaming the body in 64 KiB pieces. A pending body fault of the
 * exchange is counted as a hit and applied here.
 *
 * @example sendMedia(exchange, entry, { contentType: "image/jpeg", contentDisposition: null })
 */
export function sendMedia(exchange: Exchange, entry: MediaEntry, presentation: MediaPresentation): void {
	const size = entry.body.size;
	const headers: Record<string, string> = { etag: entry.etag, 'last-modified': entry.lastModified };
	if (presentation.contentType !== null) {
		headers['content-type'] = presentation.contentType;
	}
	if (presentation.contentDisposition !== null) {
		headers['content-disposition'] = rawUtf8HeaderValue(presentation.contentDisposition);
	}
	if (entry.acceptRanges) {
		headers['accept-ranges'] = 'bytes';
	}
	Object.assign(headers, presentation.headers);
	const range: RangeRequest = rangeHonoured(exchange, entry) ? parseRange(exchange.request.headers.range, size) : { kind: 'none' };
	if (range.kind === 'unsatisfiable') {
		sendHead(exchange, 416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0' });
		exchange.response.end();
		return;
	}
	const span = range.kind === 'range' ? { start: range.start, end: range.end } : { start: 0, end: size };
	const status = range.kind === 'range' ? 206 : 200;
	if (status === 206) {
		headers['content-range'] = `bytes ${span.start}-${span.end - 1}/${size}`;
	}
	headers['content-length'] = String(span.end - span.start);
	if (exchange.request.method === 'HEAD') {
		sendHead(exchange, status, headers);
		exchange.response.end();
		return;
	}
	const pending = exchange.bodyFault;
	const fault = pending && isBodyFault(pending.fault) && exchange.faults.consume(pending) ? pending.fault : undefined;
	streamBody(exchange, entry.body, span, status, headers, fault);
}
