import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, specialMessages, startSandbox } from '../src/index.js';
import { delay, downloadFile, sha256 } from './helpers.js';

describe('Green-API emulator', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	const request = (idMessage: string): { chatId: string; idMessage: string } => ({ chatId: sandbox.chatId, idMessage });

	it('resolves a message to a fresh presigned link whose bytes match', async () => {
		const image = sandbox.media.get('image');
		const response = await downloadFile(sandbox, request(image.idMessage));
		expect(response.status).toBe(200);
		const { downloadUrl } = (await response.json()) as { downloadUrl: string };
		expect(downloadUrl).toMatch(
			new RegExp(
				`^${sandbox.storageUrl}/sw-media/${sandbox.greenApi.idInstance}/a6679d42-2f7f-4121-acfe-1f993dfcf123\\.jpg\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=\\d{8}T\\d{6}Z&X-Amz-Expires=3600&X-Amz-Signature=[0-9a-f]{64}$`,
			),
		);
		const media = await fetch(downloadUrl);
		expect(sha256(Buffer.from(await media.arrayBuffer()))).toBe(image.sha256);
	});

	it('accepts the method name in any case and answers getStateInstance', async () => {
		const response = await downloadFile(sandbox, request(sandbox.media.get('video').idMessage), 'DownloadFile');
		expect(response.status).toBe(200);
		const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
		const state = await fetch(`${apiUrl}/waInstance${idInstance}/getStateInstance/${apiTokenInstance}`);
		expect(await state.json()).toEqual({ stateInstance: 'authorized' });
	});

	it('answers 401 for a wrong token, 403 for a wrong instance, 404 for GET', async () => {
		const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
		const body = JSON.stringify(request(sandbox.media.get('image').idMessage));
		const wrongToken = await fetch(`${apiUrl}/waInstance${idInstance}/downloadFile/${'0'.repeat(50)}`, { method: 'POST', body });
		expect([wrongToken.status, await wrongToken.text()]).toEqual([401, 'Unauthorized']);
		const wrongInstance = await fetch(`${apiUrl}/waInstance1234/downloadFile/${apiTokenInstance}`, { method: 'POST', body });
		expect([wrongInstance.status, await wrongInstance.text()]).toEqual([403, 'Forbidden']);
		const get = await fetch(`${apiUrl}/waInstance${idInstance}/downloadFile/${apiTokenInstance}`);
		expect([get.status, await get.text()]).toEqual([404, 'Not Found']);
	});

	it('logs the path with the token hidden', async () => {
		await downloadFile(sandbox, request(sandbox.media.get('image').idMessage));
		const [record] = sandbox.requests.list();
		expect(record).toMatchObject({
			server: 'api',
			method: 'POST',
			path: `/waInstance${sandbox.greenApi.idInstance}/downloadFile/<token>`,
			status: 200,
		});
		expect(JSON.stringify(sandbox.requests.list())).not.toContain(sandbox.greenApi.apiTokenInstance);
	});

	it('answers bad bodies like Green-API', async () => {
		const notJson = await downloadFile(sandbox, 'not json');
		expect([notJson.status, await notJson.text()]).toEqual([400, 'Unexpected token n in JSON at position 0']);
		const oneKey = await downloadFile(sandbox, { chatId: sandbox.chatId });
		expect([oneKey.status, await oneKey.json()]).toEqual([400, "Validation failed. Details: 'value' must have at least 2 keys"]);
		const badChat = await downloadFile(sandbox, { chatId: '123', idMessage: 'X' });
		expect(await badChat.json()).toEqual({
			message: "Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'",
		});
		const missing = await downloadFile(sandbox, { chatId: sandbox.chatId, id: 'X' });
		expect(await missing.json()).toEqual({ message: "Validation failed. Details: 'id' is not allowed" });
		const empty = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: '' });
		expect([empty.status, await empty.json()]).toEqual([
			400,
			{ message: "Validation failed. Details: 'idMessage' is not allowed to be empty" },
		]);
	});

	it('answers an unknown message, or a known one in another chat, with the no-file error', async () => {
		const unknown = await downloadFile(sandbox, request('0123456789ABCDEF0123456789ABCDEF'));
		expect([unknown.status, await unknown.json()]).toEqual([
			400,
			`File message encrypted url not found by chatId ${sandbox.chatId} and idMessage 0123456789ABCDEF0123456789ABCDEF`,
		]);
		const otherChat = await downloadFile(sandbox, { chatId: '79990000000@c.us', idMessage: sandbox.media.get('image').idMessage });
		expect(otherChat.status).toBe(400);
	});

	it('answers every special message as documented', async () => {
		const about = (id: string): string => `by chatId ${sandbox.chatId} and idMessage ${id}`;
		const cases: [string, number, string, unknown][] = [
			[specialMessages.noMedia, 400, 'application/json', `File message encrypted url not found ${about(specialMessages.noMedia)}`],
			[
				specialMessages.unavailable,
				500,
				'application/json',
				{ message: `Internal error when downloading file ${about(specialMessages.unavailable)}` },
			],
			[specialMessages.notAuthorized, 400, 'application/json', { message: 'instance is starting or not authorized' }],
			[
				specialMessages.quota,
				466,
				'application/json',
				expect.objectContaining({ invokeStatus: expect.objectContaining({ status: 'QUOTE_EXCEEDED' }) }),
			],
			[specialMessages.unauthorizedIn200, 200, 'application/json', { code: 401, description: 'Unauthorized' }],
		];
		for (const [idMessage, status, type, body] of cases) {
			const response = await downloadFile(sandbox, request(idMessage));
			expect([response.status, response.headers.get('content-type'), await response.json()]).toEqual([status, type, body]);
		}
		await delay(1000);
		const html = await downloadFile(sandbox, request(specialMessages.html500));
		expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html']);
		expect(await html.text()).toContain('<h1>502 Bad Gateway</h1>');
		const garbage = await downloadFile(sandbox, request(specialMessages.garbage));
		expect([garbage.status, await garbage.text()]).toEqual([200, 'not json']);
		const noLink = await downloadFile(sandbox, request(specialMessages.noLink));
		expect([noLink.status, await noLink.json()]).toEqual([200, {}]);
	});

	it('is starting twice, then resolves the starting message to the image', async () => {
		const statuses: number[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			const response = await downloadFile(sandbox, request(specialMessages.starting));
			statuses.push(response.status);
			if (response.status === 400) {
				expect(await response.json()).toEqual({ message: 'instance in starting process try later' });
			} else {
				const { downloadUrl } = (await response.json()) as { downloadUrl: string };
				expect(downloadUrl).toContain('a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg');
			}
		}
		expect(statuses).toEqual([400, 400, 200]);
	});

	it('allows 5 downloadFile requests per second and answers the 6th with 429', async () => {
		const body = request(sandbox.media.get('image').idMessage);
		const responses = await Promise.all(Array.from({ length: 6 }, () => downloadFile(sandbox, body)));
		const statuses = responses.map((response) => response.status).sort();
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
		const limited = responses.find((response) => response.status === 429);
		expect(limited?.headers.get('retry-after')).toBeNull();
		expect(await limited?.text()).toBe('Too Many Requests');
		const records = sandbox.requests.list();
		expect(records.map((record) => record.status).sort()).toEqual(statuses);
		expect((records.at(-1)?.time ?? 0) - (records[0]?.time ?? 0)).toBeLessThan(1000);
		await delay(1000);
		expect((await downloadFile(sandbox, body)).status).toBe(200);
	});

	it('resolves media added at runtime', async () => {
		const info = sandbox.media.add({ id: 'late', kind: 'pdf', size: 5000, fileName: 'late.pdf' });
		const response = await downloadFile(sandbox, request(info.idMessage));
		const { downloadUrl } = (await response.json()) as { downloadUrl: string };
		const media = await fetch(downloadUrl);
		expect(sha256(Buffer.from(await media.arrayBuffer()))).toBe(info.sha256);
	});
});
