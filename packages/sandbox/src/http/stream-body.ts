import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { StreamFault } from '../faults/faults.js';
import type { BodySource } from './body-source.js';
import type { Exchange } from './exchange.js';
import { sendHead } from './send-head.js';

/** Time the client gets to read what was sent before a reset or an early close. */
const closeGraceMs = 20;
const slowTickMs = 20;
const maxSlowWrite = 1024 * 1024;

function pump(response: ServerResponse, pieces: Iterable<Buffer>, onDone: () => void): void {
	const chunks = pieces[Symbol.iterator]();
	const step = (): void => {
		while (!response.destroyed) {
			const next = chunks.next();
			if (next.done) {
				onDone();
				return;
			}
			if (!response.write(next.value)) {
				response.once('drain', step);
				return;
			}
		}
	};
	step();
}

function pumpSlowly(response: ServerResponse, body: BodySource, range: Span, bytesPerSecond: number): void {
	const began = performance.now();
	let position = range.start;
	let timer: NodeJS.Timeout | undefined;
	response.on('close', () => clearTimeout(timer));
	const tick = (): void => {
		if (response.destroyed) {
			return;
		}
		const due = range.start + Math.floor(((performance.now() - began) / 1000) * bytesPerSecond);
		const target = Math.min(range.end, due, position + maxSlowWrite);
		const flowing = target > position ? response.write(body.slice(position, target)) : true;
		position = Math.max(position, target);
		if (position >= range.end) {
			response.end();
		} else if (flowing) {
			timer = setTimeout(tick, slowTickMs);
		} else {
			response.once('drain', tick);
		}
	};
	tick();
}

function whenFlushed(socket: Socket, callback: () => void): void {
	if (socket.destroyed) {
		return;
	}
	if (socket.writableLength > 0) {
		setTimeout(() => whenFlushed(socket, callback), 2).unref();
		return;
	}
	setTimeout(() => {
		if (!socket.destroyed) {
			callback();
		}
	}, closeGraceMs).unref();
}

/** Bytes `start` (inclusive) to `end` (exclusive) of a body. */
export interface Span {
	readonly start: number;
	readonly end: number;
}

/**
 * Sends the head and then part of a media body with backpressure, bent by a body fault when one applies.
 * `headers` must carry the honest Content-Length of the span; faults change it where they need to.
 *
 * @example streamBody(exchange, entry.body, { start: 0, end: size }, 200, headers, undefined)
 */
export function streamBody(
	exchange: Exchange,
	body: BodySource,
	span: Span,
	status: number,
	headers: Record<string, string>,
	fault: StreamFault | undefined,
): void {
	const { response } = exchange;
	const length = span.end - span.start;
	const finish = (): void => {
		response.end();
	};
	switch (fault?.type) {
		case undefined:
			sendHead(exchange, status, headers);
			pump(response, body.chunks(span.start, span.end), finish);
			return;
		case 'no-content-length': {
			const { 'content-length': _omitted, ...chunked } = headers;
			sendHead(exchange, status, chunked);
			pump(response, body.chunks(span.start, span.end), finish);
			return;
		}
		case 'extra-bytes':
			// Node refuses to write past a declared length only in strictContentLength mode, which is off by default,
			// so the client really receives `count` bytes more than Content-Length announces.
			sendHead(exchange, status, {
				...headers,
				'content-length': String(Math.max(0, length - fault.count)),
				connection: 'close',
			});
			pump(response, body.chunks(span.start, span.end), finish);
			return;
		case 'slow':
			sendHead(exchange, status, headers);
			pumpSlowly(response, body, span, fault.bytesPerSecond);
			return;
		case 'reset':
		case 'truncate':
		case 'stall': {
			sendHead(exchange, status, headers);
			response.flushHeaders();
			const kind = fault.type;
			const partial = body.chunks(span.start, span.start + Math.min(fault.afterBytes, length));
			pump(response, partial, () => {
				const socket = response.socket;
				if (kind === 'stall' || !socket) {
					return;
				}
				whenFlushed(socket, () => (kind === 'reset' ? socket.resetAndDestroy() : socket.end()));
			});
			return;
		}
	}
}
