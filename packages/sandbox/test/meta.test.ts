import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metaErrorMediaIds, type Sandbox, startSandbox } from '../src/index.js';
import { readUntilEnd, sha256 } from './helpers.js';

interface GraphMedia {
	messaging_product: string;
	url: string;
	mime_type: string;
	sha256: string;
	file_size: string | number;
	id: string;
}

interface GraphError {
	error: { message: string; type: string; code: number; error_subcode?: number; error_data: unknown; fbtrace_id: string };
}

describe('Meta Cloud API emulators', () => {
	let sandbox: Sandbox;
	let bearer: { authorization: string };
	beforeAll(async () => {
		sandbox = await startSandbox();
		bearer = { authorization: `Bearer ${sandbox.meta.accessToken}` };
	});
	afterAll(() => sandbox.close());
	afterEach(() => {
		sandbox.faults.clear();
		sandbox.clock.reset();
	});

	const graph = (mediaId: string, headers: Record<string, string> = bearer, query = ''): Promise<Response> =>
		fetch(`${sandbox.meta.graphUrl}/${sandbox.meta.apiVersion}/${mediaId}${query}`, { headers });
	const lookup = async (id: string): Promise<GraphMedia> => (await (await graph(sandbox.meta.mediaId(id))).json()) as GraphMedia;
	const download = (url: string, headers: Record<string, string> = bearer): Promise<Response> => fetch(url, { headers });
	const expectGraphError = async (response: Response, status: number, code: number): Promise<GraphError> => {
		expect([response.status, response.headers.get('content-type')]).toEqual([status, 'application/json; charset=UTF-8']);
		const body = (await response.json()) as GraphError;
		expect(body.error).toMatchObject({ code, type: expect.any(String), message: expect.any(String) });
		expect(body.error.fbtrace_id).toMatch(/^A[\w-]{22}$/);
		expect(response.headers.get('x-fb-trace-id')).toBe(body.error.fbtrace_id);
		return body;
	};

	it('hands out credentials and ids', () => {
		expect(sandbox.meta.accessToken).toMatch(/^EAAG[A-Za-z0-9]{150}$/);
		expect(sandbox.meta.apiVersion).toBe('v25.0');
		expect(sandbox.meta.phoneNumberId).toMatch(/^[1-9]\d{14}$/);
		expect(sandbox.meta.mediaId('image')).toMatch(/^[1-9]\d{15}$/);
		expect(sandbox.media.get('image').metaMediaId).toBe(sandbox.meta.mediaId('image'));
		expect(new URL(sandbox.meta.mediaHostUrl).origin).not.toBe(new URL(sandbox.meta.graphUrl).origin);
	});

	it('describes a media by id, with a URL on the media host that serves its bytes with the same token', async () => {
		const response = await graph(sandbox.meta.mediaId('image'));
		expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
		const media = (await response.json()) as GraphMedia;
		expect(Object.keys(media)).toEqual(['messaging_product', 'url', 'mime_type', 'sha256', 'file_size', 'id']);
		expect(media).toMatchObject({
			messaging_product: 'whatsapp',
			mime_type: 'image/jpeg',
			sha256: sandbox.media.get('image').sha256,
			file_size: '48213',
			id: sandbox.meta.mediaId('image'),
		});
		expect(media.url).toMatch(/\/whatsapp_business\/attachments\/\?mid=\d{16}&ext=\d+&hash=[\w-]+$/);
		expect(new URL(media.url).origin).toBe(sandbox.meta.mediaHostUrl);
		const bytes = await download(media.url);
		expect([bytes.status, bytes.headers.get('content-type'), bytes.headers.get('content-length')]).toEqual([200, 'image/jpeg', '48213']);
		expect(sha256(Buffer.from(await bytes.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
	});

	it('labels voice notes with their codec and serves ranges', async () => {
		const media = await lookup('voice');
		expect(media.mime_type).toBe('audio/ogg; codecs=opus');
		const part = await download(media.url, { ...bearer, range: 'bytes=0-3' });
		expect([part.status, part.headers.get('content-range')]).toEqual([206, 'bytes 0-3/30722']);
		expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('OggS');
	});

	it('narrows the lookup to a phone number id', async () => {
		const id = sandbox.meta.mediaId('document');
		expect((await graph(id, bearer, `?phone_number_id=${sandbox.meta.phoneNumberId}`)).status).toBe(200);
		await expectGraphError(await graph(id, bearer, '?phone_number_id=100000000000001'), 400, 100);
	});

	it('refuses a missing or wrong token on both origins', async () => {
		await expectGraphError(await graph(sandbox.meta.mediaId('image'), {}), 401, 104);
		const wrong = await graph(sandbox.meta.mediaId('image'), { authorization: 'Bearer EAAGwrong' });
		const body = await expectGraphError(wrong, 401, 190);
		expect(body.error.type).toBe('OAuthException');
		expect(wrong.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
		const { url } = await lookup('image');
		await expectGraphError(await download(url, {}), 401, 104);
		await expectGraphError(await download(url, { authorization: 'Bearer EAAGwrong' }), 401, 190);
	});

	it('answers an unknown media id with code 100 "does not exist"', async () => {
		const body = await expectGraphError(await graph('1234567890123456'), 400, 100);
		expect(body.error).toMatchObject({ type: 'GraphMethodException', error_subcode: 33 });
		expect(body.error.message).toMatch(/^Unsupported get request\. Object with ID '1234567890123456' does not exist/);
		// Another gateway's id of the same media is not a Meta media id.
		await expectGraphError(await graph(sandbox.media.get('image').evolutionMessageId), 400, 100);
	});

	it.each([
		['permission', 403, 10],
		['apiPermission', 403, 200],
		['appRateLimit', 400, 4],
		['accountRateLimit', 400, 80007],
		['throughputLimit', 400, 130429],
		['unknownError', 500, 1],
		['serviceUnavailable', 503, 2],
	] as const)('answers the %s media id with status %i and code %i', async (name, status, code) => {
		expect(sandbox.meta.errorMediaIds[name]).toBe(metaErrorMediaIds[name]);
		const body = await expectGraphError(await graph(metaErrorMediaIds[name]), status, code);
		expect(body.error.error_data).toMatchObject({ messaging_product: 'whatsapp' });
	});

	it('answers unknown paths with code 2500 and other methods with code 100', async () => {
		await expectGraphError(await graph(`${sandbox.meta.mediaId('image')}/extra`), 400, 2500);
		const unversioned = await fetch(`${sandbox.meta.graphUrl}/latest/${sandbox.meta.mediaId('image')}`, { headers: bearer });
		await expectGraphError(unversioned, 400, 2500);
		const other = await fetch(`${sandbox.meta.graphUrl}/v19.0/${sandbox.meta.mediaId('image')}`, { headers: bearer });
		expect(other.status).toBe(200);
		await other.arrayBuffer();
		const remove = await fetch(`${sandbox.meta.graphUrl}/v25.0/${sandbox.meta.mediaId('image')}`, { method: 'DELETE', headers: bearer });
		await expectGraphError(remove, 400, 100);
	});

	it('expires a URL 5 minutes after it was issued, by the sandbox clock; a new lookup gives a fresh one', async () => {
		const { url } = await lookup('sticker');
		sandbox.clock.advance(4 * 60_000 + 58_000);
		const before = await download(url);
		expect(before.status).toBe(200);
		await before.arrayBuffer();
		sandbox.clock.advance(2000);
		const after = await download(url);
		expect([after.status, await after.text()]).toEqual([404, 'Not Found']);
		const fresh = await lookup('sticker');
		expect(fresh.url).not.toBe(url);
		const renewed = await download(fresh.url);
		expect(sha256(Buffer.from(await renewed.arrayBuffer()))).toBe(sandbox.media.get('sticker').sha256);
	});

	it('builds expired URLs, and refuses altered ones', async () => {
		expect((await download(sandbox.meta.mediaUrl('image', { expired: true }))).status).toBe(404);
		const url = new URL(sandbox.meta.mediaUrl('image'));
		url.searchParams.set('ext', String(Number(url.searchParams.get('ext')) + 3600));
		expect((await download(url.href)).status).toBe(404);
		const other = new URL(sandbox.meta.mediaUrl('image'));
		other.searchParams.set('mid', sandbox.meta.mediaId('video'));
		expect((await download(other.href)).status).toBe(404);
		expect((await download(`${sandbox.meta.mediaHostUrl}/elsewhere`)).status).toBe(404);
	});

	it('spells sha256 as base64 or hex per media, and lies about sha256 and file_size on request', async () => {
		const real = sandbox.media.get('png').sha256;
		try {
			sandbox.meta.setMedia('png', { sha256: 'base64' });
			const base64 = await lookup('png');
			expect(base64.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
			expect(Buffer.from(base64.sha256, 'base64').toString('hex')).toBe(real);
			expect(sandbox.meta.setMedia('png', { sha256Mismatch: true, fileSize: 'number', fileSizeMismatch: true })).toEqual({
				sha256: 'base64',
				sha256Mismatch: true,
				fileSize: 'number',
				fileSizeMismatch: true,
			});
			const lying = await lookup('png');
			expect(Buffer.from(lying.sha256, 'base64').toString('hex')).not.toBe(real);
			expect(lying.file_size).toBe(20_518);
			const bytes = Buffer.from(await (await download(lying.url)).arrayBuffer());
			expect([bytes.length, sha256(bytes)]).toEqual([20_517, real]);
			sandbox.meta.setMedia('png', { sha256: 'hex' });
			expect((await lookup('png')).sha256).toMatch(/^[0-9a-f]{64}$/);
			expect(() => sandbox.meta.setMedia('png', { sha256: 'b64' as 'hex' })).toThrow(/sha256 must be one of/);
			expect(() => sandbox.meta.setMedia('nope', {})).toThrow(/unknown media id/);
		} finally {
			sandbox.meta.setMedia('png', { sha256: 'hex', sha256Mismatch: false, fileSize: 'string', fileSizeMismatch: false });
		}
	});

	it('switches the Graph answer and moves the clock over the control API', async () => {
		const control = (path: string, body?: unknown): Promise<Response> =>
			fetch(`${sandbox.controlUrl}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
		const set = await control('/meta/media/video', { sha256Mismatch: true });
		expect(await set.json()).toEqual({
			id: 'video',
			metaMediaId: sandbox.meta.mediaId('video'),
			messageId: sandbox.meta.messageId('video'),
			settings: { sha256Mismatch: true },
		});
		expect((await lookup('video')).sha256).not.toBe(sandbox.media.get('video').sha256);
		expect((await control('/meta/media/video', { sha256Mismatch: 'yes' })).status).toBe(400);
		expect((await control('/meta/media/nope', {})).status).toBe(404);
		await control('/meta/media/video', { sha256Mismatch: false });
		expect((await lookup('video')).sha256).toBe(sandbox.media.get('video').sha256);

		const { url } = await lookup('image');
		const advanced = (await (await control('/clock/advance', { seconds: 301 })).json()) as { now: number; offsetMs: number };
		expect(advanced.offsetMs).toBe(301_000);
		expect(Math.abs(advanced.now - (Date.now() + 301_000))).toBeLessThan(1000);
		expect((await download(url)).status).toBe(404);
		expect(((await (await control('/clock')).json()) as { offsetMs: number }).offsetMs).toBe(301_000);
		expect((await control('/clock/advance', { ms: -1 })).status).toBe(400);
		expect((await fetch(`${sandbox.controlUrl}/clock`, { method: 'DELETE' })).status).toBe(204);
		expect(sandbox.clock.offset()).toBe(0);
	});

	it('builds a webhook with several media messages whose ids the Graph API resolves', async () => {
		const webhook = sandbox.webhooks.meta(['image', 'video', 'voice', 'document', 'sticker'], { text: 'see these' }) as {
			object: string;
			entry: { id: string; changes: { field: string; value: Record<string, unknown> & { messages: Record<string, unknown>[] } }[] }[];
		};
		expect(webhook.object).toBe('whatsapp_business_account');
		const [entry] = webhook.entry;
		expect(entry?.id).toBe(sandbox.meta.wabaId);
		const change = entry?.changes[0];
		expect(change?.field).toBe('messages');
		expect(change?.value).toMatchObject({
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: '79009876543', phone_number_id: sandbox.meta.phoneNumberId },
			contacts: [{ profile: { name: 'Sandbox Contact' }, wa_id: '79001234567' }],
		});
		const messages = change?.value.messages ?? [];
		expect(messages.map((message) => message.type)).toEqual(['text', 'image', 'video', 'audio', 'document', 'sticker']);
		expect(messages[0]).toMatchObject({ from: '79001234567', text: { body: 'see these' } });
		expect(messages[1]).toMatchObject({
			from: '79001234567',
			id: sandbox.meta.messageId('image'),
			timestamp: expect.stringMatching(/^\d{10}$/),
			image: { caption: 'Sandbox image', mime_type: 'image/jpeg', id: sandbox.meta.mediaId('image') },
		});
		expect(messages[3]?.audio).toEqual({
			mime_type: 'audio/ogg; codecs=opus',
			sha256: Buffer.from(sandbox.media.get('voice').sha256, 'hex').toString('base64'),
			id: sandbox.meta.mediaId('voice'),
			voice: true,
		});
		expect(messages[4]?.document).toMatchObject({ filename: 'Счёт №42.pdf', mime_type: 'application/pdf', caption: 'Sandbox document' });
		expect(messages[5]?.sticker).toMatchObject({ mime_type: 'image/webp', animated: false });
		for (const message of messages.slice(1)) {
			const media = message[String(message.type)] as { id: string; sha256: string };
			expect(String(message.id)).toMatch(/^wamid\./);
			const described = (await (await graph(media.id)).json()) as GraphMedia;
			expect(described.sha256).toBe(Buffer.from(media.sha256, 'base64').toString('hex'));
		}
	});

	it('serves webhooks over the control API, with hex sha256 and media URLs on request', async () => {
		const response = await fetch(`${sandbox.controlUrl}/webhooks/meta/image,document?sha256=hex&withUrl=1`);
		const body = (await response.json()) as {
			entry: { changes: { value: { messages: Record<string, { sha256: string; url: string }>[] } }[] }[];
		};
		const messages = body.entry[0]?.changes[0]?.value.messages ?? [];
		expect(messages).toHaveLength(2);
		expect(messages[0]?.image?.sha256).toBe(sandbox.media.get('image').sha256);
		const bytes = await download(messages[1]?.document?.url ?? '');
		expect(sha256(Buffer.from(await bytes.arrayBuffer()))).toBe(sandbox.media.get('document').sha256);
		expect((await fetch(`${sandbox.controlUrl}/webhooks/meta/image,nope`)).status).toBe(404);
		expect((await fetch(`${sandbox.controlUrl}/webhooks/meta/image?sha256=b64`)).status).toBe(400);
		expect((await fetch(`${sandbox.controlUrl}/webhooks/greenApi/image,video`)).status).toBe(400);
	});

	it('takes a graph-error fault a given number of times, then answers normally', async () => {
		sandbox.faults.add({ server: 'meta', type: 'graph-error', code: 2, times: 2 });
		await expectGraphError(await graph(sandbox.meta.mediaId('image')), 503, 2);
		await expectGraphError(await graph(sandbox.meta.mediaId('image')), 503, 2);
		expect((await graph(sandbox.meta.mediaId('image'))).status).toBe(200);
		sandbox.faults.add({ server: 'meta', type: 'graph-error', code: 130429, status: 429, message: 'slow down' });
		const body = await expectGraphError(await graph(sandbox.meta.mediaId('image')), 429, 130429);
		expect(body.error.message).toBe('slow down');
	});

	it('applies the common faults: 429, 5xx and echo on the Graph API, body faults on the media host only', async () => {
		sandbox.faults.add({ server: 'meta', type: 'rate-limit', retryAfter: 3 });
		const limited = await graph(sandbox.meta.mediaId('image'));
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
		await limited.arrayBuffer();
		sandbox.faults.add({ server: 'metaMedia', type: 'status', status: 502 });
		const { url } = await lookup('image');
		expect((await download(url)).status).toBe(502);
		sandbox.faults.add({ server: 'meta', type: 'echo' });
		const echoed = await (await graph(sandbox.meta.mediaId('image'))).text();
		expect(echoed).toContain(sandbox.meta.accessToken);

		sandbox.faults.add({ type: 'truncate', afterBytes: 1000 });
		const described = await lookup('image');
		expect(described.id).toBe(sandbox.meta.mediaId('image'));
		const cut = await readUntilEnd(await download(described.url));
		expect([cut.bytes.length, cut.error !== undefined]).toEqual([1000, true]);
		expect(sandbox.faults.list()).toEqual([]);
	});

	it('bends the Graph answer with a stream fault that names it', async () => {
		sandbox.faults.add({ server: 'meta', type: 'truncate', afterBytes: 20 });
		const response = await graph(sandbox.meta.mediaId('image'));
		const { bytes, error } = await readUntilEnd(response);
		expect([response.status, bytes.length, error !== undefined]).toEqual([200, 20, true]);
		expect(sandbox.requests.list().at(-1)).toMatchObject({ server: 'meta', status: 200 });
	});
});
