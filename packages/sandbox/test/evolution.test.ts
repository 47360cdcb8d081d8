import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Base64JsonBody } from '../src/evolution/base64-json-body.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { MediaBody } from '../src/media/body.js';
import { readUntilEnd, sha256 } from './helpers.js';

interface EvolutionWebhook {
	event: string;
	instance: string;
	sender: string;
	server_url: string;
	apikey?: string;
	data: {
		key: { remoteJid: string; fromMe: boolean; id: string };
		messageType: string;
		messageTimestamp: number;
		message: Record<string, Record<string, unknown>> & { base64?: string; mediaUrl?: string };
	};
}

interface Base64Answer {
	mediaType: string;
	fileName: string;
	caption?: string;
	size: { fileLength: unknown; height?: number; width?: number };
	mimetype: string;
	base64: string;
	buffer: null;
}

/** The bytes of any of Evolution's three byte-field forms. */
function bytesOf(field: unknown): Buffer {
	if (typeof field === 'string') {
		return Buffer.from(field, 'base64');
	}
	const record = field as { type?: string; data?: number[] } & Record<string, number>;
	if (record.type === 'Buffer' && Array.isArray(record.data)) {
		return Buffer.from(record.data);
	}
	return Buffer.from(Object.keys(record).map((index) => record[index] ?? 0));
}

