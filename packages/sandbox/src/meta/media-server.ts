import type { RequestListener } from 'node:http';
import type { FaultList } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import { type Exchange, sendText } from '../http/exchange.js';
import type { RequestLog } from '../http/request-log.js';
import { sendMedia } from '../http/send-media.js';
import type { MediaCatalog } from '../media/catalog.js';
import { sendGraphError } from './graph-error.js';
import { type MetaMediaLinks, metaMediaPath } from './media-link.js';

/** What the media host serves and whom to. */
export interface MetaMediaOptions {
	readonly accessToken: string;
	readonly catalog: MediaCatalog;
	readonly links: MetaMediaLinks;
	readonly log: RequestLog;
	readonly faults: FaultList;
}

function handle(options: MetaMediaOptions, exchange: Exchange): void {
	const url = new URL(exchange.request.url ?? '/', 'http://127.0.0.1');
	const method = exchange.request.method;
	if ((url.pathname !== metaMediaPath && `${url.pathname}/` !== metaMediaPath) || (method !== 'GET' && method !== 'HEAD')) {
		sendText(exchange, 404, 'Not Found');
		return;
	}
	const header = exchange.request.headers.authorization;
	if (header !== `Bearer ${options.accessToken}`) {
		sendGraphError(exchange, header ? 190 : 104);
		return;
	}
	const check = options.links.check(url.searchParams);
	const entry = check.kind === 'valid' ? options.catalog.findByGatewayId(check.mediaId) : undefined;
	// An expired, altered or unknown URL all look the same from outside: the media is not there.
	if (!entry || entry.info.metaMediaId !== (check.kind === 'valid' ? check.mediaId : '')) {
		sendText(exchange, 404, 'Not Found');
		return;
	}
	sendMedia(exchange, entry, { contentType: entry.info.mimeType, contentDisposition: null });
}

/**
 * Meta's media host emulator (server `metaMedia`, its own origin): `GET|HEAD /whatsapp_business/attachments/?mid=…&ext=…&hash=…`
 * with the same `Authorization: Bearer <accessToken>` as the Graph API serves the bytes (with `Range`); without the
 * token 401 (Graph error 104 or 190); an expired (5 minutes after issue, by the sandbox clock), altered or unknown
 * URL 404 `Not Found`.
 *
 * @example await listen(metaMediaHandler(options), 0)
 */
export function metaMediaHandler(options: MetaMediaOptions): RequestListener {
	return emulatorHandler({
		server: 'metaMedia',
		log: options.log,
		faults: options.faults,
		handle: (exchange) => handle(options, exchange),
	});
}
