import * as core from '@actions/core';
import { isWamediaError, type WamediaErrorJson } from '@wamedia/core';
import { inFaceWords, readSettings } from '@wamedia/core/inputs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readInputs, settingInputs } from '../src/inputs.js';
import { readMetadata } from './run-action.js';

vi.mock('@actions/core', async (importOriginal) => ({ ...(await importOriginal<typeof import('@actions/core')>()), setSecret: vi.fn() }));

const token = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6aa';
const apiKey = `wams_${'f'.repeat(40)}`;
const accessToken = `EAAG${'m'.repeat(60)}`;

/** Sets inputs the way the runner passes them: INPUT_<NAME>, upper-cased, hyphens kept. */
function given(inputs: Record<string, string>): void {
	for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
}

/** The error a call throws, as JSON with settings named by the action's inputs. */
function shownError(call: () => unknown): WamediaErrorJson {
	try {
		call();
	} catch (error) {
		if (isWamediaError(error)) return inFaceWords(error.toJSON(), settingInputs);
		throw error;
	}
	throw new Error('expected an error');
}

const greenApi = { 'id-instance': '1101000001', 'api-token-instance': token, 'chat-id': '79001234567@c.us' };

describe('readInputs', () => {
	beforeEach(() => {
		for (const name of Object.keys(process.env).filter((key) => key.startsWith('INPUT_'))) vi.stubEnv(name, undefined);
		vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com');
		vi.stubEnv('GITHUB_REPOSITORY', 'octo-org/media-archive');
		vi.stubEnv('GITHUB_RUN_ID', '9001');
		vi.stubEnv('ACTIONS_RUNTIME_TOKEN', 'runtime-token');
		vi.stubEnv('ACTIONS_RESULTS_URL', 'http://127.0.0.1:1/');
		vi.mocked(core.setSecret).mockClear();
	});
	afterEach(() => vi.unstubAllEnvs());

	it('renames core settings to their ids and passes them and the sources on as text, with the action’s own defaults', () => {
		given({
			...greenApi,
			'api-url': 'https://7103.api.greenapi.com',
			'id-message': 'AAAA1111\n79001234568@c.us BBBB2222',
			'max-bytes': '20MB',
		});
		expect(readInputs()).toEqual({
			mode: 'download',
			settings: {
				provider: '',
				apiUrl: 'https://7103.api.greenapi.com',
				idInstance: '1101000001',
				apiTokenInstance: token,
				serverUrl: '',
				apiKey: '',
				session: '',
				instance: '',
				accessToken: '',
				graphUrl: '',
				apiVersion: '',
				phoneNumberId: '',
				directory: 'whatsapp-media',
				maxBytes: '20MB',
				concurrency: '',
				allowPrivateNetwork: '',
				fileName: '',
				record: '',
				minutes: '',
				outgoing: '',
				count: '',
				retryFailed: '',
			},
			sources: {
				'id-message': 'AAAA1111\n79001234568@c.us BBBB2222',
				'chat-id': '79001234567@c.us',
				'media-url': [],
				'media-id': '',
				'webhook-payload': '',
			},
			failOnError: true,
			ifNoFilesFound: 'warn',
			artifact: {
				name: 'whatsapp-media',
				retentionDays: undefined,
				compressionLevel: 6,
				overwrite: false,
				runArtifactsUrl: 'https://github.com/octo-org/media-archive/actions/runs/9001/artifacts/',
			},
		});
	});

	// Each input of action.yml, set alone to a value other than its default, must change what readInputs returns:
	// an input that is not read, or read under another name, leaves the result as it was.
	it('reads every input of action.yml: setting exactly that INPUT_* changes the result', async () => {
		const other: Record<string, string> = {
			mode: 'sync',
			provider: 'multi-session',
			'api-url': 'https://7103.api.greenapi.com',
			'id-instance': '1101000002',
			'api-token-instance': 'b'.repeat(50),
			'chat-id': '120363043968066561@g.us',
			'id-message': 'CCCC3333',
			'webhook-payload': '{"idMessage": "DDDD4444"}',
			'server-url': 'https://wa.example.com',
			'api-key': apiKey,
			'media-url': '/api/media/temp/a.jpg?expires=1\n/api/media/temp/b.pdf?expires=2',
			session: 'shop',
			instance: 'shop1',
			'access-token': accessToken,
			'graph-url': 'https://graph.example.com',
			'api-version': 'v24.0',
			'phone-number-id': '106540352242922',
			'media-id': '1049371237591234\n1049371237595678',
			path: 'out/media',
			'upload-artifact': 'false',
			'artifact-name': 'receipts',
			'retention-days': '30',
			'compression-level': '0',
			overwrite: 'true',
			'max-bytes': '1048576',
			concurrency: '8',
			'fail-on-error': 'false',
			'allow-private-network': 'true',
			name: '{chatId}/{name}',
			record: 'record.ndjson',
			'if-no-files-found': 'error',
			minutes: '10080',
			outgoing: 'true',
			count: '500',
			'retry-failed': 'true',
		};
		const metadata = await readMetadata();
		expect(Object.keys(other).sort()).toEqual(Object.keys(metadata.inputs).sort());
		const defaults = Object.fromEntries(Object.entries(metadata.inputs).map(([name, input]) => [name, input.default ?? '']));
		for (const [name, value] of Object.entries(other)) {
			given({ ...defaults, ...greenApi });
			const before = readInputs();
			given({ [name]: value });
			expect(readInputs(), name).not.toEqual(before);
		}
	});

	it('masks the token, the API key and the access token before anything can fail', () => {
		given({ 'api-token-instance': token, 'api-key': apiKey, 'access-token': accessToken, 'fail-on-error': 'yes' });
		expect(() => readInputs()).toThrow('Invalid fail-on-error: expected true or false, got "yes"');
		expect(vi.mocked(core.setSecret).mock.calls).toEqual([[token], [apiKey], [accessToken]]);
	});

	it('passes the Meta, WAHA and Evolution inputs to core under their setting ids, and media-id as given', () => {
		given({
			provider: 'meta',
			'access-token': accessToken,
			'graph-url': 'https://graph.example.com',
			'api-version': 'v24.0',
			'phone-number-id': '106540352242922',
			session: 'shop',
			instance: 'shop1',
			'media-id': '1049371237591234\n1049371237595678',
		});
		const inputs = readInputs();
		expect(inputs.settings).toMatchObject({
			provider: 'meta',
			accessToken,
			graphUrl: 'https://graph.example.com',
			apiVersion: 'v24.0',
			phoneNumberId: '106540352242922',
			session: 'shop',
			instance: 'shop1',
		});
		expect(inputs.sources['media-id']).toBe('1049371237591234\n1049371237595678');
		const { session: _session, instance: _instance, ...metaSettings } = inputs.settings;
		expect(readSettings(metaSettings).client.meta).toEqual({
			accessToken,
			graphUrl: 'https://graph.example.com',
			apiVersion: 'v24.0',
			phoneNumberId: '106540352242922',
		});
	});

	it('reads the action’s own inputs', () => {
		given({
			'artifact-name': 'receipts',
			'retention-days': '30',
			'compression-level': '0',
			overwrite: 'True',
			'fail-on-error': 'FALSE',
			'if-no-files-found': 'ignore',
		});
		expect(readInputs()).toMatchObject({
			failOnError: false,
			ifNoFilesFound: 'ignore',
			artifact: { name: 'receipts', retentionDays: 30, compressionLevel: 0, overwrite: true },
		});
	});

	it.each([
		['retention-days', 'abc', 'Invalid retention-days: expected a whole number from 0 to 400, got "abc"'],
		['retention-days', '-1', 'Invalid retention-days'],
		['retention-days', '401', 'Invalid retention-days'],
		['retention-days', '1.5', 'Invalid retention-days'],
		['compression-level', '10', 'Invalid compression-level: expected a whole number from 0 to 9, got "10"'],
		['overwrite', 'yes', 'Invalid overwrite: expected true or false, got "yes"'],
		['fail-on-error', '1', 'Invalid fail-on-error'],
		['upload-artifact', 'on', 'Invalid upload-artifact'],
		['if-no-files-found', 'skip', 'Invalid if-no-files-found: expected warn, error or ignore, got "skip"'],
		['mode', 'drain', 'Invalid mode: expected download, sync, backfill, got "drain"'],
		['artifact-name', 'media/2026', 'Invalid artifact-name "media/2026"'],
	])('rejects %s: %s', (name, value, message) => {
		given({ [name]: value });
		expect(() => readInputs()).toThrow(message);
	});

	it('treats retention-days 0 as the repository default', () => {
		given({ 'retention-days': '0' });
		expect(readInputs().artifact?.retentionDays).toBeUndefined();
	});

	it('needs the artifact service only when uploading', () => {
		vi.stubEnv('ACTIONS_RUNTIME_TOKEN', undefined);
		expect(() => readInputs()).toThrow(/upload-artifact is true, but the runner gave this step no artifact service/);
		given({ 'upload-artifact': 'false' });
		expect(readInputs().artifact).toBeUndefined();
	});

	it('leaves artifact-url empty outside a known run', () => {
		vi.stubEnv('GITHUB_RUN_ID', undefined);
		expect(readInputs().artifact?.runArtifactsUrl).toBeUndefined();
	});
});

