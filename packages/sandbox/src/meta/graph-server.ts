import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import type { FaultList } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import { type Exchange, sendText } from '../http/exchange.js';
import type { RequestLog } from '../http/request-log.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';
import { metaErrorCodeOf } from './errors.js';
import { sendGraphError } from './graph-error.js';
import type { MetaMediaSettings } from './media-settings.js';

/** The WhatsApp Business account the Graph emulator impersonates. */
export interface MetaGraphOptions {
	readonly accessToken: string;
	readonly apiVersion: string;
	readonly phoneNumberId: string;
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	/** How each media (by catalog id) is described; absent fields take the defaults. */
	readonly settings: ReadonlyMap<string, MetaMediaSettings>;
	/** A fresh media-host URL for a media. */
	readonly mediaUrl: (entry: MediaEntry) => string;
}

/**
 * The `sha256` the Graph answer carries for a media, in the spelling its settings ask for.
 *
 * @example graphSha256(entry, { sha256: "base64" }) // "q1w2…=" (44 characters)
 */
export function graphSha256(entry: MediaEntry, settings: MetaMediaSettings): string {
	const hex = settings.sha256Mismatch
		? createHash('sha256').update(`wamedia-sandbox:mismatch:${entry.info.id}`).digest('hex')
		: entry.info.sha256;
	return settings.sha256 === 'base64' ? Buffer.from(hex, 'hex').toString('base64') : hex;
}

function doesNotExist(exchange: Exchange, mediaId: string): void {
	sendGraphError(exchange, 100, {
		type: 'GraphMethodException',
		subcode: 33,
		message: `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
	});
}

function authorize(options: MetaGraphOptions, exchange: Exchange): boolean {
	const header = exchange.request.headers.authorization;
	if (!header) {
		sendGraphError(exchange, 104);
		return false;
	}
	if (header !== `Bearer ${options.accessToken}`) {
		sendGraphError(exchange, 190);
		return false;
	}
	return true;
}

function describe(options: MetaGraphOptions, entry: MediaEntry): Record<string, unknown> {
	const settings = options.settings.get(entry.info.id) ?? {};
	const size = entry.info.size + (settings.fileSizeMismatch ? 1 : 0);
	return {
		messaging_product: 'whatsapp',
		url: options.mediaUrl(entry),
		mime_type: mediaKindTraits[entry.info.kind].whatsappMimeType,
		sha256: graphSha256(entry, settings),
		file_size: settings.fileSize === 'number' ? size : String(size),
		id: entry.info.metaMediaId,
	};
}

function graphHeaders(options: MetaGraphOptions): Record<string, string> {
	return { 'content-type': 'application/json; charset=UTF-8', 'facebook-api-version': options.apiVersion };
}

function handle(options: MetaGraphOptions, exchange: Exchange): void {
	const url = new URL(exchange.request.url ?? '/', 'http://127.0.0.1');
	if (!authorize(options, exchange)) {
		return;
	}
	const segments = url.pathname.split('/').filter(Boolean);
	const [version, mediaId, ...rest] = segments;
	if (!version || !/^v\d+\.\d+$/.test(version) || !mediaId || rest.length > 0) {
		sendGraphError(exchange, 2500, { message: `Unknown path components: /${segments.join('/')}` });
		return;
	}
	if (exchange.request.method !== 'GET') {
		sendGraphError(exchange, 100, { message: `Unsupported ${(exchange.request.method ?? 'get').toLowerCase()} request.` });
		return;
	}
	// The token's identity and the business number: what a credentials check reads.
	if (mediaId === 'me') {
		sendText(exchange, 200, JSON.stringify({ id: '100000000000001', name: 'wamedia sandbox' }), graphHeaders(options));
		return;
	}
	if (mediaId === options.phoneNumberId) {
		const number = { verified_name: 'wamedia sandbox', display_phone_number: '+1 555-000-1111', quality_rating: 'GREEN', id: mediaId };
		sendText(exchange, 200, JSON.stringify(number), graphHeaders(options));
		return;
	}
	const errorCode = metaErrorCodeOf(mediaId);
	if (errorCode !== undefined) {
		sendGraphError(exchange, errorCode);
		return;
	}
	const entry = options.catalog.findByGatewayId(mediaId);
	const phoneNumberId = url.searchParams.get('phone_number_id');
	// The phone number narrows the lookup: a media of another number does not exist for it.
	if (entry?.info.metaMediaId !== mediaId || (phoneNumberId !== null && phoneNumberId !== options.phoneNumberId)) {
		doesNotExist(exchange, mediaId);
		return;
	}
	sendText(exchange, 200, JSON.stringify(describe(options, entry)), graphHeaders(options));
}

/**
 * The Graph API emulator (server `meta`): `GET /{version}/me` and `GET /{version}/{phone-number-id}` (the token's
 * identity and the business number), `GET /{version}/{media-id}[?phone_number_id=]` behind
 * `Authorization: Bearer <accessToken>` answers `{messaging_product, url, mime_type, sha256, file_size, id}`, whose
 * `url` is on the media host and lives 5 minutes; failures are Graph error envelopes (104 and 190 with 401, 100
 * "does not exist" with 400, and the codes of `metaErrorMediaIds`).
 *
 * @example await listen(metaGraphHandler(options), 0)
 */
export function metaGraphHandler(options: MetaGraphOptions): RequestListener {
	return emulatorHandler({
		server: 'meta',
		log: options.log,
		faults: options.faults,
		handle: (exchange) => handle(options, exchange),
	});
}
