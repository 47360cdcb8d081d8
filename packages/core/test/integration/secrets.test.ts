import { describe, expect, it } from 'vitest';
import { createClient, isWamediaError, type WamediaError } from '../../src/index.js';
import { runWamedia } from './cli.js';
import { closedPort, quickRetry, sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

/** Every text an error exposes: message, hint, details, JSON, stack, and the whole cause chain. */
function exposedText(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
		if (current instanceof Error) {
			parts.push(current.message, String(current.stack), JSON.stringify(current), String(current));
			if (isWamediaError(current))
				parts.push(current.hint, JSON.stringify(current.details), JSON.stringify((current as WamediaError).toJSON()));
			current = current.cause;
		} else {
			parts.push(typeof current === 'string' ? current : JSON.stringify(current));
			current = undefined;
		}
	}
	return parts.join('\n');
}

describe('secrets never leak', () => {
	it('through library errors of every kind', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		const { apiKey } = sandbox().multiSession;
		const image = sandbox().media.get('image');
		// A server that echoes the request path (with the token) in its error body.
		sandbox().faults.add({
			server: 'api',
			type: 'status',
			status: 500,
			body: `Internal error for /waInstance${sandbox().greenApi.idInstance}/downloadFile/${apiTokenInstance} key ${apiKey}`,
			times: 10,
		});
		const echoing = sandboxClient(sandbox()).download({ chatId: sandbox().chatId, idMessage: image.idMessage });
		const failures: Array<Promise<unknown>> = [echoing];
		const dead = `http://127.0.0.1:${await closedPort()}`;
		const client = sandboxClient(sandbox(), { directory: await temporaryDirectory() });
		const refused = createClient({
			greenApi: { apiUrl: dead, idInstance: 1101000001, apiTokenInstance },
			multiSession: { serverUrl: dead, apiKey },
			retry: 0,
		});
		failures.push(
			refused.download({ chatId: sandbox().chatId, idMessage: image.idMessage }),
			refused.download({ mediaUrl: '/api/media/temp/a.jpg?expires=1' }),
			client.download({ chatId: 'bad', idMessage: image.idMessage }),
			createClient({ greenApi: { ...sandbox().greenApi, idInstance: '1101999999' } }).download({
				chatId: sandbox().chatId,
				idMessage: image.idMessage,
			}),
			createClient({ greenApi: { ...sandbox().greenApi, apiUrl: `${sandbox().greenApi.apiUrl}/${apiTokenInstance}` } }).download({
				chatId: sandbox().chatId,
				idMessage: image.idMessage,
			}),
			Promise.resolve().then(() => createClient({ greenApi: { ...sandbox().greenApi, apiUrl: `ftp://${apiTokenInstance}` } })),
			client.download({ mediaUrl: sandbox().multiSessionPath('image', { expired: true }) }),
			client.download({ mediaUrl: '/api/media/temp/forbidden.jpg?expires=4102444800' }),
			client.download({ downloadUrl: `http://169.254.169.254/${apiTokenInstance}` }),
			client.download({ downloadUrl: `file:///${apiKey}` }),
			client.download({ downloadUrl: `${sandbox().storageUrl}/${apiKey}` }),
			client.download({ mediaUrl: `/api/media/temp/x.jpg?expires=1&k=${apiKey}` }),
			client.download({ downloadUrl: sandbox().storageLink('large') }, { maxBytes: 10 }),
			createClient({ multiSession: { serverUrl: sandbox().multiSession.serverUrl, apiKey }, timeout: 200, retry: quickRetry }).download(
				{ mediaUrl: sandbox().multiSessionPath('large') },
				{ signal: AbortSignal.timeout(1) },
			),
		);
		const settled = await Promise.allSettled(failures.map((failure) => Promise.resolve().then(() => failure)));
		const errors = settled.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : new Error('unexpected success')));
		expect(errors.every(isWamediaError)).toBe(true);
		expect(new Set(errors.map((error) => (error as WamediaError).code)).size).toBeGreaterThanOrEqual(8);
		for (const error of errors) {
			const text = exposedText(error);
			expect(text).not.toContain(apiTokenInstance);
			expect(text).not.toContain(apiKey);
		}
	});

	it('through downloadMany error results', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		const results = await createClient({ greenApi: { ...sandbox().greenApi, idInstance: '1101999999' }, retry: 0 }).downloadMany([
			{ chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage },
			{ chatId: sandbox().chatId, idMessage: 'ABCDEF0123456789' },
		]);
		expect(results.every((result) => !result.success)).toBe(true);
		expect(JSON.stringify(results)).not.toContain(apiTokenInstance);
	});

	it('through CLI output, from flags and from the environment', async () => {
		const { apiTokenInstance, idInstance, apiUrl } = sandbox().greenApi;
		const { apiKey, serverUrl } = sandbox().multiSession;
		const image = sandbox().media.get('image');
		const runs = await Promise.all([
			runWamedia([
				'download',
				'--chat-id',
				sandbox().chatId,
				'--id-message',
				image.idMessage,
				'--api-url',
				apiUrl,
				'--id-instance',
				'1101999999',
				`--api-token-instance=${apiTokenInstance}`,
			]),
			runWamedia(['download', '--chat-id', sandbox().chatId, '--id-message', image.idMessage, '--json'], {
				env: {
					WAMEDIA_API_URL: `http://127.0.0.1:${await closedPort()}`,
					WAMEDIA_ID_INSTANCE: idInstance,
					WAMEDIA_API_TOKEN_INSTANCE: apiTokenInstance,
				},
			}),
			runWamedia(['download', '--media-url', `/api/media/temp/${apiKey}.jpg?expires=1`, '--server-url', serverUrl, '--api-key', apiKey]),
			runWamedia([
				'download',
				'--download-url',
				`http://169.254.169.254/${apiKey}`,
				'--api-key',
				apiKey,
				'--server-url',
				serverUrl,
				'--json',
			]),
			runWamedia(['download', '--api-token-instance', apiTokenInstance, '--json']),
			runWamedia(['download', '--media-url', `${apiKey}`, '--api-key', apiKey, '--json']),
		]);
		for (const run of runs) {
			expect(run.status).not.toBe(0);
			expect(run.stdout + run.stderr).not.toContain(apiTokenInstance);
			expect(run.stdout + run.stderr).not.toContain(apiKey);
			expect((run.stdout + run.stderr).length).toBeGreaterThan(20);
		}
	});
});
