import type { RequestListener } from 'node:http';
import type { FaultList } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import type { Exchange } from '../http/exchange.js';
import type { RequestLog } from '../http/request-log.js';
import { sendMedia } from '../http/send-media.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import type { SandboxClock } from '../sandbox-clock.js';
import type { StorageSigner } from './link.js';
import { sendS3Error } from './s3-error.js';

/** What the storage emulator serves and how it signs. */
export interface StorageOptions {
	readonly catalog: MediaCatalog;
	readonly signer: StorageSigner;
	readonly idInstance: string;
	readonly log: RequestLog;
	readonly faults: FaultList;
	readonly clock: SandboxClock;
}

const bucket = 'sw-media';

function isoSeconds(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function storagePath(idInstance: string, entry: MediaEntry): string {
	return `/${bucket}/${idInstance}/${encodeURIComponent(entry.urlName)}`;
}

/**
 * A presigned link to a media, like the ones Green-API hands out. An expired link was signed a minute more than
 * its lifetime ago, by the sandbox clock.
 *
 * @example storageLink(options, "http://127.0.0.1:4000", entry, 3600, false)
 */
export function storageLink(options: StorageOptions, origin: string, entry: MediaEntry, ttlSeconds: number, expired: boolean): string {
	const path = storagePath(options.idInstance, entry);
	const now = options.clock.now();
	const signedAt = new Date(expired ? now - (ttlSeconds + 60) * 1000 : now);
	return `${origin}${path}?${options.signer.sign(path, signedAt, ttlSeconds)}`;
}

function handle(options: StorageOptions, exchange: Exchange): void {
	const target = exchange.request.url ?? '/';
	const queryStart = target.indexOf('?');
	const path = queryStart === -1 ? target : target.slice(0, queryStart);
	const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
	const match = new RegExp(`^/${bucket}/([^/]+)/([^/]+)$`).exec(path);
	if (!match) {
		sendS3Error(exchange, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: path });
		return;
	}
	if (exchange.request.method !== 'GET' && exchange.request.method !== 'HEAD') {
		sendS3Error(exchange, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
		return;
	}
	const now = new Date(options.clock.now());
	const check = options.signer.check(path, query, now);
	if (check.kind === 'bad-signature') {
		sendS3Error(
			exchange,
			403,
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		);
		return;
	}
	if (check.kind === 'expired') {
		sendS3Error(exchange, 403, 'AccessDenied', 'Request has expired', {
			'X-Amz-Expires': String(check.ttlSeconds),
			Expires: isoSeconds(check.expires),
			ServerTime: isoSeconds(now),
		});
		return;
	}
	let name = match[2] ?? '';
	try {
		name = decodeURIComponent(name);
	} catch {
		// An undecodable name cannot be a stored key: it falls through to NoSuchKey.
	}
	const entry = match[1] === options.idInstance ? options.catalog.findByUrlName(name) : undefined;
	if (!entry) {
		sendS3Error(exchange, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: `${match[1]}/${name}` });
		return;
	}
	sendMedia(exchange, entry, { contentType: entry.contentType, contentDisposition: entry.contentDisposition });
}

/**
 * The presigned object storage emulator (server `storage`): `GET|HEAD /sw-media/{idInstance}/{urlName}?X-Amz-…`,
 * with S3's XML errors for bad signatures (403 SignatureDoesNotMatch), expired links (403 AccessDenied "Request
 * has expired") and unknown keys (404 NoSuchKey).
 *
 * @example await listen(storageHandler(options), 0)
 */
export function storageHandler(options: StorageOptions): RequestListener {
	return emulatorHandler({
		server: 'storage',
		log: options.log,
		faults: options.faults,
		handle: (exchange) => handle(options, exchange),
	});
}
