// The wamedia-connection config node: which settings reach core, and `${ENV}` values.
import { createHash } from 'node:crypto';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientOptions } from '../src/connection-node.js';
import { connectionDefaults } from '../src/defaults.js';
import { collectUnhandledRejections, downloadFlow, helper, load, sendExpectingOutput } from './support/harness.js';

describe('clientOptions', () => {
	const secrets = { apiTokenInstance: 'token-123456', apiKey: 'wams_key' };

	it('passes only the Green-API credentials for provider green-api', () => {
		const settings = { ...connectionDefaults, idInstance: '7103000000', serverUrl: 'http://localhost:8080' };
		expect(clientOptions(settings, secrets)).toEqual({
			allowPrivateNetwork: false,
			greenApi: { apiUrl: 'https://api.green-api.com', idInstance: '7103000000', apiTokenInstance: 'token-123456' },
		});
	});

	it('passes only the Multi-Session credentials for provider multi-session', () => {
		const settings = {
			...connectionDefaults,
			provider: 'multi-session' as const,
			idInstance: '7103000000',
			serverUrl: ' http://10.0.0.2:8080 ',
		};
		expect(clientOptions(settings, secrets)).toEqual({
			allowPrivateNetwork: false,
			multiSession: { serverUrl: 'http://10.0.0.2:8080', apiKey: 'wams_key' },
		});
	});

	it('gives a client for direct links when nothing is filled in', () => {
		expect(clientOptions({ ...connectionDefaults, allowPrivateNetwork: true })).toEqual({ allowPrivateNetwork: true });
	});

	it('passes half a configuration on, so core can name what is missing', () => {
		expect(clientOptions({ ...connectionDefaults, idInstance: '7103000000' })).toMatchObject({
			greenApi: { idInstance: '7103000000', apiTokenInstance: '' },
		});
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
