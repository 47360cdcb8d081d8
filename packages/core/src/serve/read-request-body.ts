import type { IncomingMessage } from 'node:http';

/** What reading a request body came to. */
export type BodyRead = { body: Buffer } | { tooLarge: true } | { closed: true };

/**
 * Reads a request body up to `maxBytes`. A body announced larger (Content-Length) is refused before a
 * byte is read; one that grows past the limit is refused at that chunk, and the rest is not read: the
 * stream is paused, so a huge or endless body neither fills memory nor holds anything (docs/serve.md#bad-input).
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
	const announced = Number(request.headers['content-length']);
	if (Number.isFinite(announced) && announced > maxBytes) return Promise.resolve({ tooLarge: true });
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const finish = (result: BodyRead) => {
			request.off('data', onData);
			request.off('end', onEnd);
			request.off('close', onClose);
			resolve(result);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) {
				request.pause();
				chunks.length = 0;
				finish({ tooLarge: true });
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => finish({ body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
		const onClose = () => finish({ closed: true });
		request.on('data', onData);
		request.on('end', onEnd);
		request.on('close', onClose);
	});
}