describe('Evolution API emulator', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.faults.clear();
		sandbox.clock.reset();
	});

	const getBase64 = (body: unknown, options: { instance?: string; apikey?: string | null } = {}): Promise<Response> => {
		const apikey = options.apikey === undefined ? sandbox.evolution.apiKey : options.apikey;
		return fetch(`${sandbox.evolution.serverUrl}/chat/getBase64FromMediaMessage/${options.instance ?? sandbox.evolution.instance}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(apikey === null ? {} : { apikey }) },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
	};
	const byId = (id: string): unknown => ({ message: { key: { id } } });
	const webhook = (id: string, options?: Parameters<Sandbox['webhooks']['evolution']>[1]): EvolutionWebhook =>
		sandbox.webhooks.evolution(id, options) as unknown as EvolutionWebhook;
	const expectError = async (response: Response, status: number, error: string, message: unknown): Promise<void> => {
		expect([response.status, await response.json()]).toEqual([status, { status, error, response: { message } }]);
	};

	it('hands out a key, an instance and ids', () => {
		expect(sandbox.evolution.apiKey).toMatch(/^[0-9A-F]{32}$/);
		expect(sandbox.evolution.instance).toBe('sandbox');
		expect(sandbox.evolution.remoteJid).toBe('79001234567@s.whatsapp.net');
		expect(sandbox.evolution.messageId('image')).toMatch(/^3EB0[0-9A-F]{18}$/);
		expect(sandbox.media.get('image').evolutionMessageId).toBe(sandbox.evolution.messageId('image'));
	});

	it('builds messages.upsert webhooks with fileSha256 as an index-keyed object by default', () => {
		const body = webhook('image');
		expect(body).toMatchObject({
			event: 'messages.upsert',
			instance: 'sandbox',
			sender: '79009876543@s.whatsapp.net',
			server_url: sandbox.evolution.serverUrl,
			data: {
				key: { remoteJid: '79001234567@s.whatsapp.net', fromMe: false, id: sandbox.evolution.messageId('image') },
				pushName: 'Sandbox Contact',
				messageType: 'imageMessage',
			},
		});
		expect(body).not.toHaveProperty('apikey');
		const image = body.data.message.imageMessage ?? {};
		expect(image).toMatchObject({ mimetype: 'image/jpeg', caption: 'Sandbox image', fileLength: '48213' });
		expect(String(image.url)).toMatch(/^https:\/\/mmg\.whatsapp\.net\.invalid\//);
		expect(Object.keys(image.fileSha256 as object)).toHaveLength(32);
		expect((image.fileSha256 as Record<string, number>)['0']).toBeTypeOf('number');
		expect(bytesOf(image.fileSha256).toString('hex')).toBe(sandbox.media.get('image').sha256);
		expect(body.data.message).not.toHaveProperty('base64');
		expect(body.data.message).not.toHaveProperty('mediaUrl');
	});

	it.each(['base64', 'buffer', 'indexed'] as const)('spells fileSha256 (and mediaKey) as %s', (form) => {
		const message = webhook('document', { fileSha256: form }).data.message.documentMessage ?? {};
		if (form === 'base64') {
			expect(message.fileSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		} else if (form === 'buffer') {
			expect(message.fileSha256).toMatchObject({ type: 'Buffer', data: expect.any(Array) });
		} else {
			expect(message.fileSha256).not.toHaveProperty('type');
		}
		expect(bytesOf(message.fileSha256).toString('hex')).toBe(sandbox.media.get('document').sha256);
		expect(bytesOf(message.mediaKey)).toHaveLength(32);
		expect(message).toMatchObject({ fileName: 'Счёт №42.pdf', mimetype: 'application/pdf' });
	});

	it('carries every media type, fileLength in three forms, the key on request', () => {
		const types = ['image', 'video', 'voice', 'document', 'sticker'].map((id) => webhook(id).data.messageType);
		expect(types).toEqual(['imageMessage', 'videoMessage', 'audioMessage', 'documentMessage', 'stickerMessage']);
		expect(webhook('voice').data.message.audioMessage).toMatchObject({ mimetype: 'audio/ogg; codecs=opus', ptt: true });
		expect(webhook('sticker').data.message.stickerMessage).toMatchObject({ mimetype: 'image/webp', isAnimated: false });
		expect(webhook('video', { fileLength: 'number' }).data.message.videoMessage?.fileLength).toBe(1_100_003);
		expect(webhook('video', { fileLength: 'long' }).data.message.videoMessage?.fileLength).toEqual({
			low: 1_100_003,
			high: 0,
			unsigned: true,
		});
		expect(webhook('video', { apikey: true }).apikey).toBe(sandbox.evolution.apiKey);
	});

	it('inlines the file as base64 and links it on the storage origin, needing no key', async () => {
		const body = webhook('png', { base64: true, mediaUrl: true });
		expect(sha256(Buffer.from(body.data.message.base64 ?? '', 'base64'))).toBe(sandbox.media.get('png').sha256);
		const url = body.data.message.mediaUrl ?? '';
		expect(new URL(url).origin).toBe(sandbox.storageUrl);
		sandbox.requests.clear();
		const response = await fetch(url);
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('png').sha256);
		expect(sandbox.requests.list()[0]?.headers.apikey).toBeUndefined();
		const expired = webhook('png', { mediaUrl: true, expired: true }).data.message.mediaUrl ?? '';
		expect((await fetch(expired)).status).toBe(403);
	});

	it('answers getBase64FromMediaMessage with 201 and the file as base64', async () => {
		const response = await getBase64(byId(sandbox.evolution.messageId('document')));
		expect([response.status, response.headers.get('content-type')]).toEqual([201, 'application/json; charset=utf-8']);
		const text = await response.text();
		expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
		const answer = JSON.parse(text) as Base64Answer;
		expect(Object.keys(answer)).toEqual(['mediaType', 'fileName', 'caption', 'size', 'mimetype', 'base64', 'buffer']);
		expect(answer).toMatchObject({
			mediaType: 'documentMessage',
			fileName: 'Счёт №42.pdf',
			caption: 'Sandbox document',
			size: { fileLength: { low: 101_347, high: 0, unsigned: true } },
			mimetype: 'application/pdf',
			buffer: null,
		});
		expect(sha256(Buffer.from(answer.base64, 'base64'))).toBe(sandbox.media.get('document').sha256);
	});

	it('names other files by message id and MIME type, and leaves out a missing caption', async () => {
		const voice = (await (await getBase64(byId(sandbox.evolution.messageId('voice')))).json()) as Base64Answer;
		expect(voice).toMatchObject({
			mediaType: 'audioMessage',
			fileName: `${sandbox.evolution.messageId('voice')}.oga`,
			mimetype: 'audio/ogg; codecs=opus',
		});
		expect(voice).not.toHaveProperty('caption');
		const image = (await (await getBase64(byId(sandbox.evolution.messageId('image')))).json()) as Base64Answer;
		expect(image).toMatchObject({ fileName: `${sandbox.evolution.messageId('image')}.jpeg`, size: { height: 1280, width: 960 } });
		const fromWebhook = webhook('sticker');
		const full = await getBase64({ message: { key: fromWebhook.data.key, message: fromWebhook.data.message }, convertToMp4: false });
		expect(sha256(Buffer.from(((await full.json()) as Base64Answer).base64, 'base64'))).toBe(sandbox.media.get('sticker').sha256);
	});

	it('streams the base64 of a large file with the right length and digest', async () => {
		const response = await getBase64(byId(sandbox.evolution.messageId('large')));
		const length = Number(response.headers.get('content-length'));
		expect(length).toBeGreaterThan((8 * 1024 * 1024 * 4) / 3);
		const hash = createHash('sha256');
		let received = 0;
		let carry = '';
		let inString = false;
		for await (const chunk of response.body ?? []) {
			received += chunk.length;
			let text = Buffer.from(chunk).toString('latin1');
			if (!inString) {
				const start = text.indexOf('"base64":"');
				if (start === -1) {
					continue;
				}
				inString = true;
				text = text.slice(start + '"base64":"'.length);
			}
			const end = text.indexOf('"');
			const piece = carry + (end === -1 ? text : text.slice(0, end));
			const whole = piece.length - (piece.length % 4);
			hash.update(Buffer.from(piece.slice(0, whole), 'base64'));
			carry = piece.slice(whole);
			if (end !== -1) {
				hash.update(Buffer.from(carry, 'base64'));
				carry = '';
				inString = false;
			}
		}
		expect(received).toBe(length);
		expect(hash.digest('hex')).toBe(sandbox.media.get('large').sha256);
	});

	it('checks the instance before the key, then the key, then the message', async () => {
		const id = byId(sandbox.evolution.messageId('image'));
		await expectError(await getBase64(id, { instance: 'other', apikey: null }), 404, 'Not Found', ['The "other" instance does not exist']);
		await expectError(await getBase64(id, { apikey: null }), 401, 'Unauthorized', 'Unauthorized');
		await expectError(await getBase64(id, { apikey: 'wrong' }), 401, 'Unauthorized', 'Unauthorized');
		await expectError(await getBase64(byId('3EB0FFFFFFFFFFFFFFFFFF')), 400, 'Bad Request', ['Message not found']);
		await expectError(await getBase64(byId(sandbox.media.get('image').metaMediaId)), 400, 'Bad Request', ['Message not found']);
		await expectError(await getBase64(byId(sandbox.evolution.textMessageId)), 400, 'Bad Request', ['The message is not of the media type']);
		const text = { message: { key: { id: sandbox.evolution.messageId('image') }, message: { conversation: 'hi' } } };
		await expectError(await getBase64(text), 400, 'Bad Request', ['The message is not of the media type']);
		await expectError(await getBase64({ message: {} }), 400, 'Bad Request', ['message.key.id is required']);
		const broken = await getBase64('{not json');
		expect([broken.status, ((await broken.json()) as { error: string }).error]).toEqual([400, 'Internal Server Error']);
		const other = await fetch(`${sandbox.evolution.serverUrl}/chat/findMessages/sandbox`, { method: 'POST' });
		await expectError(other, 404, 'Not Found', ['Cannot POST /chat/findMessages/sandbox']);
		const welcome = (await (await fetch(sandbox.evolution.serverUrl)).json()) as { message: string };
		expect(welcome.message).toBe('Welcome to the Evolution API, it is working!');
	});

	it('serves webhooks over the control API', async () => {
		const response = await fetch(`${sandbox.controlUrl}/webhooks/evolution/voice?fileSha256=buffer&fileLength=long&base64=1&mediaUrl=1`);
		const body = (await response.json()) as EvolutionWebhook;
		const audio = body.data.message.audioMessage ?? {};
		expect(audio.fileSha256).toMatchObject({ type: 'Buffer' });
		expect(audio.fileLength).toEqual({ low: 30_722, high: 0, unsigned: true });
		expect(sha256(Buffer.from(body.data.message.base64 ?? '', 'base64'))).toBe(sandbox.media.get('voice').sha256);
		expect(body.data.message.mediaUrl).toContain(sandbox.storageUrl);
		expect((await fetch(`${sandbox.controlUrl}/webhooks/evolution/voice?fileSha256=hex`)).status).toBe(400);
	});

	it('bends the base64 answer with stream faults, and leaves error answers alone', async () => {
		sandbox.faults.add({ server: 'evolution', type: 'truncate', afterBytes: 5000 });
		await expectError(await getBase64(byId('3EB0FFFFFFFFFFFFFFFFFF')), 400, 'Bad Request', ['Message not found']);
		expect(sandbox.faults.list()).toHaveLength(1);
		const cut = await readUntilEnd(await getBase64(byId(sandbox.evolution.messageId('video'))));
		expect([cut.bytes.length, cut.error !== undefined]).toEqual([5000, true]);
		sandbox.faults.add({ type: 'reset', afterBytes: 70_000 });
		const reset = await readUntilEnd(await getBase64(byId(sandbox.evolution.messageId('video'))));
		expect(reset.error).toBeDefined();
		expect(reset.bytes.length).toBeLessThanOrEqual(70_000);
		sandbox.faults.add({ server: 'evolution', type: 'rate-limit', retryAfter: 5 });
		const limited = await getBase64(byId(sandbox.evolution.messageId('image')));
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '5']);
		await limited.text();
		sandbox.faults.add({ server: 'evolution', type: 'status', status: 500 });
		expect((await getBase64(byId(sandbox.evolution.messageId('image')))).status).toBe(500);
		sandbox.faults.add({ server: 'evolution', type: 'echo', format: 'text' });
		expect(await (await getBase64(byId(sandbox.evolution.messageId('image')))).text()).toContain(sandbox.evolution.apiKey);
	});

	it('produces any byte range of a base64 answer without encoding what comes before it', () => {
		for (const size of [0, 1, 2, 3, 100, 49_153, 200_000]) {
			const media = new MediaBody(`range-${size}`, 'bytes', size);
			const body = new Base64JsonBody('{"base64":"', media, '"}');
			const whole = Buffer.from(`{"base64":"${media.slice(0, size).toString('base64')}"}`);
			expect(body.size).toBe(whole.length);
			expect(body.slice(0, body.size).equals(whole)).toBe(true);
			for (const [start, end] of [
				[0, 5],
				[10, 11],
				[12, 13],
				[11, 70_000],
				[65_541, 65_550],
				[body.size - 3, body.size],
			] as const) {
				const from = Math.min(start, body.size);
				const to = Math.min(end, body.size);
				expect(body.slice(from, to).equals(whole.subarray(from, to))).toBe(true);
			}
			for (const chunk of body.chunks(0, body.size)) {
				expect(chunk.length).toBeLessThanOrEqual(64 * 1024);
			}
		}
	});
});
