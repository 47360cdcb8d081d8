import type { RequestListener } from 'node:http';
import type { FaultList } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import { type Exchange, sendJson, sendText } from '../http/exchange.js';
import type { RequestLog } from '../http/request-log.js';
import { sendMedia } from '../http/send-media.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import type { SandboxClock } from '../sandbox-clock.js';

/** The server the Multi-Session emulator impersonates. */
export interface MultiSessionOptions {
	readonly apiKey: string;
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	readonly clock: SandboxClock;
	/** A fresh presigned storage link to a media (target of the redirect route). */
	readonly link: (entry: MediaEntry) => string;
}

const contentTypes: Readonly<Record<string, string>> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	ogg: 'audio/ogg',
	mp3: 'audio/mpeg',
	mp4: 'video/mp4',
	pdf: 'application/pdf',
};

/** A file name that tests can use to get the server's 403. */
const forbiddenFile = 'forbidden.jpg';

function contentTypeOf(file: string): string {
	const extension = /\.([^.]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
	return contentTypes[extension] ?? 'application/octet-stream';
}

// The server is written in Go and answers with http.Error: plain text and a trailing newline.
function sendGoError(exchange: Exchange, status: number, message: string): void {
	sendText(exchange, status, `${message}\n`, { 'x-content-type-options': 'nosniff' });
}

function authorizationError(header: string | undefined, apiKey: string): string | undefined {
	if (!header) {
		return 'Missing authorization header';
	}
	const parts = header.split(' ');
	if (parts.length !== 2 || parts[0] !== 'Bearer') {
		return 'Invalid authorization header format';
	}
	const token = parts[1] ?? '';
	if (!token.startsWith('wams_')) {
		// Tokens without the API-key prefix are taken for JWTs (internal/middleware/auth.go).
		return 'Invalid token';
	}
	return token === apiKey ? undefined : 'Invalid API key';
}

function serveMedia(options: MultiSessionOptions, exchange: Exchange, route: string, rawFile: string): void {
	const authError = authorizationError(exchange.request.headers.authorization, options.apiKey);
	if (authError) {
		sendGoError(exchange, 401, authError);
		return;
	}
	const query = new URLSearchParams(exchange.request.url?.split('?')[1] ?? '');
	const expires = query.get('expires');
	if (!expires) {
		sendGoError(exchange, 400, 'Missing expires parameter');
		return;
	}
	if (!/^[+-]?\d+$/.test(expires)) {
		sendGoError(exchange, 400, 'Invalid expires parameter');
		return;
	}
	if (Math.floor(options.clock.now() / 1000) > Number(expires)) {
		sendGoError(exchange, 410, 'Media link has expired');
		return;
	}
	let file: string;
	try {
		file = decodeURIComponent(rawFile);
	} catch {
		file = rawFile;
	}
	if (file.includes('..') || file.includes('/')) {
		sendGoError(exchange, 400, 'Invalid filename');
		return;
	}
	if (file === forbiddenFile) {
		sendGoError(exchange, 403, 'Access forbidden');
		return;
	}
	const entry = options.catalog.findByMultiSessionFile(file);
	if (!entry) {
		sendGoError(exchange, 404, 'Media file not found');
		return;
	}
	if (route === 'redirect') {
		sendText(exchange, 302, '', { location: options.link(entry) });
		return;
	}
	sendMedia(exchange, entry, {
		contentType: contentTypeOf(file),
		contentDisposition: `inline; filename="${file}"`,
		headers: { 'cache-control': 'private, max-age=3600' },
	});
}

function handle(options: MultiSessionOptions, exchange: Exchange): void {
	// The raw target, not a parsed URL: URL parsing would resolve the `..` segments the server must refuse.
	const path = (exchange.request.url ?? '/').split('?')[0] ?? '/';
	const method = exchange.request.method;
	if (path === '/api/health' && method === 'GET') {
		sendJson(exchange, 200, { status: 'ok', service: 'whatsapp-multi-session (wamedia sandbox)' });
		return;
	}
	if (path === '/api/sessions' && method === 'GET') {
		const authError = authorizationError(exchange.request.headers.authorization, options.apiKey);
		if (authError) sendGoError(exchange, 401, authError);
		else sendJson(exchange, 200, [{ id: 'sess-1', name: 'wamedia sandbox', connected: true, logged_in: true }]);
		return;
	}
	const media = /^\/api\/media\/(temp|redirect)\/(.+)$/.exec(path);
	if (media && (method === 'GET' || method === 'HEAD')) {
		serveMedia(options, exchange, media[1] ?? 'temp', media[2] ?? '');
		return;
	}
	sendText(exchange, 404, '404 page not found\n');
}

/**
 * The WhatsApp Multi-Session server emulator (server `multiSession`): `GET /api/health`, `GET /api/sessions` (behind
 * the Bearer key, one connected session),
 * `GET /api/media/temp/<file>?expires=<unix>` behind `Authorization: Bearer <apiKey>` with the server's plain-text
 * errors (401, 400, 410, 403, 404), and `GET /api/media/redirect/<file>?expires=…`, which answers 302 to the
 * presigned storage link of the same media (another origin).
 *
 * @example await listen(multiSessionHandler(options), 0)
 */
export function multiSessionHandler(options: MultiSessionOptions): RequestListener {
	return emulatorHandler({
		server: 'multiSession',
		log: options.log,
		faults: options.faults,
		handle: (exchange) => handle(options, exchange),
	});
}
