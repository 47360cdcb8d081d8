import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body as UTF-8 text; rejects when it exceeds `limit` bytes.
 *
 * @example const text = await readBody(request, 1024 * 1024);
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		length += buffer.length;
		if (length > limit) {
			throw new RangeError(`request body over ${limit} bytes`);
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}
