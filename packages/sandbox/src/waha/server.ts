import type { RequestListener } from 'node:http';
import type { FaultList } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import { type Exchange, sendJson } from '../http/exchange.js';
import type { RequestLog } from '../http/request-log.js';
import { sendMedia } from '../http/send-media.js';
import type { MediaCatalog } from '../media/catalog.js';
import type { WahaFiles } from './files.js';
import { type WahaMessageContext, wahaMessage, wahaTextMessage } from './messages.js';

/** The WAHA server the emulator impersonates. */
export interface WahaOptions {
	readonly apiKey: string;
	readonly catalog: MediaCatalog;
	readonly files: WahaFiles;
	readonly messages: WahaMessageContext;
	readonly textMessageId: string;
	readonly log: RequestLog;
	readonly faults: FaultList;
}

/**
 * Hides the value of an `x-api-key` query parameter, which WAHA accepts in place of the header.
 *
 * @example redactWahaPath("/api/files/default/x.jpeg?x-api-key=secret") // "…?x-api-key=<key>"
 */
export function redactWahaPath(path: string): string {
	return path.replace(/([?&]x-api-key=)[^&#]*/gi, '$1<key>');
}

// WAHA is a NestJS application: its errors are `{message, error?, statusCode}`.
function sendNestError(exchange: Exchange, status: number, message: string, error?: string): void {
	sendJson(exchange, status, error === undefined ? { message, statusCode: status } : { message, error, statusCode: status });
}

function decoded(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function serveFile(options: WahaOptions, exchange: Exchange, session: string, file: string): void {
	const entry = session === options.messages.session && !file.includes('/') ? options.files.find(file) : undefined;
	if (!entry) {
		sendNestError(exchange, 404, `File not found: ${file}`, 'Not Found');
		return;
	}
	sendMedia(exchange, entry, {
		contentType: entry.info.mimeType,
		contentDisposition: null,
		headers: { 'cache-control': 'public, max-age=0' },
	});
}

// `GET /api/sessions/{session}`: the session WAHA runs, always WORKING here; another name is unknown.
function serveSession(options: WahaOptions, exchange: Exchange, session: string): void {
	if (session !== options.messages.session) {
		sendNestError(exchange, 404, `We didn't find a session with name '${session}'.`, 'Not Found');
		return;
	}
	sendJson(exchange, 200, {
		name: session,
		status: 'WORKING',
		config: { webhooks: [] },
		me: { id: options.messages.chatId, pushName: 'wamedia sandbox' },
		engine: { engine: 'WEBJS' },
	});
}

function serveMessage(options: WahaOptions, exchange: Exchange, url: URL, session: string, chatId: string, messageId: string): void {
	if (session !== options.messages.session) {
		sendNestError(
			exchange,
			404,
			`We didn't find a session with name '${session}'.\nPlease start it first by using POST /api/sessions/${session}/start request`,
			'Not Found',
		);
		return;
	}
	if (chatId === options.messages.chatId && messageId === options.textMessageId) {
		sendJson(exchange, 200, wahaTextMessage(options.messages, messageId));
		return;
	}
	const entry = options.catalog.findByGatewayId(messageId);
	if (!entry || entry.info.wahaMessageId !== messageId || chatId !== options.messages.chatId) {
		sendNestError(exchange, 404, 'Message not found', 'Not Found');
		return;
	}
	const download = url.searchParams.get('downloadMedia') !== 'false';
	sendJson(exchange, 200, wahaMessage(options.messages, entry, { media: download ? 'file' : 'none' }));
}

function handle(options: WahaOptions, exchange: Exchange): void {
	const url = new URL(exchange.request.url ?? '/', 'http://127.0.0.1');
	const method = exchange.request.method ?? 'GET';
	if (url.pathname === '/ping' && method === 'GET') {
		sendJson(exchange, 200, { message: 'pong' });
		return;
	}
	const segments = url.pathname.split('/').filter(Boolean).map(decoded);
	if (segments[0] === 'api') {
		const key = exchange.request.headers['x-api-key'] ?? url.searchParams.get('x-api-key');
		if (key !== options.apiKey) {
			sendNestError(exchange, 401, 'Unauthorized');
			return;
		}
		const [, first, second, third, fourth, fifth, ...rest] = segments;
		if (first === 'sessions' && second && third === undefined && method === 'GET') {
			serveSession(options, exchange, second);
			return;
		}
		if (first === 'files' && second && third && fourth === undefined && (method === 'GET' || method === 'HEAD')) {
			serveFile(options, exchange, second, third);
			return;
		}
		if (second === 'chats' && third && fourth === 'messages' && fifth && rest.length === 0 && method === 'GET') {
			serveMessage(options, exchange, url, first ?? '', third, fifth);
			return;
		}
	}
	sendNestError(exchange, 404, `Cannot ${method} ${url.pathname}`, 'Not Found');
}

/**
 * The WAHA emulator (server `waha`): `GET /api/sessions/{session}` answers the session (`status: WORKING`);
 * `GET|HEAD /api/files/{session}/{file}` serves the files WAHA saved of received
 * media until their lifetime is over (then 404 `File not found`); `GET /api/{session}/chats/{chatId}/messages/{messageId}?downloadMedia=true`
 * answers the message with a freshly saved file in `media.url`. Everything under `/api/` needs `X-Api-Key` (or
 * `?x-api-key=`): 401 `{"message":"Unauthorized","statusCode":401}` without it. Logged paths read `<key>` for a key
 * in the query.
 *
 * @example await listen(wahaHandler(options), 0)
 */
export function wahaHandler(options: WahaOptions): RequestListener {
	return emulatorHandler({
		server: 'waha',
		log: options.log,
		faults: options.faults,
		redactPath: redactWahaPath,
		handle: (exchange) => handle(options, exchange),
	});
}
