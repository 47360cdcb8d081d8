// The node's execute() in-process against the sandbox: parameters mapped to one core call per reference,
// the three outputs, pairedItem, errors with and without Continue On Fail, and no secret anywhere.
import { createHash } from 'node:crypto';
import { type Sandbox, specialMessages, startSandbox } from '@wamedia/sandbox';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './support/execute-context.ts';

let sandbox: Sandbox;
let credentials: Record<string, Record<string, string>>;
let secrets: string[];

beforeAll(async () => {
	sandbox = await startSandbox();
	credentials = {
		wamediaGreenApi: { ...sandbox.greenApi },
		wamediaMultiSessionApi: { ...sandbox.multiSession },
		wamediaMetaCloudApi: { accessToken: sandbox.meta.accessToken, graphUrl: sandbox.meta.graphUrl, apiVersion: sandbox.meta.apiVersion },
		wamediaWahaApi: { serverUrl: sandbox.waha.serverUrl, apiKey: sandbox.waha.apiKey, session: 'default' },
		wamediaEvolutionApi: { serverUrl: sandbox.evolution.serverUrl, apiKey: sandbox.evolution.apiKey, instance: sandbox.evolution.instance },
	};
	secrets = [
		sandbox.greenApi.apiTokenInstance,
		sandbox.multiSession.apiKey,
		sandbox.meta.accessToken,
		sandbox.waha.apiKey,
		sandbox.evolution.apiKey,
	];
});
afterAll(async () => {
	await sandbox?.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function expectNoSecret(value: unknown) {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const secret of secrets) {
		expect(text).not.toContain(secret);
		expect(text).not.toContain(encodeURIComponent(secret));
		expect(text).not.toContain(Buffer.from(secret).toString('base64'));
	}
}

describe('outputs', () => {
	it('Multi-Session media URL to a file in a named binary field, streamed (the seed’s case)', async () => {
		const media = sandbox.media.get('video');
		const run = await runNode(
			{
				provider: 'multiSession',
				source: 'mediaUrl',
				mediaUrl: sandbox.multiSessionPath('video'),
				sessionId: 'session-1',
				phoneNumber: '6281234567890',
				outputFormat: 'file',
				binaryPropertyName: 'media',
			},
			credentials,
		);
		expect(run.items).toHaveLength(1);
		const [item] = run.items;
		const binary = item?.binary?.media;
		expect(Object.keys(item?.binary ?? {})).toEqual(['media']);
		expect(run.streamed.get(String(binary?.id))).toBe(true);
		expect(sha256(run.stored.get(String(binary?.id)) as Buffer)).toBe(media.sha256);
		expect(item?.json).toMatchObject({
			success: true,
			sha256: media.sha256,
			size: media.size,
			mimeType: media.mimeType,
			format: 'file',
			provider: 'multiSession',
			sessionId: 'session-1',
			phoneNumber: '6281234567890',
		});
		expect(item?.pairedItem).toEqual({ item: 0 });
		expect(binary?.fileName).toBe(item?.json.fileName);
	});

	it('base64 puts the text in json.data and keeps json free of buffers', async () => {
		const media = sandbox.media.get('image');
		const run = await runNode(
			{ provider: 'greenApi', source: 'messageId', chatId: sandbox.chatId, idMessage: media.idMessage },
			credentials,
		);
		const json = run.items[0]?.json ?? {};
		expect(sha256(Buffer.from(String(json.data), 'base64'))).toBe(media.sha256);
		expect(json).toMatchObject({
			success: true,
			format: 'base64',
			provider: 'greenApi',
			chatId: sandbox.chatId,
			idMessage: media.idMessage,
		});
		expect(run.items[0]?.binary).toBeUndefined();
		expect(Object.values(json).some((value) => Buffer.isBuffer(value))).toBe(false);
		expect(json).not.toHaveProperty('downloadUrl');
	});

	it('binary hands a Buffer to prepareBinaryData; a Green-API webhook from the input item, its expired link renewed', async () => {
		const media = sandbox.media.get('document');
		const webhook = { ...sandbox.webhooks.greenApi('document', { expired: true }) };
		const run = await runNode(
			{ provider: 'greenApi', source: 'webhook', outputFormat: 'binary' },
			credentials,
			[{ other: 1 }, webhook],
			true,
		);
		expect(run.items).toHaveLength(2);
		expect(run.items[0]?.json).toMatchObject({ success: false, error: { code: 'INVALID_INPUT' } });
		const binary = run.items[1]?.binary?.data;
		expect(run.streamed.get(String(binary?.id))).toBe(false);
		expect(sha256(run.stored.get(String(binary?.id)) as Buffer)).toBe(media.sha256);
		expect(run.items[1]?.pairedItem).toEqual({ item: 1 });
	});

	it('a Meta webhook with two media gives two items paired with the one input; Meta by media id', async () => {
		const webhook = sandbox.webhooks.meta(['image', 'voice']);
		const run = await runNode({ provider: 'meta', source: 'webhook', body: webhook, outputFormat: 'binary' }, credentials);
		expect(run.items.map((item) => item.json.sha256)).toEqual([sandbox.media.get('image').sha256, sandbox.media.get('voice').sha256]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const byId = await runNode({ provider: 'meta', source: 'mediaId', mediaId: sandbox.meta.mediaId('png') }, credentials);
		expect(byId.items[0]?.json).toMatchObject({ success: true, sha256: sandbox.media.get('png').sha256, provider: 'meta' });
	});

	it('WAHA and Evolution webhooks, and their message ids', async () => {
		const waha = await runNode({ provider: 'waha', source: 'webhook', body: sandbox.webhooks.waha('voice') }, credentials);
		expect(waha.items[0]?.json).toMatchObject({ success: true, sha256: sandbox.media.get('voice').sha256, provider: 'waha' });
		const evolution = await runNode(
			{ provider: 'evolution', source: 'webhook', body: JSON.stringify(sandbox.webhooks.evolution('image')), outputFormat: 'file' },
			credentials,
		);
		expect(evolution.items[0]?.json).toMatchObject({ success: true, sha256: sandbox.media.get('image').sha256, provider: 'evolution' });
		const byId = await runNode(
			{ provider: 'evolution', source: 'messageId', idMessage: sandbox.media.get('sticker').evolutionMessageId },
			credentials,
		);
		expect(byId.items[0]?.json.sha256).toBe(sandbox.media.get('sticker').sha256);
	});

	it('options: fileName names the binary as given, maxBytes refuses larger media with TOO_LARGE', async () => {
		const media = sandbox.media.get('image');
		const named = await runNode(
			{ source: 'messageId', chatId: sandbox.chatId, idMessage: media.idMessage, outputFormat: 'binary', options: { fileName: 'receipt' } },
			credentials,
		);
		expect(named.items[0]?.binary?.data?.fileName).toBe('receipt');
		expect(named.items[0]?.json.fileName).toBe('receipt');
		const limited = await runNode(
			{ source: 'messageId', chatId: sandbox.chatId, idMessage: media.idMessage, options: { maxBytes: 100 } },
			credentials,
			[{}],
			true,
		);
		expect(limited.items[0]?.json).toMatchObject({ success: false, error: { code: 'TOO_LARGE' } });
	});
});

describe('errors', () => {
	it('AUTH_FAILED stops the run with a NodeApiError naming the code, the hint as description, and no secret', async () => {
		const wrong = { ...credentials, wamediaMultiSessionApi: { serverUrl: sandbox.multiSession.serverUrl, apiKey: 'wams_wrong-key-000' } };
		const error = await runNode({ provider: 'multiSession', source: 'mediaUrl', mediaUrl: sandbox.multiSessionPath('image') }, wrong).catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const failure = error as NodeApiError;
		expect(failure.message).toMatch(/^AUTH_FAILED: /);
		expect(failure.description).toBeTruthy();
		expect(failure.httpCode).toBe('401');
		expect(failure.context.itemIndex).toBe(0);
		expectNoSecret({ message: failure.message, description: failure.description, stack: failure.stack });
		expect(JSON.stringify(failure)).not.toContain('wams_wrong-key-000');
	});

	it('with Continue On Fail, each failure is an item {success: false, error: {code, message, hint, status, retryable}}', async () => {
		const run = await runNode(
			{
				provider: 'greenApi',
				source: 'messageId',
				chatId: sandbox.chatId,
				idMessage: (index: number) => [specialMessages.noMedia, sandbox.media.get('png').idMessage][index],
			},
			credentials,
			[{}, {}],
			true,
		);
		expect(run.items[0]?.json).toEqual({
			success: false,
			error: expect.objectContaining({ code: 'NO_MEDIA', message: expect.any(String), hint: expect.any(String), retryable: false }),
		});
		expect(run.items[0]?.pairedItem).toEqual({ item: 0 });
		expect(run.items[1]?.json.success).toBe(true);
		expectNoSecret(run.items);
	});

	it('a source of the wrong gateway is INVALID_INPUT in the editor’s words, as a NodeOperationError', async () => {
		const error = (await runNode({ provider: 'waha', source: 'mediaId', mediaId: '1' }, credentials).catch(
			(caught: unknown) => caught,
		)) as Error;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^INVALID_INPUT: "Media ID" is a Meta source, and "Provider" is waha/);
		const empty = (await runNode({ provider: 'meta', source: 'mediaId', mediaId: '' }, credentials).catch(
			(caught: unknown) => caught,
		)) as Error;
		expect(empty.message).toBe('INVALID_INPUT: "Media ID" is empty: nothing to download');
	});

	it('a bad option names its field as the editor shows it', async () => {
		const error = (await runNode(
			{ source: 'messageId', chatId: sandbox.chatId, idMessage: 'X', options: { timeout: -5 } },
			credentials,
		).catch((caught: unknown) => caught)) as NodeOperationError;
		expect(error.message).toMatch(/^INVALID_INPUT: /);
		expect(`${error.message} ${error.description}`).toContain('"Timeout"');
	});
});
