import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { FaultEntry, FaultList } from './faults.js';
import type { RequestRecord } from './request-log.js';

/**
 * One request being answered by an emulator, with its log record and the body fault waiting for a media body.
 */
export interface Exchange {
	readonly request: IncomingMessage;
	readonly response: ServerResponse;
	readonly record: RequestRecord;
	readonly faults: FaultList;
	/** A body fault that matched on arrival; it counts as a hit only when a media body is sent. */
	readonly bodyFault: FaultEntry | undefined;
}

/**
 * Writes the status line and headers, and notes the status in the request log.
 *
 * @example sendHead(exchange, 206, { "content-range": "bytes 0-9/100" })
 */
export function sendHead(exchange: Exchange, status: number, headers: Record<string, string>): void {
	exchange.record.status = status;
	exchange.response.writeHead(status, headers);
}

/**
 * Answers with a whole body (text/plain unless `headers` say otherwise).
 *
 * @example sendText(exchange, 404, "Not Found")
 */
export function sendText(exchange: Exchange, status: number, body: string, headers: Record<string, string> = {}): void {
	const bytes = Buffer.from(body);
	sendHead(exchange, status, {
		'content-type': 'text/plain; charset=utf-8',
		...headers,
		'content-length': String(bytes.length),
	});
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
