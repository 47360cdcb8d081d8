import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type Provider, WamediaError } from '../errors/wamedia-error.js';

/** Takes encoded chunks and hands decoded ones to the consumer, with backpressure both ways. */
export interface BodyDecoder {
	write(chunk: Buffer): Promise<void> | undefined;
	/** Resolves when the last decoded chunk has been consumed. */
	end(): Promise<void>;
}

const decoders: Record<string, () => Transform> = {
	gzip: createGunzip,
	'x-gzip': createGunzip,
	deflate: createInflate,
	br: createBrotliDecompress,
};

/**
 * A decoder for a Content-Encoding the server applied although wamedia asked for `identity`, or
 * undefined for `identity`. Limits (maxBytes) apply to the decoded bytes, so a compression bomb ends
 * in TOO_LARGE, not in a full disk.
 */
export function createBodyDecoder(
	encoding: string | undefined,
	consume: (chunk: Buffer) => Promise<void> | undefined,
	provider: Provider,
): BodyDecoder | undefined {
	const name = (encoding ?? 'identity').trim().toLowerCase();
	if (name === 'identity' || name === '') return undefined;
	const create = decoders[name];
	if (create === undefined) {
		throw new WamediaError('UPSTREAM_ERROR', {
			message: `The server sent the media with an unsupported Content-Encoding (${name.slice(0, 40)})`,
			retryable: false,
			provider,
		});
	}
	const stream = create();
	let failure: Error | undefined;
	const finished = new Promise<void>((resolve, reject) => {
		stream.once('end', resolve);
		stream.once('error', (error) => {
			failure = error;
			reject(error);
		});
	});
	finished.catch(() => undefined);
	const fail = (error: unknown): never => {
		if (error instanceof WamediaError) throw error;
		throw new WamediaError('UPSTREAM_ERROR', {
			message: `The server sent a ${name} body that does not decode`,
			retryable: false,
			provider,
			cause: error,
		});
	};
	stream.on('data', (chunk: Buffer) => {
		try {
			const pending = consume(chunk);
			if (pending !== undefined) {
				stream.pause();
				pending.then(
					() => stream.resume(),
					(error: Error) => stream.destroy(error),
				);
			}
		} catch (error) {
			stream.destroy(error as Error);
		}
	});
	return {
		write(chunk) {
			if (failure !== undefined) fail(failure);
			if (stream.write(chunk)) return undefined;
			return new Promise<void>((resolve, reject) => {
				const onDrain = () => {
					stream.off('error', onError);
					resolve();
				};
				const onError = (error: Error) => {
					stream.off('drain', onDrain);
					reject(error);
				};
				stream.once('drain', onDrain);
				stream.once('error', onError);
			}).catch(fail);
		},
		async end() {
			stream.end();
			await finished.catch(fail);
		},
	};
}
