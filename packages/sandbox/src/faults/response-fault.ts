import { STATUS_CODES } from 'node:http';
import { type Exchange, sendJson, sendText } from '../http/exchange.js';
import { sendGraphError } from '../meta/graph-error.js';
import { echoBody } from './echo-body.js';
import type { ResponseFault } from './faults.js';

/**
 * Answers a request with a fault that replaces the whole answer: a status, JSON, a Graph error, a 429, a redirect, or an
 * echo.
 *
 * @example sendResponseFault(exchange, { type: "redirect", location: "http://169.254.169.254/" })
 */
export function sendResponseFault(exchange: Exchange, fault: ResponseFault): void {
	switch (fault.type) {
		case 'status':
			sendText(exchange, fault.status, fault.body ?? STATUS_CODES[fault.status] ?? '', fault.headers);
			return;
		case 'json':
			sendJson(exchange, fault.status ?? 200, fault.body);
			return;
		case 'graph-error':
			sendGraphError(exchange, fault.code, { status: fault.status, message: fault.message });
			return;
		case 'rate-limit':
			sendText(exchange, 429, 'Too Many Requests', { 'retry-after': String(fault.retryAfter ?? '1') });
			return;
		case 'redirect':
			sendText(exchange, fault.status ?? 302, '', { location: fault.location });
			return;
		case 'echo': {
			const echoed = echoBody(fault, exchange.request);
			sendText(exchange, fault.status ?? 500, echoed.body, { 'content-type': echoed.contentType });
			return;
		}
	}
}
