import type { Exchange } from './exchange.js';

/**
 * Writes the status line and headers, and notes the status in the request log.
 *
 * @example sendHead(exchange, 206, { "content-range": "bytes 0-9/100" })
 */
export function sendHead(exchange: Exchange, status: number, headers: Record<string, string>): void {
	exchange.record.status = status;
	exchange.response.writeHead(status, headers);
}
