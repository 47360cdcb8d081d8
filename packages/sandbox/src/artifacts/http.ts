import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A refusal of the artifact service: the HTTP status, the message, and the Azure error code blob calls send.
 *
 * @example throw new ArtifactServiceError(409, "an artifact with this name already exists on the workflow run")
 */
export class ArtifactServiceError extends Error {
	override readonly name = 'ArtifactServiceError';
	readonly status: number;
	readonly azureCode: string;

	constructor(status: number, message: string, azureCode = 'InvalidInput') {
		super(message);
		this.status = status;
		this.azureCode = azureCode;
	}
}

// Twirp's error codes for the statuses the service uses (twitchtv/twirp docs/spec_v7.md, "Error codes").
const twirpCodes: Readonly<Record<number, string>> = {
	400: 'invalid_argument',
	401: 'unauthenticated',
	403: 'permission_denied',
	404: 'not_found',
	409: 'already_exists',
	412: 'failed_precondition',
	413: 'out_of_range',
	429: 'resource_exhausted',
	500: 'internal',
	501: 'unimplemented',
	503: 'unavailable',
	504: 'deadline_exceeded',
};

/**
 * The Twirp error code of an HTTP status (`internal` for unknown 5xx, `unknown` otherwise).
 *
 * @example twirpCode(409) // "already_exists"
 */
export function twirpCode(status: number): string {
	return twirpCodes[status] ?? (status >= 500 ? 'internal' : 'unknown');
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
	if (response.destroyed || response.headersSent) return;
	response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
	response.end(body);
}

/**
 * Answers with JSON.
 *
 * @example sendArtifactJson(response, 200, { ok: true })
 */
export function sendArtifactJson(response: ServerResponse, status: number, value: unknown): void {
	send(response, status, JSON.stringify(value), { 'content-type': 'application/json' });
}

/**
 * Answers a Twirp call with its error body `{"code", "msg"}`.
 *
 * @example sendTwirpError(response, 404, "artifact not found")
 */
export function sendTwirpError(response: ServerResponse, status: number, message: string): void {
	sendArtifactJson(response, status, { code: twirpCode(status), msg: message });
}

/**
 * Answers a blob call the way Azure Storage does: an XML `<Error>` and the `x-ms-error-code` header.
 *
 * @example sendAzureError(response, 403, "AuthenticationFailed", "Signature did not match")
 */
export function sendAzureError(response: ServerResponse, status: number, code: string, message: string): void {
	const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
	send(response, status, body, { 'content-type': 'application/xml', 'x-ms-error-code': code });
}

/**
 * Reads a whole request body; rejects with a 413 {@link ArtifactServiceError} past `limit` bytes.
 *
 * @example const block = await readBytes(request, 8 * 1024 * 1024);
 */
export async function readBytes(request: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		length += buffer.length;
		if (length > limit) throw new ArtifactServiceError(413, `The request body is over ${limit} bytes`, 'RequestBodyTooLarge');
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}