describe('core’s errors about settings, in the action’s words', () => {
	it.each([
		[
			{ idInstance: '1101000001' },
			'id-instance is set but api-token-instance is not',
			'Set api-token-instance too, or remove id-instance.',
		],
		[{ apiKey }, 'api-key is set but server-url is not', 'Set server-url too, or remove api-key.'],
		[{ maxBytes: '20MB' }, 'Invalid max-bytes: expected a whole number, got "20MB"', 'Set max-bytes to a whole number.'],
		[{ concurrency: '257' }, 'Invalid concurrency: expected an integer from 1 to 256', 'Fix concurrency.'],
		[
			{ allowPrivateNetwork: 'tRuE' },
			'Invalid allow-private-network: expected true or false',
			'Set allow-private-network to true or false.',
		],
		[
			{ provider: 'whatsapp' },
			'Invalid provider: expected green-api, multi-session, meta, waha, evolution, got "whatsapp"',
			'Set provider to one of green-api, multi-session, meta, waha, evolution.',
		],
		[{ graphUrl: 'https://graph.example.com' }, 'graph-url is set but access-token is not', 'Set access-token too, or remove graph-url.'],
		[
			{ provider: 'green-api', session: 'shop' },
			'session is a WAHA setting, and provider is green-api',
			'Set provider to waha, or remove session.',
		],
		[
			{ provider: 'evolution', serverUrl: 'https://evo.example.com', apiKey },
			'Evolution needs instance with server-url and api-key',
			'Set instance to the name of the Evolution instance.',
		],
		[{ accessToken, apiVersion: 'latest' }, 'Invalid api-version', 'Pass a Graph API version such as v25.0.'],
		[{ accessToken, phoneNumberId: 'my number' }, 'Invalid phone-number-id', undefined],
		[
			{ apiUrl: 'ftp://api.example', idInstance: '1101000001', apiTokenInstance: token },
			'Invalid api-url: it must be an absolute http(s) URL',
			'Pass api-url like https://host/path.',
		],
	])('%o', (settings, message, hint) => {
		const error = shownError(() => readSettings(settings));
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toContain(message);
		if (hint !== undefined) expect(error.hint).toBe(hint);
		expect(`${error.message} ${error.hint}`).not.toMatch(
			/\b(idInstance|apiTokenInstance|apiKey|serverUrl|maxBytes|allowPrivateNetwork|apiUrl|accessToken|graphUrl|apiVersion|phoneNumberId)\b/,
		);
	});
});
