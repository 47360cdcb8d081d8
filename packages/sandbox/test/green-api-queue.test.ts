import { afterEach, describe, expect, it } from 'vitest';
import { type GreenApiWebhook, type Sandbox, type SandboxOptions, specialMessages, startSandbox } from '../src/index.js';
import { delay, downloadFile, sha256 } from './helpers.js';

type Notification = { receiptId: number; body: GreenApiWebhook & Record<string, unknown> } | null;

describe('Green-API notification queue and journals', () => {
	let sandbox: Sandbox;
	const open = async (options?: SandboxOptions): Promise<Sandbox> => {
		sandbox = await startSandbox(options);
		return sandbox;
	};
	afterEach(() => sandbox.close());

	const methodUrl = (method: string, rest = ''): string => {
		const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
		return `${apiUrl}/waInstance${idInstance}/${method}/${apiTokenInstance}${rest}`;
	};
	const receive = async (query = ''): Promise<Notification> => {
		const response = await fetch(methodUrl('receiveNotification', query));
		expect(response.status).toBe(200);
		return (await response.json()) as Notification;
	};
	const remove = async (receiptId: number | string): Promise<unknown> => {
		const response = await fetch(methodUrl('deleteNotification', `/${receiptId}`), { method: 'DELETE' });
		return [response.status, await response.json()];
	};
	const getJson = async (method: string, query = ''): Promise<[number, unknown]> => {
		const response = await fetch(methodUrl(method, query));
		return [response.status, await response.json()];
	};
	const chatHistory = async (body: unknown): Promise<[number, unknown]> => {
		const response = await fetch(methodUrl('getChatHistory'), { method: 'POST', body: JSON.stringify(body) });
		return [response.status, response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text()];
	};
	const fileBytes = async (url: string): Promise<string> => sha256(Buffer.from(await (await fetch(url)).arrayBuffer()));

	it('hands out the head again until it is deleted, then the next, in order', async () => {
		await open();
		sandbox.notifications.enqueue({ type: 'file', media: 'image' });
		sandbox.notifications.enqueue({ type: 'text', text: 'hello' });
		sandbox.notifications.enqueue({ type: 'status', status: 'read' });
		const first = await receive();
		expect(first?.receiptId).toBe(1);
		expect(first?.body.messageData.fileMessageData.mimeType).toBe('image/jpeg');
		expect(await fileBytes(first?.body.messageData.fileMessageData.downloadUrl ?? '')).toBe(sandbox.media.get('image').sha256);
		expect((await receive())?.receiptId).toBe(1);
		expect(sandbox.notifications.list().map((item) => [item.receiptId, item.deliveries, item.status])).toEqual([
			[1, 2, 'queued'],
			[2, 0, 'queued'],
			[3, 0, 'queued'],
		]);
		expect(await remove(3)).toEqual([200, { result: false }]);
		expect(await remove(1)).toEqual([200, { result: true }]);
		expect(await remove(1)).toEqual([200, { result: false }]);
		expect(await remove(99)).toEqual([200, { result: false }]);
		expect(await remove('abc')).toEqual([400, { message: 'Parameter receiptId must be a Number' }]);
		const second = await receive();
		expect([second?.receiptId, second?.body.messageData]).toEqual([
			2,
			{ typeMessage: 'textMessage', textMessageData: { textMessage: 'hello' } },
		]);
		expect(await remove(2)).toEqual([200, { result: true }]);
		expect((await receive())?.body).toMatchObject({ typeWebhook: 'outgoingMessageStatus', status: 'read', sendByApi: true });
		expect(await remove(3)).toEqual([200, { result: true }]);
		expect(await receive('?receiveTimeout=5')).toBeNull();
		expect(sandbox.notifications.history().map((item) => [item.receiptId, item.status, item.media])).toEqual([
			[1, 'deleted', 'image'],
			[2, 'deleted', undefined],
			[3, 'deleted', undefined],
		]);
	});

	it('waits on an empty queue and answers as soon as a notification arrives', async () => {
		await open({ longPollMs: 20_000 });
		const pending = receive('?receiveTimeout=20');
		await delay(100);
		sandbox.notifications.enqueue({ type: 'file', media: 'document' });
		expect((await pending)?.receiptId).toBe(1);
	});

	it('answers null after the long poll, and hands nothing to a client that left', async () => {
		await open({ longPollMs: 20_000 });
		const leaving = new AbortController();
		const gone = fetch(methodUrl('receiveNotification'), { signal: leaving.signal });
		await delay(100);
		leaving.abort();
		await expect(gone).rejects.toThrow();
		await delay(50);
		sandbox.notifications.enqueue({ type: 'text', text: 'later' });
		await delay(50);
		expect(sandbox.notifications.list()[0]?.deliveries).toBe(0);
		await sandbox.close();
		await open({ longPollMs: 50 });
		expect(await receive('?receiveTimeout=60')).toBeNull();
	});

	it('checks receiveTimeout like Green-API: 5 to 60 seconds', async () => {
		await open();
		expect(await getJson('receiveNotification', '?receiveTimeout=4')).toEqual([
			400,
			{ message: "Validation failed. Details: 'receiveTimeout' must be greater than or equal to 5" },
		]);
		expect((await getJson('receiveNotification', '?receiveTimeout=61'))[0]).toBe(400);
		expect((await getJson('receiveNotification', '?receiveTimeout=soon'))[0]).toBe(400);
		expect((await fetch(methodUrl('receiveNotification'), { method: 'POST' })).status).toBe(404);
		expect((await fetch(methodUrl('deleteNotification'), { method: 'DELETE' })).status).toBe(404);
	});

	it('builds file notifications of every type and direction, whose links download the catalog bytes', async () => {
		await open();
		const types: Record<string, string> = {
			image: 'imageMessage',
			document: 'documentMessage',
			voice: 'audioMessage',
			video: 'videoMessage',
			sticker: 'stickerMessage',
		};
		for (const media of Object.keys(types)) {
			sandbox.notifications.enqueue({ type: 'file', media });
		}
		sandbox.notifications.enqueue({ type: 'file', media: 'png', direction: 'outgoing' });
		sandbox.notifications.enqueue({ type: 'file', media: 'png', direction: 'outgoingApi', caption: 'sent' });
		const bodies = sandbox.notifications.list().map((item) => item.body as GreenApiWebhook);
		const ids = new Set(bodies.map((body) => body.idMessage));
		expect(ids.size).toBe(7);
		for (const [index, media] of Object.keys(types).entries()) {
			const body = bodies[index];
			expect(body?.typeWebhook).toBe('incomingMessageReceived');
			expect(body?.messageData.typeMessage).toBe(types[media]);
			expect(body?.idMessage).toMatch(/^[0-9A-F]{32}$/);
			expect(await fileBytes(body?.messageData.fileMessageData.downloadUrl ?? '')).toBe(sandbox.media.get(media).sha256);
		}
		expect(bodies[4]?.messageData.fileMessageData.isAnimated).toBe(false);
		expect(bodies[5]).toMatchObject({
			typeWebhook: 'outgoingMessageReceived',
			senderData: { chatId: sandbox.chatId, sender: '79009876543@c.us' },
		});
		expect(bodies[5]?.idMessage).toMatch(/^3EB0[0-9A-F]{18}$/);
		expect(bodies[6]).toMatchObject({ typeWebhook: 'outgoingAPIMessageReceived', messageData: { fileMessageData: { caption: 'sent' } } });
		expect(bodies[6]?.idMessage).toMatch(/^BAE5[0-9A-F]{12}$/);
	});

	it('builds text, status, state and raw notifications', async () => {
		await open();
		sandbox.notifications.enqueue({ type: 'text', text: '{{SWE001}}', idMessage: 'AAAA' });
		sandbox.notifications.enqueue({ type: 'status', idMessage: 'BAE5X', status: 'failed', description: 'SWE004: too many participants' });
		sandbox.notifications.enqueue({ type: 'state', stateInstance: 'notAuthorized' });
		sandbox.notifications.enqueue({ type: 'raw', body: { typeWebhook: 'incomingCall', from: '79001234567@c.us' } });
		const [text, status, state, raw] = sandbox.notifications.list().map((item) => item.body);
		expect(text).toMatchObject({
			typeWebhook: 'incomingMessageReceived',
			idMessage: 'AAAA',
			instanceData: { idInstance: 1101000001, wid: '79009876543@c.us', typeInstance: 'whatsapp' },
			senderData: { chatId: sandbox.chatId, sender: sandbox.chatId },
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: '{{SWE001}}' } },
		});
		expect(status).toMatchObject({
			typeWebhook: 'outgoingMessageStatus',
			chatId: sandbox.chatId,
			idMessage: 'BAE5X',
			status: 'failed',
			description: 'SWE004: too many participants',
			sendByApi: true,
		});
		expect(state).toMatchObject({ typeWebhook: 'stateInstanceChanged', stateInstance: 'notAuthorized' });
		expect(raw).toEqual({ typeWebhook: 'incomingCall', from: '79001234567@c.us' });
		expect(() => sandbox.notifications.enqueue({ type: 'file', media: 'nope' })).toThrow(/unknown media id/);
		expect(() => sandbox.notifications.enqueue({ type: 'status', status: 'lost' as never })).toThrow(/status must be/);
	});

	it('lets downloadFile resolve queued messages, and answers text and special ones with their failures', async () => {
		await open();
		const video = sandbox.notifications.enqueue({ type: 'file', media: 'video', downloadUrl: '' }).body as GreenApiWebhook;
		const text = sandbox.notifications.enqueue({ type: 'text', text: 'no file' }).body as GreenApiWebhook;
		const gone = sandbox.notifications.enqueue({ type: 'file', media: 'image', downloadFile: 'unavailable' }).body as GreenApiWebhook;
		const other = sandbox.notifications.enqueue({ type: 'file', media: 'png', chatId: '120363000000000000@g.us' }).body as GreenApiWebhook;
		const resolved = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: video.idMessage });
		const { downloadUrl } = (await resolved.json()) as { downloadUrl: string };
		expect(await fileBytes(downloadUrl)).toBe(sandbox.media.get('video').sha256);
		const noFile = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: text.idMessage });
		expect([noFile.status, await noFile.json()]).toEqual([
			400,
			`File message encrypted url not found by chatId ${sandbox.chatId} and idMessage ${text.idMessage}`,
		]);
		expect((await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: gone.idMessage })).status).toBe(500);
		expect((await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: other.idMessage })).status).toBe(400);
		const group = await downloadFile(sandbox, { chatId: '120363000000000000@g.us', idMessage: other.idMessage });
		expect(await fileBytes(((await group.json()) as { downloadUrl: string }).downloadUrl)).toBe(sandbox.media.get('png').sha256);
	});

	it('journals enqueued messages and answers lastIncomingMessages / lastOutgoingMessages by time, newest first', async () => {
		await open({ rateLimits: { lastIncomingMessages: 0, lastOutgoingMessages: 0 } });
		const now = Math.floor(Date.now() / 1000);
		sandbox.notifications.enqueue({ type: 'file', media: 'document', timestamp: now - 600 });
		sandbox.notifications.enqueue({ type: 'file', media: 'image', timestamp: now - 60 });
		sandbox.notifications.enqueue({ type: 'text', text: 'not journaled', journal: false });
		sandbox.notifications.enqueue({ type: 'file', media: 'video', direction: 'outgoingApi', timestamp: now - 30 });
		sandbox.journal.add({ type: 'file', media: 'sticker', timestamp: now - 3 * 86_400 });
		const [status, incoming] = (await getJson('lastIncomingMessages')) as [number, Record<string, unknown>[]];
		expect(status).toBe(200);
		expect(incoming.map((item) => item.typeMessage)).toEqual(['imageMessage', 'documentMessage']);
		expect(incoming[0]).toMatchObject({
			type: 'incoming',
			chatId: sandbox.chatId,
			senderId: sandbox.chatId,
			senderName: 'Sandbox Contact',
			mimeType: 'image/jpeg',
			timestamp: now - 60,
		});
		expect(incoming[0]).not.toHaveProperty('messageData');
		expect(await fileBytes(String(incoming[1]?.downloadUrl))).toBe(sandbox.media.get('document').sha256);
		const [, recent] = (await getJson('lastIncomingMessages', '?minutes=5')) as [number, Record<string, unknown>[]];
		expect(recent.map((item) => item.typeMessage)).toEqual(['imageMessage']);
		const [, week] = (await getJson('lastIncomingMessages', '?minutes=10080')) as [number, Record<string, unknown>[]];
		expect(week.map((item) => item.typeMessage)).toEqual(['imageMessage', 'documentMessage', 'stickerMessage']);
		const [, outgoing] = (await getJson('lastOutgoingMessages')) as [number, Record<string, unknown>[]];
		expect(outgoing).toEqual([
			expect.objectContaining({ type: 'outgoing', typeMessage: 'videoMessage', sendByApi: true, statusMessage: 'read' }),
		]);
		expect((await getJson('lastIncomingMessages', '?minutes=-1'))[0]).toBe(400);
	});

	it('keeps empty and {{SWE…}} links in the journal, and fills an empty one once downloadFile ran', async () => {
		await open({ rateLimits: { lastIncomingMessages: 0 } });
		const empty = sandbox.journal.add({ type: 'file', media: 'voice', downloadUrl: '' });
		sandbox.journal.add({ type: 'file', media: 'large', downloadUrl: '{{SWE002}}' });
		sandbox.journal.add({ type: 'file', media: 'png', expired: true });
		const [, items] = (await getJson('lastIncomingMessages')) as [number, Record<string, unknown>[]];
		expect(items.map((item) => item.downloadUrl).slice(0, 2)).toEqual(['', '{{SWE002}}']);
		expect((await fetch(String(items[2]?.downloadUrl))).status).toBe(403);
		const resolved = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: String(empty.idMessage) });
		const { downloadUrl } = (await resolved.json()) as { downloadUrl: string };
		expect(await fileBytes(downloadUrl)).toBe(sandbox.media.get('voice').sha256);
		const [, after] = (await getJson('lastIncomingMessages')) as [number, Record<string, unknown>[]];
		expect(after.find((item) => item.idMessage === empty.idMessage)?.downloadUrl).toBe(downloadUrl);
	});

	it('answers getChatHistory per chat, newest first, up to count, and validates the body', async () => {
		await open({ rateLimits: { getChatHistory: 0 } });
		const group = '120363000000000000@g.us';
		const now = Math.floor(Date.now() / 1000);
		sandbox.journal.add({ type: 'file', media: 'image', timestamp: now - 30 });
		sandbox.journal.add({ type: 'text', text: 'reply', direction: 'outgoing', timestamp: now - 20 });
		sandbox.journal.add({ type: 'file', media: 'document', chatId: group, timestamp: now - 10 });
		sandbox.journal.add({ type: 'raw', item: { type: 'outgoing', typeMessage: '' } });
		const [status, history] = (await chatHistory({ chatId: sandbox.chatId, count: 10 })) as [number, Record<string, unknown>[]];
		expect(status).toBe(200);
		expect(history.map((item) => item.typeMessage)).toEqual(['textMessage', 'imageMessage', '']);
		expect(history[0]).toMatchObject({ type: 'outgoing', textMessage: 'reply', sendByApi: false });
		const [, newest] = (await chatHistory({ chatId: sandbox.chatId, count: 1 })) as [number, Record<string, unknown>[]];
		expect(newest).toHaveLength(1);
		const [, inGroup] = (await chatHistory({ chatId: group })) as [number, Record<string, unknown>[]];
		expect(inGroup.map((item) => item.typeMessage)).toEqual(['documentMessage', '']);
		expect(await chatHistory({ count: 1 })).toEqual([400, { message: "Validation failed. Details: 'chatId' is required" }]);
		expect((await chatHistory({ chatId: 'bad' }))[0]).toBe(400);
		expect((await chatHistory({ chatId: sandbox.chatId, count: 0 }))[0]).toBe(400);
		expect(await chatHistory({ chatId: sandbox.chatId, page: 2 })).toEqual([
			400,
			{ message: "Validation failed. Details: 'page' is not allowed" },
		]);
	});

	it('switches getStateInstance and getSettings, and refuses the queue while not authorized', async () => {
		await open({ rateLimits: { getStateInstance: 0, getSettings: 0 } });
		expect(await getJson('getStateInstance')).toEqual([200, { stateInstance: 'authorized' }]);
		const [, settings] = (await getJson('getSettings')) as [number, Record<string, unknown>];
		expect(settings).toMatchObject({ wid: '79009876543@c.us', webhookUrl: '', incomingWebhook: 'yes', outgoingAPIMessageWebhook: 'yes' });
		sandbox.instance.setSettings({ webhookUrl: 'https://example.com/hook' });
		expect(((await getJson('getSettings'))[1] as Record<string, unknown>).webhookUrl).toBe('https://example.com/hook');
		sandbox.notifications.enqueue({ type: 'text', text: 'waiting' });
		sandbox.instance.setState('starting');
		expect(await getJson('getStateInstance')).toEqual([200, { stateInstance: 'starting' }]);
		expect(await getJson('receiveNotification')).toEqual([400, { message: 'instance in starting process try later' }]);
		sandbox.instance.setState('notAuthorized');
		expect(await getJson('lastIncomingMessages')).toEqual([400, { message: 'instance is starting or not authorized' }]);
		const download = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: sandbox.media.get('image').idMessage });
		expect(download.status).toBe(400);
		await download.text();
		sandbox.instance.setState('authorized');
		expect((await receive())?.receiptId).toBe(1);
	});

	it('keeps the documented limits per method', async () => {
		await open();
		expect((await getJson('getSettings'))[0]).toBe(200);
		expect((await fetch(methodUrl('getSettings'))).status).toBe(429);
		expect((await getJson('getStateInstance'))[0]).toBe(200);
		expect((await fetch(methodUrl('getStateInstance'))).status).toBe(429);
		expect((await getJson('lastIncomingMessages'))[0]).toBe(200);
		expect((await fetch(methodUrl('lastIncomingMessages'))).status).toBe(429);
		expect((await chatHistory({ chatId: sandbox.chatId }))[0]).toBe(200);
		expect((await chatHistory({ chatId: sandbox.chatId }))[0]).toBe(429);
		sandbox.notifications.enqueue({ type: 'text', text: 'x' });
		const statuses = await Promise.all(
			Array.from({ length: 101 }, async () => {
				const response = await fetch(methodUrl('receiveNotification'));
				await response.arrayBuffer();
				return response.status;
			}),
		);
		expect(statuses.filter((status) => status === 429)).toHaveLength(1);
		expect(sandbox.notifications.list()[0]?.deliveries).toBe(100);
	});

	it('applies faults to each method: statuses, a failing delete, an answer lost after the delete', async () => {
		await open();
		sandbox.notifications.enqueue({ type: 'file', media: 'image' });
		sandbox.faults.add({ server: 'api', path: 'receiveNotification', type: 'status', status: 502 });
		expect((await fetch(methodUrl('receiveNotification'))).status).toBe(502);
		expect(sandbox.notifications.list()[0]?.deliveries).toBe(0);
		expect((await receive())?.receiptId).toBe(1);
		sandbox.faults.add({ server: 'api', path: 'deleteNotification', type: 'json', body: { result: false } });
		expect(await remove(1)).toEqual([200, { result: false }]);
		expect(sandbox.notifications.list()).toHaveLength(1);
		sandbox.faults.add({ server: 'api', path: 'deleteNotification', type: 'reset', afterBytes: 0 });
		const lost = fetch(methodUrl('deleteNotification', '/1'), { method: 'DELETE' }).then((response) => response.json());
		await expect(lost).rejects.toThrow();
		expect(sandbox.notifications.history()[0]?.status).toBe('deleted');
		sandbox.faults.add({ server: 'api', path: 'getChatHistory', type: 'rate-limit' });
		expect((await chatHistory({ chatId: sandbox.chatId }))[0]).toBe(429);
		expect(sandbox.requests.list().map((record) => record.path)).toContain(
			`/waInstance${sandbox.greenApi.idInstance}/deleteNotification/<token>/1`,
		);
		expect(JSON.stringify(sandbox.requests.list())).not.toContain(sandbox.greenApi.apiTokenInstance);
	});

	it('keeps stream faults without server "api" off Green-API', async () => {
		await open();
		sandbox.faults.add({ type: 'reset', afterBytes: 0 });
		expect(await getJson('getStateInstance')).toEqual([200, { stateInstance: 'authorized' }]);
		expect(sandbox.faults.list()).toHaveLength(1);
		expect(specialMessages.noMedia).toMatch(/^BAE5/);
	});

	it('takes notifications, journal items and instance switches through the control API', async () => {
		await open();
		const control = (path: string, init?: RequestInit): Promise<Response> => fetch(`${sandbox.controlUrl}${path}`, init);
		const posted = await control('/notifications', {
			method: 'POST',
			body: JSON.stringify([
				{ type: 'file', media: 'document', downloadUrl: '{{SWE002}}' },
				{ type: 'text', text: 'hi', direction: 'outgoing' },
				{ type: 'status' },
			]),
		});
		expect(posted.status).toBe(201);
		expect(((await posted.json()) as { receiptId: number }[]).map((item) => item.receiptId)).toEqual([1, 2, 3]);
		expect(((await (await control('/notifications')).json()) as unknown[]).length).toBe(3);
		expect((await control('/notifications', { method: 'DELETE' })).status).toBe(204);
		expect(await (await control('/notifications')).json()).toEqual([]);
		const all = (await (await control('/notifications?all=1')).json()) as { status: string }[];
		expect(all.map((item) => item.status)).toEqual(['cleared', 'cleared', 'cleared']);
		const journal = await control('/journal', { method: 'POST', body: JSON.stringify({ type: 'file', media: 'video', downloadUrl: '' }) });
		expect(((await journal.json()) as { downloadUrl: string }[])[0]?.downloadUrl).toBe('');
		expect(((await (await control('/journal')).json()) as unknown[]).length).toBe(3);
		const switched = await control('/instance', {
			method: 'POST',
			body: JSON.stringify({ stateInstance: 'notAuthorized', settings: { webhookUrl: 'https://example.com/hook' } }),
		});
		expect(await switched.json()).toMatchObject({ stateInstance: 'notAuthorized', settings: { webhookUrl: 'https://example.com/hook' } });
		expect(sandbox.instance.state()).toBe('notAuthorized');
		expect(((await (await control('/instance')).json()) as { stateInstance: string }).stateInstance).toBe('notAuthorized');
		for (const [path, body, error] of [
			['/notifications', { type: 'file' }, /media/],
			['/notifications', { type: 'fax' }, /unknown type/],
			['/journal', { type: 'status' }, /unknown type/],
			['/instance', { stateInstance: 'asleep' }, /stateInstance/],
		] as const) {
			const refused = await control(path, { method: 'POST', body: JSON.stringify(body) });
			expect(refused.status).toBe(400);
			expect(((await refused.json()) as { error: string }).error).toMatch(error);
		}
	});
});
