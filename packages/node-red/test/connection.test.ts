// The wamedia-connection config node: which settings reach core, and `${ENV}` values.
import { createHash } from 'node:crypto';
import { readSettings } from '@wamedia/core/inputs';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionSettings } from '../src/connection-node.js';
import { connectionDefaults } from '../src/defaults.js';
import { toNodeError } from '../src/node-error.js';
import { collectUnhandledRejections, downloadFlow, helper, load, sendExpectingOutput } from './support/harness.js';

describe('connectionSettings', () => {
	const secrets = { apiTokenInstance: 'token-123456', apiKey: 'wams_key' };

	it('renames the Green-API fields to core’s settings, and only those, for provider green-api', () => {
		const settings = { ...connectionDefaults, idInstance: '7103000000', serverUrl: 'http://localhost:8080' };
		expect(connectionSettings(settings, secrets)).toEqual({
			provider: 'green-api',
			allowPrivateNetwork: 'false',
			apiUrl: '',
			idInstance: '7103000000',
			apiTokenInstance: 'token-123456',
		});
		// Core fills in the API URL: the node has no default of its own.
		expect(readSettings(connectionSettings(settings, secrets)).client.greenApi).toEqual({
			idInstance: '7103000000',
			apiTokenInstance: 'token-123456',
		});
	});

	it('renames the Multi-Session fields, and only those, for provider multi-session', () => {
		const settings = {
			...connectionDefaults,
			provider: 'multi-session' as const,
			idInstance: 7103000000 as unknown as string,
			serverUrl: ' http://10.0.0.2:8080 ',
		};
		expect(readSettings(connectionSettings(settings, secrets)).client).toEqual({
			multiSession: { serverUrl: 'http://10.0.0.2:8080', apiKey: 'wams_key' },
			allowPrivateNetwork: false,
		});
	});

	it('renames the Meta fields and the access token, and only those, for provider meta', () => {
		const settings = {
			...connectionDefaults,
			provider: 'meta' as const,
			idInstance: '7103000000',
			serverUrl: 'http://10.0.0.2:8080',
			graphUrl: 'http://10.0.0.5:8081',
			apiVersion: '24.0',
			phoneNumberId: '106540352242922',
		};
		const credentials = { ...secrets, accessToken: 'EAAG-token-1234567890' };
		expect(connectionSettings(settings, credentials)).toEqual({
			provider: 'meta',
			allowPrivateNetwork: 'false',
			accessToken: 'EAAG-token-1234567890',
			graphUrl: 'http://10.0.0.5:8081',
			apiVersion: '24.0',
			phoneNumberId: '106540352242922',
		});
		expect(readSettings(connectionSettings(settings, credentials))).toEqual({
			provider: 'meta',
			client: {
				meta: {
					accessToken: 'EAAG-token-1234567890',
					graphUrl: 'http://10.0.0.5:8081',
					apiVersion: '24.0',
					phoneNumberId: '106540352242922',
				},
				allowPrivateNetwork: false,
			},
		});
		// Empty Graph API URL and API version: core's defaults.
		expect(readSettings(connectionSettings({ ...connectionDefaults, provider: 'meta' }, credentials)).client.meta).toEqual({
			accessToken: 'EAAG-token-1234567890',
		});
	});

	it('renames the WAHA fields (with the session) and the Evolution fields (with the instance)', () => {
		const shared = { ...connectionDefaults, serverUrl: 'http://10.0.0.3:3000', session: 'shop', instance: 'shop1', graphUrl: 'x' };
		expect(readSettings(connectionSettings({ ...shared, provider: 'waha' }, secrets))).toEqual({
			provider: 'waha',
			client: { waha: { serverUrl: 'http://10.0.0.3:3000', apiKey: 'wams_key', session: 'shop' }, allowPrivateNetwork: false },
		});
		expect(readSettings(connectionSettings({ ...shared, provider: 'evolution' }, secrets))).toEqual({
			provider: 'evolution',
			client: { evolution: { serverUrl: 'http://10.0.0.3:3000', apiKey: 'wams_key', instance: 'shop1' }, allowPrivateNetwork: false },
		});
		// An empty Session is WAHA's default session.
		expect(readSettings(connectionSettings({ ...shared, session: '', provider: 'waha' }, secrets)).client.waha).toEqual({
			serverUrl: 'http://10.0.0.3:3000',
			apiKey: 'wams_key',
		});
	});

	it('gives a client for direct links when nothing is filled in', () => {
		expect(readSettings(connectionSettings({ ...connectionDefaults, allowPrivateNetwork: true })).client).toEqual({
			allowPrivateNetwork: true,
		});
	});

	it.each([
		[
			{ idInstance: '7103000000' },
			{},
			'idInstance is set but apiTokenInstance is not: give both or neither. Set apiTokenInstance too, or remove idInstance.',
		],
		[
			{},
			{ apiTokenInstance: 'token-123456' },
			'apiTokenInstance is set but idInstance is not: give both or neither. Set idInstance too, or remove apiTokenInstance.',
		],
		[
			{ provider: 'multi-session', serverUrl: 'http://10.0.0.2:8080' },
			{},
			'"Server URL" is set but "API key" is not: give both or neither. Set "API key" too, or remove "Server URL".',
		],
		[
			{ provider: 'whatsapp' },
			{},
			'Invalid Provider: expected green-api, multi-session, meta, waha, evolution, got "whatsapp". Set Provider to one of green-api, multi-session, meta, waha, evolution.',
		],
		[
			{ provider: 'meta', graphUrl: 'https://graph.example.com' },
			{},
			'"Graph API URL" is set but "Access token" is not. Set "Access token" too, or remove "Graph API URL".',
		],
		[
			{ provider: 'meta', apiVersion: 'latest' },
			{ accessToken: 'EAAG-token-1234567890' },
			'Invalid "API version": "latest". Pass a Graph API version such as v25.0.',
		],
		[
			{ provider: 'waha', serverUrl: 'http://10.0.0.3:3000' },
			{},
			'"Server URL" is set but "API key" is not: give both or neither. Set "API key" too, or remove "Server URL".',
		],
		[
			{ provider: 'evolution', serverUrl: 'http://10.0.0.4:8080' },
			{ apiKey: 'evo-key' },
			'Evolution needs Instance with "Server URL" and "API key". Set Instance to the name of the Evolution instance.',
		],
		[{ idInstance: 'abc' }, secrets, 'Invalid idInstance: it must be the instance number. Copy idInstance from the Green-API console'],
	])('refuses %o, naming the editor’s fields', (fields, credentials, message) => {
		const settings = { ...connectionDefaults, ...fields } as typeof connectionDefaults;
		let caught: unknown;
		try {
			readSettings(connectionSettings(settings, credentials));
		} catch (error) {
			caught = error;
		}
		const error = toNodeError(caught);
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toContain(message);
	});
});

