import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import type { Sandbox } from '../src/index.js';

/** Hex SHA-256 of bytes. */
export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** POSTs a downloadFile body (an object is sent as JSON, a string as is). */
export function downloadFile(sandbox: Sandbox, body: unknown, method = 'downloadFile'): Promise<Response> {
	const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
	return fetch(`${apiUrl}/waInstance${idInstance}/${method}/${apiTokenInstance}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

/** Reads a fetch body chunk by chunk; reports the bytes received and the error that ended it, if any. */
export async function readUntilEnd(response: Response): Promise<{ bytes: Buffer; error?: unknown }> {
	const chunks: Uint8Array[] = [];
	const reader = response.body?.getReader();
	try {
		for (;;) {
			const next = await reader?.read();
			if (!next || next.done) {
				return { bytes: Buffer.concat(chunks) };
			}
			chunks.push(next.value);
		}
	} catch (error) {
		return { bytes: Buffer.concat(chunks), error };
	}
}

/** What a raw HTTP/1.1 exchange looked like on the wire. */
export interface RawExchange {
	head: string;
	headers: Record<string, string>;
	body: Buffer;
	/** `end`: the server closed cleanly (FIN); `error`: reset, with the code. */
	ending: 'end' | 'error';
	errorCode?: string;
}

/** Sends one GET over a plain socket and collects every byte until the server closes, cleanly or not. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawExchange> {
	const target = new URL(url);
	return new Promise((resolve) => {
		const socket = connect(Number(target.port), '127.0.0.1');
		const chunks: Buffer[] = [];
		const finish = (ending: 'end' | 'error', errorCode?: string): void => {
			const all = Buffer.concat(chunks);
			const split = all.indexOf('\r\n\r\n');
			const head = all.subarray(0, split).toString('latin1');
			const parsed: Record<string, string> = {};
			for (const line of head.split('\r\n').slice(1)) {
				const colon = line.indexOf(':');
				parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
			}
			resolve({
				head,
				headers: parsed,
				body: all.subarray(split + 4),
				ending,
				...(errorCode === undefined ? {} : { errorCode }),
			});
		};
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.on('end', () => finish('end'));
		socket.on('error', (error: NodeJS.ErrnoException) => finish('error', error.code));
		const extra = Object.entries(headers)
			.map(([name, value]) => `${name}: ${value}\r\n`)
			.join('');
		socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n${extra}\r\n`);
	});
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
