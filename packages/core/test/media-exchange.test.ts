import { lookup } from 'node:dns';
import { createServer, type LookupFunction, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Http1Client } from '../src/transport/http1-client.js';
import { openExchange } from '../src/transport/media-exchange.js';

// A body small enough to arrive whole, with its head, before the reader asks for it.
const body = Buffer.from('a small body that comes in the same read as its head');
let server: Server;
let url: URL;
let requests = 0;
const client = new Http1Client({ connections: 2, lookup: lookup as LookupFunction, keepAliveTimeout: 1_000 });

beforeAll(async () => {
	server = createServer((socket) => {
		socket.on('data', () => {
			requests++;
			socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n`), body]));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/file`);
});

afterAll(async () => {
	client.close();
	await new Promise((resolve) => server.close(resolve));
});

const open = (signal?: AbortSignal) =>
	openExchange(client, url, {
		headers: {},
		signal,
		abortError: () => new Error('aborted'),
		headersTimeout: 10_000,
		bodyTimeout: 10_000,
	});

describe('openExchange on a body that ended before it was read', () => {
	it('rejects read() with the error its reader throws', async () => {
		const response = await open();
		await sleep(20);
		const refusal = new Error('not what was expected');
		await expect(
			response.read(() => {
				throw refusal;
			}),
		).rejects.toBe(refusal);
	});

	it('settles read() only after every promise its reader returned', async () => {
		const response = await open();
		await sleep(20);
		const written: Buffer[] = [];
		await response.read(async (chunk) => {
			await sleep(30);
			written.push(chunk);
		});
		expect(Buffer.concat(written)).toEqual(body);
	});

	it('ends at once, with no request sent, when its signal was aborted before it opened', async () => {
		const before = requests;
		await expect(open(AbortSignal.abort(new Error('cancelled')))).rejects.toThrow('aborted');
		expect(requests).toBe(before);
	});
});