describe('environment variables', () => {
	let sandbox: Sandbox;
	const rejections = collectUnhandledRejections();

	beforeAll(async () => {
		sandbox = await startSandbox();
		await helper.startServer();
	});
	afterEach(() => helper.unload());
	afterAll(async () => {
		await helper.stopServer();
		await sandbox?.close();
		rejections.stop();
		expect(rejections.reasons).toEqual([]);
	});

	it('reads the API URL, idInstance and token from the environment', async () => {
		process.env.WAMEDIA_TEST_API_URL = sandbox.greenApi.apiUrl;
		process.env.WAMEDIA_TEST_ID_INSTANCE = sandbox.greenApi.idInstance;
		process.env.WAMEDIA_TEST_TOKEN = sandbox.greenApi.apiTokenInstance;
		// Node-RED's own syntax, `${NAME}`, written through a function so it is not mistaken for a template.
		const env = (name: string) => ['$', `{${name}}`].join('');
		const connection = {
			id: 'conn',
			type: 'wamedia-connection',
			provider: 'green-api',
			apiUrl: env('WAMEDIA_TEST_API_URL'),
			idInstance: env('WAMEDIA_TEST_ID_INSTANCE'),
		};
		await load(downloadFlow(connection), { conn: { apiTokenInstance: env('WAMEDIA_TEST_TOKEN') } });
		const output = await sendExpectingOutput({ chatId: sandbox.chatId, idMessage: sandbox.media.get('image').idMessage });
		expect(
			createHash('sha256')
				.update(output.payload as Buffer)
				.digest('hex'),
		).toBe(sandbox.media.get('image').sha256);
	});
});
