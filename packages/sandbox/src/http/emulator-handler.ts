import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type FaultList, isBodyFault } from '../faults/faults.js';
import { sendResponseFault } from '../faults/response-fault.js';
import { type Exchange, sendText } from './exchange.js';
import type { RequestLog, RequestRecord, ServerName } from './request-log.js';

/** What an emulator plugs into the shared request pipeline. */
export interface EmulatorHandlerOptions {
	readonly server: ServerName;
	readonly log: RequestLog;
	readonly faults: FaultList;
	/** Rewrites the path before it is logged and matched against faults (to hide secrets). */
	readonly redactPath?: (path: string) => string;
	readonly handle: (exchange: Exchange) => void | Promise<void>;
}

function recordOf(server: ServerName, request: IncomingMessage, path: string): RequestRecord {
	const headers: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return {
		server,
		method: request.method ?? 'GET',
		path,
		headers,
		time: performance.timeOrigin + performance.now(),
		status: 0,
	};
}

/**
 * The pipeline every emulator shares: log the request, apply the first matching fault, else hand the request to
 * the emulator. A crash in a handler answers 500 rather than hanging the client.
 *
 * @example listen(emulatorHandler({ server: "api", log, faults, handle }), 0)
 */
export function emulatorHandler(options: EmulatorHandlerOptions): RequestListener {
	return (request: IncomingMessage, response: ServerResponse) => {
		const rawPath = request.url ?? '/';
		const record = recordOf(options.server, request, options.redactPath?.(rawPath) ?? rawPath);
		options.log.add(record);
		response.on('close', () => {
			if (record.status === 0 && response.headersSent) {
				record.status = response.statusCode;
			}
		});
		const entry = options.faults.match(options.server, record.path);
		const exchange: Exchange = {
			request,
			response,
			record,
			faults: options.faults,
			bodyFault: entry && isBodyFault(entry.fault) ? entry : undefined,
		};
		if (entry && !isBodyFault(entry.fault) && options.faults.consume(entry)) {
			sendResponseFault(exchange, entry.fault);
			return;
		}
		Promise.resolve()
			.then(() => options.handle(exchange))
			.catch((error: unknown) => {
				if (response.headersSent) {
					response.destroy();
					return;
				}
				sendText(exchange, 500, `sandbox error: ${error instanceof Error ? error.message : String(error)}`);
			});
	};
}
