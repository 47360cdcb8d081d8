import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readInputs } from '../src/inputs.js';

vi.mock('@actions/core', async (importOriginal) => ({ ...(await importOriginal<typeof import('@actions/core')>()), setSecret: vi.fn() }));

const token = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6aa';
const apiKey = `wams_${'f'.repeat(40)}`;

/** Sets inputs the way the runner passes them: INPUT_<NAME>, upper-cased, hyphens kept. */
function given(inputs: Record<string, string>): void {
	for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
}

const greenApi = { 'id-instance': '1101000001', 'api-token-instance': token, 'chat-id': '79001234567@c.us' };

describe('readInputs', () => {
	beforeEach(() => {
		for (const name of Object.keys(process.env).filter((key) => key.startsWith('INPUT_'))) vi.stubEnv(name, undefined);
		vi.stubEnv('GITHUB_WORKSPACE', '/home/runner/work/repo/repo');
		vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com');
		vi.stubEnv('GITHUB_REPOSITORY', 'octo-org/media-archive');
		vi.stubEnv('GITHUB_RUN_ID', '9001');
		vi.stubEnv('ACTIONS_RUNTIME_TOKEN', 'runtime-token');
		vi.stubEnv('ACTIONS_RESULTS_URL', 'http://127.0.0.1:1/');
		vi.mocked(core.setSecret).mockClear();
	});
	afterEach(() => vi.unstubAllEnvs());

	it('reads id-message lines or comma-separated items, with chat-id or "<chatId> <idMessage>", and fills every default', () => {
		given({ ...greenApi, 'id-message': 'AAAA1111\n\n  120363043968066561@g.us   BBBB2222  \nCCCC3333, DDDD4444,\n' });
		expect(readInputs()).toEqual({
			client: {
				directory: join('/home/runner/work/repo/repo', 'whatsapp-media'),
				allowPrivateNetwork: false,
				greenApi: { idInstance: '1101000001', apiTokenInstance: token },
			},
			references: [
				{ chatId: '79001234567@c.us', idMessage: 'AAAA1111' },
				{ chatId: '120363043968066561@g.us', idMessage: 'BBBB2222' },
				{ chatId: '79001234567@c.us', idMessage: 'CCCC3333' },
				{ chatId: '79001234567@c.us', idMessage: 'DDDD4444' },
			],
			path: 'whatsapp-media',
			failOnError: true,
			artifact: {
				name: 'whatsapp-media',
				retentionDays: undefined,
				compressionLevel: 6,
				overwrite: false,
				runArtifactsUrl: 'https://github.com/octo-org/media-archive/actions/runs/9001/artifacts/',
			},
		});
	});

	it('reads every optional input', () => {
		given({
			...greenApi,
			'api-url': 'https://7103.api.greenapi.com',
			'id-message': 'AAAA1111',
			path: 'out/media',
			'artifact-name': 'receipts',
			'retention-days': '30',
			'compression-level': '0',
			overwrite: 'True',
			'max-bytes': '1048576',
			concurrency: '8',
			'fail-on-error': 'FALSE',
			'allow-private-network': 'true',
		});
		const inputs = readInputs();
		expect(inputs.client).toEqual({
			directory: join('/home/runner/work/repo/repo', 'out/media'),
			allowPrivateNetwork: true,
			maxBytes: 1_048_576,
			concurrency: 8,
			greenApi: { idInstance: '1101000001', apiTokenInstance: token, apiUrl: 'https://7103.api.greenapi.com' },
		});
		expect(inputs.failOnError).toBe(false);
		expect(inputs.artifact).toMatchObject({ name: 'receipts', retentionDays: 30, compressionLevel: 0, overwrite: true });
	});

	it('masks the token and the API key before anything can fail', () => {
		given({ 'api-token-instance': token, 'api-key': apiKey, provider: 'whatsapp' });
		expect(() => readInputs()).toThrow('Invalid provider "whatsapp": expected green-api or multi-session');
		expect(vi.mocked(core.setSecret).mock.calls).toEqual([[token], [apiKey]]);
	});

	it('names a missing credential the way the runner does', () => {
		given({ 'id-instance': '1101000001', 'chat-id': '79001234567@c.us', 'id-message': 'AAAA1111' });
		expect(() => readInputs()).toThrow('Input required and not supplied: api-token-instance');
		vi.stubEnv('INPUT_ID-INSTANCE', '');
		vi.stubEnv('INPUT_API-TOKEN-INSTANCE', token);
		expect(() => readInputs()).toThrow('Input required and not supplied: id-instance');
	});

	it.each([
		['retention-days', 'abc', 'Invalid retention-days: expected a whole number from 0 to 400, got "abc"'],
		['retention-days', '-1', 'Invalid retention-days'],
		['retention-days', '401', 'Invalid retention-days'],
		['retention-days', '1.5', 'Invalid retention-days'],
		['compression-level', '10', 'Invalid compression-level: expected a whole number from 0 to 9, got "10"'],
		['max-bytes', '0', 'Invalid max-bytes'],
		['max-bytes', '20MB', 'Invalid max-bytes'],
		['concurrency', '0', 'Invalid concurrency: expected a whole number from 1 to 256, got "0"'],
		['concurrency', '257', 'Invalid concurrency'],
		['overwrite', 'yes', 'Invalid overwrite: expected true or false, got "yes"'],
		['fail-on-error', '1', 'Invalid fail-on-error'],
		['upload-artifact', 'on', 'Invalid upload-artifact'],
		['allow-private-network', 'tRuE', 'Invalid allow-private-network'],
		['artifact-name', 'media/2026', 'Invalid artifact-name "media/2026"'],
	])('rejects %s: %s', (name, value, message) => {
		given({ ...greenApi, 'id-message': 'AAAA1111', [name]: value });
		expect(() => readInputs()).toThrow(message);
	});

	it('treats retention-days 0 as the repository default', () => {
		given({ ...greenApi, 'id-message': 'AAAA1111', 'retention-days': '0' });
		expect(readInputs().artifact?.retentionDays).toBeUndefined();
	});

	it('needs exactly one source that fits the provider', () => {
		given(greenApi);
		expect(() => readInputs()).toThrow('Nothing to download: set id-message (with chat-id), media-url or webhook-payload');
		given({ 'id-message': 'AAAA1111', 'webhook-payload': '{}' });
		expect(() => readInputs()).toThrow('Set only one of id-message, webhook-payload');
		vi.stubEnv('INPUT_WEBHOOK-PAYLOAD', '');
		given({ provider: 'multi-session', 'server-url': 'http://127.0.0.1:9', 'api-key': apiKey });
		expect(() => readInputs()).toThrow('id-message needs provider: green-api');
		vi.stubEnv('INPUT_ID-MESSAGE', '');
		given({ provider: 'green-api', 'media-url': '/api/media/temp/a.jpg?expires=1' });
		expect(() => readInputs()).toThrow('media-url needs provider: multi-session');
	});

	it('refuses id-message lines without a chat', () => {
		given({ 'id-instance': '1', 'api-token-instance': token, 'id-message': 'AAAA1111' });
		expect(() => readInputs()).toThrow(
			'Invalid id-message item 1 ("AAAA1111"): write "<idMessage>" with the chat-id input, or "<chatId> <idMessage>"',
		);
		given({ 'chat-id': '79001234567@c.us', 'id-message': 'AAAA1111\n79001234567@c.us BBBB2222 extra' });
		expect(() => readInputs()).toThrow('Invalid id-message item 2 ("79001234567@c.us BBBB2222 extra")');
	});

	it('reads a webhook-payload body or array; Green-API credentials are optional there but come in pairs', () => {
		const body = { typeWebhook: 'incomingMessageReceived', idMessage: 'AAAA1111', messageData: { typeMessage: 'imageMessage' } };
		given({ 'webhook-payload': JSON.stringify(body) });
		expect(readInputs()).toMatchObject({ references: [body], client: { allowPrivateNetwork: false } });
		expect(readInputs().client.greenApi).toBeUndefined();
		given({ 'webhook-payload': JSON.stringify([body, { receiptId: 1, body }]) });
		expect(readInputs().references).toEqual([body, { receiptId: 1, body }]);
		given({ 'id-instance': '1101000001' });
		expect(() => readInputs()).toThrow('Input required and not supplied: api-token-instance');
	});

	it.each([
		['{"typeWebhook": ', 'Invalid webhook-payload: not JSON'],
		['[{"idMessage": "A"}, "text"]', 'Invalid webhook-payload: item 2 is not a JSON object'],
		['42', 'Invalid webhook-payload: item 1 is not a JSON object'],
	])('rejects webhook-payload %s', (payload, message) => {
		given({ 'webhook-payload': payload });
		expect(() => readInputs()).toThrow(message);
	});

	it('reads Multi-Session media URLs and needs the server and its key', () => {
		given({
			provider: 'multi-session',
			'media-url': '/api/media/temp/a.jpg?expires=1\nhttps://wa.example.com/api/media/temp/b.pdf?expires=2',
		});
		expect(() => readInputs()).toThrow('Input required and not supplied: server-url');
		given({ 'server-url': 'https://wa.example.com' });
		expect(() => readInputs()).toThrow('Input required and not supplied: api-key');
		given({ 'api-key': apiKey });
		const inputs = readInputs();
		expect(inputs.client.multiSession).toEqual({ serverUrl: 'https://wa.example.com', apiKey });
		expect(inputs.references).toEqual([
			{ mediaUrl: '/api/media/temp/a.jpg?expires=1' },
			{ mediaUrl: 'https://wa.example.com/api/media/temp/b.pdf?expires=2' },
		]);
	});

	it('needs the artifact service only when uploading', () => {
		given({ ...greenApi, 'id-message': 'AAAA1111' });
		vi.stubEnv('ACTIONS_RUNTIME_TOKEN', undefined);
		expect(() => readInputs()).toThrow(/upload-artifact is true, but the runner gave this step no artifact service/);
		given({ 'upload-artifact': 'false' });
		expect(readInputs().artifact).toBeUndefined();
	});

	it('leaves artifact-url empty outside a known run', () => {
		given({ ...greenApi, 'id-message': 'AAAA1111' });
		vi.stubEnv('GITHUB_RUN_ID', undefined);
		expect(readInputs().artifact?.runArtifactsUrl).toBeUndefined();
	});
});
