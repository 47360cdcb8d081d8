import type { RequestListener } from 'node:http';
import { type FaultList, isStreamFault } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import { type Exchange, sendJson } from '../http/exchange.js';
import { readBody } from '../http/read-body.js';
import type { RequestLog } from '../http/request-log.js';
import { streamBody } from '../http/stream-body.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';
import { Base64JsonBody } from './base64-json-body.js';
import { lengthField } from './byte-field.js';
import { evolutionMediaMessage, evolutionMediaType } from './messages.js';

/** The Evolution API server the emulator impersonates. */
export interface EvolutionOptions {
	readonly apiKey: string;
	readonly instance: string;
	readonly textMessageId: string;
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
}

const mediaTypes = ['imageMessage', 'documentMessage', 'audioMessage', 'videoMessage', 'stickerMessage'];

// Evolution API's error handler answers `{status, error, response: {message}}`; its exceptions carry their
// arguments as an array in `message` (src/main.ts, src/exceptions/*.ts).
function sendEvolutionError(exchange: Exchange, status: number, error: string, message: unknown): void {
	sendJson(exchange, status, { status, error, response: { message } });
}

function keyIdOf(body: unknown): { id: string; inline: Record<string, unknown> | undefined } | undefined {
	const message = (body as { message?: { key?: { id?: unknown }; message?: unknown } } | null)?.message;
	const id = message?.key?.id;
	if (typeof id !== 'string' || id === '') {
		return undefined;
	}
	const inline = message?.message;
	return { id, inline: typeof inline === 'object' && inline !== null ? (inline as Record<string, unknown>) : undefined };
}

function sendBase64(options: EvolutionOptions, exchange: Exchange, entry: MediaEntry, keyId: string): void {
	const traits = mediaKindTraits[entry.info.kind];
	const media = evolutionMediaMessage(entry);
	const fileName = typeof media.fileName === 'string' ? media.fileName : `${keyId}.${traits.mimeExtension}`;
	const head = JSON.stringify({
		mediaType: evolutionMediaType(entry),
		fileName,
		caption: media.caption,
		size: { fileLength: lengthField(entry.info.size, 'long'), height: media.height, width: media.width },
		mimetype: traits.whatsappMimeType,
		base64: '',
	});
	// Everything up to the opening quote of the base64 string, then the encoded bytes, then the rest.
	const body = new Base64JsonBody(head.slice(0, -2), entry.body, '","buffer":null}');
	const pending = exchange.bodyFault;
	const fault = pending && isStreamFault(pending.fault) && options.faults.consume(pending) ? pending.fault : undefined;
	const headers = {
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(body.size),
		'x-powered-by': 'Express',
	};
	streamBody(exchange, body, { start: 0, end: body.size }, 201, headers, fault);
}

/** Evolution's order on every instance route: an unknown instance is 404 before a wrong key is 401. */
function admitted(options: EvolutionOptions, exchange: Exchange, instance: string): boolean {
	if (instance !== options.instance) {
		sendEvolutionError(exchange, 404, 'Not Found', [`The "${instance}" instance does not exist`]);
		return false;
	}
	if (exchange.request.headers.apikey !== options.apiKey) {
		sendEvolutionError(exchange, 401, 'Unauthorized', 'Unauthorized');
		return false;
	}
	return true;
}

async function getBase64(options: EvolutionOptions, exchange: Exchange, instance: string): Promise<void> {
	if (!admitted(options, exchange, instance)) return;
	let body: unknown;
	try {
		body = JSON.parse((await readBody(exchange.request, 16 * 1024 * 1024)) || 'null');
	} catch (error) {
		// A body-parser failure has a status but no `error` label, so the handler fills in its default.
		sendEvolutionError(exchange, 400, 'Internal Server Error', (error as Error).message);
		return;
	}
	const key = keyIdOf(body);
	if (!key) {
		sendEvolutionError(exchange, 400, 'Bad Request', ['message.key.id is required']);
		return;
	}
	if (key.id === options.textMessageId || (key.inline && !mediaTypes.some((type) => type in (key.inline ?? {})))) {
		sendEvolutionError(exchange, 400, 'Bad Request', ['The message is not of the media type']);
		return;
	}
	const entry = options.catalog.findByGatewayId(key.id);
	if (!entry || entry.info.evolutionMessageId !== key.id) {
		sendEvolutionError(exchange, 400, 'Bad Request', ['Message not found']);
		return;
	}
	sendBase64(options, exchange, entry, key.id);
}

// `GET /instance/connectionState/{instance}`: the instance is connected (`open`); unknown instance first, then the key.
function connectionState(options: EvolutionOptions, exchange: Exchange, instance: string): void {
	if (!admitted(options, exchange, instance)) return;
	sendJson(exchange, 200, { instance: { instanceName: instance, state: 'open' } });
}

async function handle(options: EvolutionOptions, exchange: Exchange): Promise<void> {
	const url = new URL(exchange.request.url ?? '/', 'http://127.0.0.1');
	const method = exchange.request.method ?? 'GET';
	const segments = url.pathname.split('/').filter(Boolean);
	if (segments.length === 0 && method === 'GET') {
		sendJson(exchange, 200, {
			status: 200,
			message: 'Welcome to the Evolution API, it is working!',
			version: '2.3.6',
			documentation: 'https://doc.evolution-api.com',
		});
		return;
	}
	if (segments.length === 3 && segments[0] === 'instance' && segments[1] === 'connectionState' && method === 'GET') {
		connectionState(options, exchange, decodeURIComponent(segments[2] ?? ''));
		return;
	}
	if (segments.length === 3 && segments[0] === 'chat' && segments[1] === 'getBase64FromMediaMessage' && method === 'POST') {
		await getBase64(options, exchange, decodeURIComponent(segments[2] ?? ''));
		return;
	}
	sendEvolutionError(exchange, 404, 'Not Found', [`Cannot ${method} ${url.pathname}`]);
}

/**
 * The Evolution API emulator (server `evolution`): `GET /instance/connectionState/{instance}` answers
 * `{instance: {instanceName, state: 'open'}}`; `POST /chat/getBase64FromMediaMessage/{instance}` with the
 * `apikey` header and `{"message":{"key":{"id":"3EB0…"}}}` answers 201
 * `{mediaType, fileName, caption?, size, mimetype, base64, buffer: null}`, the base64 streamed piece by piece
 * (stream faults bend it as a media body). Failures as Evolution answers them: 404 for an unknown instance (checked
 * before the key), 401 for a missing or wrong key, 400 "Message not found" and "The message is not of the media
 * type".
 *
 * @example await listen(evolutionHandler(options), 0)
 */
export function evolutionHandler(options: EvolutionOptions): RequestListener {
	return emulatorHandler({
		server: 'evolution',
		log: options.log,
		faults: options.faults,
		handle: (exchange) => handle(options, exchange),
	});
}
