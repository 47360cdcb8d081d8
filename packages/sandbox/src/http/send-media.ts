import { echoedDisposition } from '../faults/echoed-disposition.js';
import { type BodyFault, isBodyFault, isStreamFault } from '../faults/faults.js';
import { MediaBody } from '../media/body.js';
import type { MediaEntry } from '../media/catalog.js';
import type { Exchange } from './exchange.js';
import { rawUtf8HeaderValue } from './header-value.js';
import { parseRange, type RangeRequest } from './http-range.js';
import { sendHead } from './send-head.js';
import { streamBody } from './stream-body.js';

/** How one server presents a media. */
export interface MediaPresentation {
	readonly contentType: string | null;
	readonly contentDisposition: string | null;
	/** Further headers, e.g. Cache-Control. */
	readonly headers?: Record<string, string>;
}

/** Where `partial-to-plain` starts when the fault names no start. */
const defaultLieStart = 100;

/** The body fault waiting on this exchange, if it applies to this request. */
function pendingFault(exchange: Exchange): BodyFault | undefined {
	const fault = exchange.bodyFault?.fault;
	if (exchange.request.method !== 'GET' || fault === undefined || !isBodyFault(fault)) {
		return undefined;
	}
	return fault.type === 'partial-to-plain' && exchange.request.headers.range !== undefined ? undefined : fault;
}

function rangeOf(exchange: Exchange, entry: MediaEntry, fault: BodyFault | undefined): RangeRequest {
	const size = entry.body.size;
	if (fault?.type === 'partial-to-plain' && size > 0) {
		const start = Math.min(fault.start ?? defaultLieStart, size - 1);
		return { kind: 'range', start, end: Math.min(Math.max(start, fault.end ?? size - 1), size - 1) + 1 };
	}
	const ifRange = exchange.request.headers['if-range'];
	const honoured =
		entry.acceptRanges &&
		(fault?.type === 'changing-etag' || ifRange === undefined || ifRange === entry.etag || ifRange === entry.lastModified);
	return honoured ? parseRange(exchange.request.headers.range, size) : { kind: 'none' };
}

/**
 * Answers GET or HEAD with a media: 200, or 206/416 for a `Range` (unless the media ignores ranges or `If-Range`
 * does not match), with ETag and Last-Modified, streaming the body in 64 KiB pieces. A pending body fault of the
 * exchange is counted as a hit and applied here, to the head or to the stream.
 *
 * @example sendMedia(exchange, entry, { contentType: "image/jpeg", contentDisposition: null })
 */
export function sendMedia(exchange: Exchange, entry: MediaEntry, presentation: MediaPresentation): void {
	const size = entry.body.size;
	const fault = pendingFault(exchange);
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
	const range = rangeOf(exchange, entry, fault);
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
	const applied = fault && pending && exchange.faults.consume(pending) ? fault : undefined;
	let body = entry.body;
	if (applied?.type === 'changing-etag' && pending) {
		// Each hit is another version of the file: a new validator, and with changeBytes other bytes.
		const version = pending.hits;
		headers.etag = `${entry.etag.slice(0, -1)}-v${version}"`;
		headers['last-modified'] = new Date(Date.parse(entry.lastModified) + version * 1000).toUTCString();
		if (applied.changeBytes) {
			body = new MediaBody(`${entry.info.id}:changed:${version}`, entry.info.kind, size);
		}
	}
	if (applied?.type === 'content-disposition-echo') {
		headers['content-disposition'] = rawUtf8HeaderValue(echoedDisposition(applied, exchange.request));
	}
	streamBody(exchange, body, span, status, headers, applied && isStreamFault(applied) ? applied : undefined);
}
