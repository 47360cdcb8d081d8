import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type ServerName, startSandbox } from '../src/index.js';
import { readUntilEnd, sha256 } from './helpers.js';

type Fetcher = (sandbox: Sandbox, init?: RequestInit) => Promise<Response>;

/** One media answer per new emulator: Meta's media host, a WAHA file, Evolution's base64 answer. */
const media: [ServerName, Fetcher][] = [
	[
		'metaMedia',
		(sandbox, init) => fetch(sandbox.meta.mediaUrl('image'), { ...init, headers: { authorization: `Bearer ${sandbox.meta.accessToken}` } }),
	],
	['waha', (sandbox, init) => fetch(sandbox.waha.fileUrl('image'), { ...init, headers: { 'x-api-key': sandbox.waha.apiKey } })],
	[
		'evolution',
		(sandbox, init) =>
			fetch(`${sandbox.evolution.serverUrl}/chat/getBase64FromMediaMessage/${sandbox.evolution.instance}`, {
				...init,
				method: 'POST',
				headers: { apikey: sandbox.evolution.apiKey },
				body: JSON.stringify({ message: { key: { id: sandbox.evolution.messageId('image') } } }),
			}),
	],
];

/** The media bytes of an answer: the body itself, or the base64 inside Evolution's JSON. */
function mediaBytes(server: ServerName, body: Buffer): Buffer {
	return server === 'evolution' ? Buffer.from((JSON.parse(body.toString()) as { base64: string }).base64, 'base64') : body;
}

describe('common faults on the Meta, WAHA and Evolution emulators', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	afterEach(() => sandbox.faults.clear());

	it.each(media)('%s: serves the image intact without faults', async (server, get) => {
		const body = Buffer.from(await (await get(sandbox)).arrayBuffer());
		expect(sha256(mediaBytes(server, body))).toBe(sandbox.media.get('image').sha256);
	});

	it.each(media)('%s: stalls after some bytes', async (server, get) => {
		sandbox.faults.add({ server, type: 'stall', afterBytes: 100 });
		const abort = new AbortController();
		const response = await get(sandbox, { signal: abort.signal });
		const reader = response.body?.getReader();
		let received = 0;
		while (received < 100) {
			received += (await reader?.read())?.value?.length ?? 0;
		}
		const next = reader?.read();
		const outcome = await Promise.race([next, new Promise((resolve) => setTimeout(() => resolve('stalled'), 150))]);
		expect([received, outcome]).toEqual([100, 'stalled']);
		abort.abort();
		await next?.catch(() => undefined);
	});

	it.each(media)('%s: sends chunked without Content-Length, slowly, or with extra bytes', async (server, get) => {
		sandbox.faults.add({ server, type: 'no-content-length' });
		const chunked = await get(sandbox);
		expect(chunked.headers.get('content-length')).toBeNull();
		expect(sha256(mediaBytes(server, Buffer.from(await chunked.arrayBuffer())))).toBe(sandbox.media.get('image').sha256);
		sandbox.faults.add({ server, type: 'slow', bytesPerSecond: 4 * 1024 * 1024 });
		const slow = Buffer.from(await (await get(sandbox)).arrayBuffer());
		expect(sha256(mediaBytes(server, slow))).toBe(sandbox.media.get('image').sha256);
		sandbox.faults.add({ server, type: 'extra-bytes', count: 10 });
		const over = await get(sandbox);
		const declared = Number(over.headers.get('content-length'));
		const { bytes } = await readUntilEnd(over);
		expect(bytes.length).toBe(declared);
		expect(sandbox.faults.list()).toEqual([]);
	});

	it('redirects the media host to another origin', async () => {
		const target = sandbox.storageLink('image');
		sandbox.faults.add({ server: 'metaMedia', type: 'redirect', location: target });
		const response = await fetch(sandbox.meta.mediaUrl('image'), {
			headers: { authorization: `Bearer ${sandbox.meta.accessToken}` },
			redirect: 'manual',
		});
		expect([response.status, response.headers.get('location')]).toEqual([302, target]);
	});
});
