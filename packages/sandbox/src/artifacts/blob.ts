import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArtifactCall } from './faults.js';
import { ArtifactServiceError, readBytes } from './http.js';
import type { ArtifactStore } from './store.js';

/** The largest block list body read (a list of 50,000 block ids fits). */
const blockListLimit = 8 * 1024 * 1024;

/**
 * Which blob operation a request to a signed URL is, from its method and `comp` parameter.
 *
 * @example blobCallOf("PUT", new URLSearchParams("comp=block&blockid=AAAA")) // "UploadBlock"
 */
export function blobCallOf(method: string | undefined, query: URLSearchParams): ArtifactCall | undefined {
	const comp = query.get('comp');
	if (method === 'PUT' && comp === 'block') return 'UploadBlock';
	if (method === 'PUT' && comp === 'blocklist') return 'CommitBlockList';
	if ((method === 'GET' || method === 'HEAD') && comp === null) return 'DownloadBlob';
	return undefined;
}

function azureHeaders(extra: Record<string, string> = {}): Record<string, string> {
	return {
		'x-ms-request-id': randomUUID(),
		'x-ms-version': '2026-04-06',
		date: new Date().toUTCString(),
		...extra,
	};
}

function created(response: ServerResponse, headers: Record<string, string>): void {
	response.writeHead(201, azureHeaders({ 'x-ms-request-server-encrypted': 'true', 'content-length': '0', ...headers }));
	response.end();
}

/** The ids of a `<BlockList>` body, in document order (`Latest`, `Committed` or `Uncommitted` entries). */
function blockIdsOf(xml: string): string[] {
	if (!/<BlockList>/.test(xml)) throw new ArtifactServiceError(400, 'The XML body is not a block list.', 'InvalidXmlDocument');
	return [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((match) => match[2] ?? '');
}

function checkSignedUrl(query: URLSearchParams, permission: string): void {
	const expiry = Date.parse(query.get('se') ?? '');
	if (!(expiry > Date.now())) {
		throw new ArtifactServiceError(403, 'Signed expiry time has passed.', 'AuthenticationFailed');
	}
	if (!(query.get('sp') ?? '').includes(permission)) {
		throw new ArtifactServiceError(
			403,
			'This request is not authorized to perform this operation using this permission.',
			'AuthorizationPermissionMismatch',
		);
	}
}

/**
 * Answers a block-blob request to a signed URL the way Azure Storage does for `BlockBlobClient.uploadStream`:
 * `PUT ?comp=block&blockid=…` stages a block (201), `PUT ?comp=blocklist` assembles the staged blocks in the
 * order of its `<BlockList>` (201 with an ETag), and `GET` returns a finalized artifact. Throws an
 * {@link ArtifactServiceError} for a bad signature, an unknown block, or a body over the limit.
 *
 * @example await handleBlob(store, "UploadBlock", key, query, request, response)
 */
export async function handleBlob(
	store: ArtifactStore,
	call: ArtifactCall,
	key: string,
	query: URLSearchParams,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const record = store.bySignedKey(key, query.get('sig'));
	checkSignedUrl(query, call === 'DownloadBlob' ? 'r' : 'w');
	if (call === 'UploadBlock') {
		const blockId = query.get('blockid') ?? '';
		if (!/^[A-Za-z0-9+/=_-]{1,88}$/.test(blockId)) {
			throw new ArtifactServiceError(400, 'The blockid is missing or not base64.', 'InvalidQueryParameterValue');
		}
		store.stageBlock(record, blockId, await readBytes(request, store.maxBytes));
		created(response, {});
		return;
	}
	if (call === 'CommitBlockList') {
		const xml = (await readBytes(request, blockListLimit)).toString('utf8');
		const contentType = request.headers['x-ms-blob-content-type'];
		store.commitBlocks(record, blockIdsOf(xml), typeof contentType === 'string' ? contentType : undefined);
		created(response, {
			etag: `"0x${record.info.id.toString(16).toUpperCase()}${Date.now().toString(16)}"`,
			'last-modified': new Date().toUTCString(),
		});
		return;
	}
	if (!record.info.finalized) throw new ArtifactServiceError(404, 'The specified blob does not exist.', 'BlobNotFound');
	response.writeHead(
		200,
		azureHeaders({
			'content-type': record.info.mimeType ?? 'application/octet-stream',
			'content-length': String(record.info.size),
			'x-ms-blob-type': 'BlockBlob',
		}),
	);
	response.end(request.method === 'HEAD' ? undefined : record.info.bytes);
}
