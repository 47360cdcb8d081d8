import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { bendsApiAnswers, type FaultEntry, type FaultList, isStreamFault } from '../faults/faults.js';
import { BufferBody } from './body-source.js';
import type { RequestRecord } from './request-log.js';
import { sendHead } from './send-head.js';
import { streamBody } from './stream-body.js';

export { sendHead } from './send-head.js';

/**
 * One request being answered by an emulator, with its log record and the body fault waiting for a media body.
 */
export interface Exchange {
	readonly request: IncomingMessage;
	readonly response: ServerResponse;
	readonly record: RequestRecord;
	readonly faults: FaultList;
	/**
	 * A body fault that matched on arrival; it counts as a hit only when a media body is sent, or, for a stream
	 * fault aimed at Green-API or the Graph API (`server: "api"` or `"meta"`), when its answer is sent.
	 */
	readonly bodyFault: FaultEntry | undefined;
}

/**
 * Answers with a whole body (text/plain unless `headers` say otherwise). A stream fault aimed at Green-API or the
 * Graph API bends this body as it would a media body.
 *
 * @example sendText(exchange, 404, "Not Found")
 */
export function sendText(exchange: Exchange, status: number, body: string, headers: Record<string, string> = {}): void {
	const bytes = Buffer.from(body);
	const head = { 'content-type': 'text/plain; charset=utf-8', ...headers, 'content-length': String(bytes.length) };
	const pending = exchange.bodyFault;
	if (
		pending &&
		bendsApiAnswers(pending.fault.server) &&
		isStreamFault(pending.fault) &&
		exchange.request.method !== 'HEAD' &&
		exchange.faults.consume(pending)
	) {
		// The method has already run: a reset here is an answer lost after the server acted.
		streamBody(exchange, new BufferBody(bytes), { start: 0, end: bytes.length }, status, head, pending.fault);
		return;
	}
	sendHead(exchange, status, head);
	exchange.response.end(exchange.request.method === 'HEAD' ? undefined : bytes);
}

/**
 * Answers with JSON; a string value becomes a bare JSON string, as some Green-API errors are.
 *
 * @example sendJson(exchange, 200, { downloadUrl })
 */
export function sendJson(exchange: Exchange, status: number, value: unknown): void {
	sendText(exchange, status, JSON.stringify(value), { 'content-type': 'application/json' });
}

/**
 * Answers with the standard reason phrase as a plain-text body, e.g. `Forbidden`.
 *
 * @example sendStatus(exchange, 403)
 */
export function sendStatus(exchange: Exchange, status: number): void {
	sendText(exchange, status, STATUS_CODES[status] ?? String(status));
}
