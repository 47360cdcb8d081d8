import { createReadStream } from 'node:fs';
import { WamediaError } from '../errors/wamedia-error.js';
import { inputTooLarge, maxInputBytes } from './input-limits.js';

/** Options of {@link readText} and {@link readTextFile}. */
export interface ReadTextOptions {
	/**
	 * Refuse more than this many bytes (INVALID_INPUT); reading stops there.
	 * @default 16 MiB
	 */
	maxBytes?: number;
	/** What the text is, for the error message. @default 'The input' */
	name?: string;
}

/**
 * Reads a stream (stdin, a pipe, a file) to the end as UTF-8 text. Stops reading and throws INVALID_INPUT
 * as soon as it has seen more than `maxBytes`, so an endless input holds at most that much memory.
 *
 * @example const text = await readText(process.stdin, { name: 'Standard input' });
 */
export async function readText(stream: AsyncIterable<Uint8Array | string>, options: ReadTextOptions = {}): Promise<string> {
	const limit = options.maxBytes ?? maxInputBytes;
	const chunks: Buffer[] = [];
	let size = 0;
	// Leaving the loop early (the throw) destroys a Readable, which stops a pipe or a file from being read on.
	for await (const chunk of stream) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		size += bytes.byteLength;
		if (size > limit) throw inputTooLarge(options.name);
		chunks.push(bytes);
	}
	return Buffer.concat(chunks).toString('utf8');
}

const fileProblems: Record<string, string> = {
	ENOENT: 'file not found',
	EISDIR: 'it is a directory',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
};

/**
 * Reads a file as UTF-8 text with the limit of {@link readText}. A missing or unreadable file is
 * INVALID_INPUT naming the path.
 *
 * @example const text = await readTextFile('webhook.json');
 */
export async function readTextFile(path: string, options: ReadTextOptions = {}): Promise<string> {
	try {
		return await readText(createReadStream(path), { name: `The file ${path}`, ...options });
	} catch (error) {
		if (error instanceof WamediaError) throw error;
		const code = (error as NodeJS.ErrnoException).code ?? '';
		throw new WamediaError('INVALID_INPUT', {
			message: `Cannot read ${path}: ${fileProblems[code] ?? (code || 'read error')}`,
			hint: 'Check the path and that the file is readable.',
			details: { path, ...(code === '' ? {} : { errno: code }) },
			cause: error,
		});
	}
}
