import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GreenApiWebhook, type Sandbox, specialMessages, startSandbox } from '../src/index.js';
import { downloadFile, sha256 } from './helpers.js';

describe('control API', () => {
	let sandbox: Sandbox;
	let control: (path: string, init?: RequestInit) => Promise<Response>;
	beforeAll(async () => {
		sandbox = await startSandbox();
		control = (path, init) => fetch(`${sandbox.controlUrl}${path}`, init);
	});
	afterAll(() => sandbox.close());

	it('describes the sandbox', async () => {
		const summary = (await (await control('/')).json()) as { media: unknown[] };
		expect(summary).toMatchObject({
			greenApi: sandbox.greenApi,
			multiSession: sandbox.multiSession,
			meta: {
				graphUrl: sandbox.meta.graphUrl,
				mediaHostUrl: sandbox.meta.mediaHostUrl,
				accessToken: sandbox.meta.accessToken,
				apiVersion: 'v25.0',
				phoneNumberId: sandbox.meta.phoneNumberId,
				errorMediaIds: { ...sandbox.meta.errorMediaIds },
			},
			waha: {
				serverUrl: sandbox.waha.serverUrl,
				apiKey: sandbox.waha.apiKey,
				session: 'default',
				filesLifetimeSeconds: 180,
				textMessageId: sandbox.waha.textMessageId,
			},
			evolution: {
				serverUrl: sandbox.evolution.serverUrl,
				apiKey: sandbox.evolution.apiKey,
				instance: 'sandbox',
				remoteJid: '79001234567@s.whatsapp.net',
				textMessageId: sandbox.evolution.textMessageId,
			},
			storageUrl: sandbox.storageUrl,
			chatId: '79001234567@c.us',
			specialMessages: { ...specialMessages },
		});
		expect(summary.media).toHaveLength(8);
	});

	it('lists its routes and fault types at GET /, as JSON or as text', async () => {
		const listing = (await (await control('/')).json()) as {
			routes: { method: string; path: string; summary: string }[];
			faultTypes: { type: string; example: unknown }[];
		};
		const routes = listing.routes.map((route) => `${route.method} ${route.path}`);
		expect(routes).toEqual(expect.arrayContaining(['GET /', 'GET /faults', 'POST /faults', 'DELETE /faults', 'GET /links/:id']));
		expect(listing.routes.every((route) => route.summary.length > 0)).toBe(true);
		expect(listing.faultTypes.map((entry) => entry.type)).toEqual(
			expect.arrayContaining(['status', 'reset', 'slow', 'partial-to-plain', 'changing-etag', 'echo', 'content-disposition-echo']),
		);
		for (const { example } of listing.faultTypes) {
			const posted = await control('/faults', { method: 'POST', body: JSON.stringify(example) });
			expect(posted.status).toBe(201);
		}
		await control('/faults', { method: 'DELETE' });
		const text = await control('/', { headers: { accept: 'text/plain' } });
		expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		const page = await text.text();
		expect(page).toMatch(/^ {2}GET {4}\/links\/:id +a fresh storage link/m);
		expect(page).toMatch(/^ {2}DELETE \/faults +remove every fault$/m);
		expect(page).toContain('  changing-etag             {"server":"storage","type":"changing-etag","changeBytes":true,"times":2}');
		expect(page).toContain(`curl -X POST ${sandbox.controlUrl}/faults -d '`);
		const browser = await control('/', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
		expect(browser.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		await browser.text();
		const missing = await control('/faults/extra');
		expect([missing.status, ((await missing.json()) as { error: string }).error]).toEqual([
			404,
			'no route GET /faults/extra; GET / lists them',
		]);
	});

	it('adds, lists and clears faults, with Infinity as a string', async () => {
		const posted = await control('/faults', {
			method: 'POST',
			body: JSON.stringify([
				{ server: 'storage', type: 'status', status: 502, times: 'Infinity' },
				{ type: 'stall', afterBytes: 0 },
			]),
		});
		expect(posted.status).toBe(201);
		expect(await (await control('/faults')).json()).toEqual([
			{ server: 'storage', type: 'status', status: 502, times: 'Infinity' },
			{ type: 'stall', afterBytes: 0, times: 1 },
		]);
		expect(sandbox.faults.list()[0]?.times).toBe(Number.POSITIVE_INFINITY);
		expect((await fetch(sandbox.storageLink('image'))).status).toBe(502);
		expect((await control('/faults', { method: 'DELETE' })).status).toBe(204);
		expect(sandbox.faults.list()).toEqual([]);
		const invalid = await control('/faults', { method: 'POST', body: '{"type":"status"}' });
		expect(invalid.status).toBe(400);
		expect(((await invalid.json()) as { error: string }).error).toMatch(/status/);
	});

	it('lists and clears requests', async () => {
		await control('/requests', { method: 'DELETE' });
		await (await fetch(sandbox.storageLink('png'))).arrayBuffer();
		const records = (await (await control('/requests')).json()) as { server: string; status: number; time: number }[];
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({ server: 'storage', status: 200 });
		await control('/requests', { method: 'DELETE' });
		expect(sandbox.requests.list()).toEqual([]);
	});

	it('adds media and hands out links, expired or not', async () => {
		const added = await control('/media', { method: 'POST', body: JSON.stringify({ id: 'remote', kind: 'mp4', size: 70_000 }) });
		expect(added.status).toBe(201);
		const info = (await added.json()) as { idMessage: string; sha256: string };
		expect(info.sha256).toBe(sandbox.media.get('remote').sha256);
		const resolved = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: info.idMessage });
		expect(resolved.status).toBe(200);
		await resolved.arrayBuffer();
		const links = (await (await control('/links/remote')).json()) as { downloadUrl: string; multiSessionPath: string };
		expect(sha256(Buffer.from(await (await fetch(links.downloadUrl)).arrayBuffer()))).toBe(info.sha256);
		expect(links.multiSessionPath).toMatch(/^\/api\/media\/temp\/.+\.mp4\?expires=\d+$/);
		const expired = (await (await control('/links/remote?expired=1')).json()) as { downloadUrl: string };
		expect((await fetch(expired.downloadUrl)).status).toBe(403);
		expect((await control('/media', { method: 'POST', body: '{"id":"remote","kind":"mp4","size":1}' })).status).toBe(400);
		expect(((await (await control('/media')).json()) as unknown[]).length).toBe(9);
		expect((await control('/links/nope')).status).toBe(404);
	});

	it('serves webhook bodies of every kind', async () => {
		const webhook = await (await control('/webhooks/greenApi/image?typeWebhook=outgoingMessageReceived')).json();
		expect(webhook).toMatchObject({ typeWebhook: 'outgoingMessageReceived', idMessage: sandbox.media.get('image').idMessage });
		const notification = (await (await control('/webhooks/notification/image?downloadUrl=%7B%7BSWE002%7D%7D')).json()) as {
			body: GreenApiWebhook;
		};
		expect(notification.body.messageData.fileMessageData.downloadUrl).toBe('{{SWE002}}');
		const journal = (await (await control('/webhooks/journal/document?expired=1')).json()) as { downloadUrl: string };
		expect((await fetch(journal.downloadUrl)).status).toBe(403);
		const multiSession = await (await control('/webhooks/multiSession/voice')).json();
		expect(multiSession).toMatchObject({ session_id: 'sess-1', message_type: 'audio' });
		expect((await control('/webhooks/telegram/image')).status).toBe(404);
		expect((await control('/nowhere')).status).toBe(404);
	});
});
