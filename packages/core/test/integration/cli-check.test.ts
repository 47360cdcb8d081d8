// `wamedia check` against every emulator, and the hints a new user meets: each flag and variable named once,
// in the CLI's words; a server's own sentence left as it is; signed links without their query in human output.
import { describe, expect, it } from 'vitest';
import { runWamedia } from './cli.js';
import { temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

const greenEnv = () => ({
	WAMEDIA_API_URL: sandbox().greenApi.apiUrl,
	WAMEDIA_ID_INSTANCE: sandbox().greenApi.idInstance,
	WAMEDIA_API_TOKEN_INSTANCE: sandbox().greenApi.apiTokenInstance,
});

/** Every `--flag (or VARIABLE)` and bare VARIABLE of a text, counted. */
function mentions(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const word of text.match(/--[a-z-]+|WAMEDIA_[A-Z_]+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
	return counts;
}

describe('wamedia check', () => {
	it('answers ready for each gateway with its cheapest authenticated call, exit 0', async () => {
		const { meta, waha, evolution, multiSession } = sandbox();
		const runs = [
			{ env: greenEnv(), args: [], provider: 'green-api', state: 'authorized' },
			{ env: { WAMEDIA_SERVER_URL: multiSession.serverUrl, WAMEDIA_API_KEY: multiSession.apiKey }, args: [], provider: 'multi-session' },
			{ env: { WAMEDIA_ACCESS_TOKEN: meta.accessToken }, args: ['--graph-url', meta.graphUrl], provider: 'meta' },
			{
				env: { WAMEDIA_ACCESS_TOKEN: meta.accessToken, WAMEDIA_PHONE_NUMBER_ID: meta.phoneNumberId },
				args: ['--graph-url', meta.graphUrl],
				provider: 'meta',
			},
			{
				env: { WAMEDIA_SERVER_URL: waha.serverUrl, WAMEDIA_API_KEY: waha.apiKey },
				args: ['--provider', 'waha'],
				provider: 'waha',
				state: 'WORKING',
			},
			{
				env: { WAMEDIA_SERVER_URL: evolution.serverUrl, WAMEDIA_API_KEY: evolution.apiKey, WAMEDIA_INSTANCE: evolution.instance },
				args: [],
				provider: 'evolution',
				state: 'open',
			},
		];
		for (const { env, args, provider, state } of runs) {
			const json = await runWamedia(['check', ...args, '--json'], { env });
			expect(json.status, `${provider}: ${json.stdout}${json.stderr}`).toBe(0);
			const lines = json.stdout.trim().split('\n');
			expect(lines).toHaveLength(1);
			expect(JSON.parse(lines[0] as string)).toMatchObject({ success: true, provider, ...(state === undefined ? {} : { state }) });
			const human = await runWamedia(['check', ...args], { env });
			expect(human).toMatchObject({ status: 0, stderr: '' });
			expect(human.stdout).toMatch(/^✔ .+: ready/);
		}
		const paths = sandbox()
			.requests.list()
			.map((record) => `${record.server} ${record.method} ${record.path.split('?')[0]}`);
		expect(paths).toEqual(
			expect.arrayContaining([
				'waha GET /api/sessions/default',
				'evolution GET /instance/connectionState/sandbox',
				`meta GET /${meta.apiVersion}/me`,
				`meta GET /${meta.apiVersion}/${meta.phoneNumberId}`,
				'multiSession GET /api/sessions',
			]),
		);
	}, 90_000);

	it('exits 1 with the typed error and a hint in CLI words when the gateway refuses or is not ready', async () => {
		const { evolution, waha } = sandbox();
		const token = await runWamedia(['check', '--json'], { env: { ...greenEnv(), WAMEDIA_API_TOKEN_INSTANCE: 'wrong-token-0123456789' } });
		expect(token.status).toBe(1);
		expect(JSON.parse(token.stdout).error).toMatchObject({ code: 'AUTH_FAILED', provider: 'green-api' });

		sandbox().instance.setState('notAuthorized');
		try {
			const state = await runWamedia(['check'], { env: greenEnv() });
			expect(state.status).toBe(1);
			expect(state.stderr).toContain('(INSTANCE_NOT_READY');
			expect(state.stderr).toContain('scan the QR code');
		} finally {
			sandbox().instance.setState('authorized');
		}

		const key = await runWamedia(['check', '--provider', 'waha'], {
			env: { WAMEDIA_SERVER_URL: waha.serverUrl, WAMEDIA_API_KEY: 'wrong-key-0123' },
		});
		expect(key.status).toBe(1);
		expect(key.stderr).toContain('(AUTH_FAILED, HTTP 401)');
		expect(key.stderr).toContain("hint: Check --api-key (or WAMEDIA_API_KEY): it is the server's WAHA_API_KEY");

		// The server's sentence keeps its words; the hint names the flag, and its variable, once.
		const shop = await runWamedia(['check', '--instance', 'shop1'], {
			env: { WAMEDIA_SERVER_URL: evolution.serverUrl, WAMEDIA_API_KEY: evolution.apiKey },
		});
		expect(shop.status).toBe(1);
		expect(shop.stderr).toContain('The "shop1" instance does not exist');
		expect(shop.stderr).not.toContain('--instance does not exist');
		expect(shop.stderr).toContain('hint: Check --instance (or WAMEDIA_INSTANCE): it is the name of the instance');
		for (const run of [token, key, shop]) expect(`${run.stdout}${run.stderr}`).not.toMatch(/wrong-token|wrong-key|apiKey|apiTokenInstance/);
	});

	it('exits 2 (INVALID_INPUT) when nothing is configured, or a credential pair is half given', async () => {
		const nothing = await runWamedia(['check', '--json']);
		expect(nothing.status).toBe(2);
		expect(JSON.parse(nothing.stdout).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('nothing to check') });
		const half = await runWamedia(['check'], { env: { WAMEDIA_ID_INSTANCE: '1101000001' } });
		expect(half.status).toBe(2);
		expect(half.stderr).toContain('(INVALID_INPUT)');
		for (const [word, count] of mentions(half.stderr.slice(half.stderr.indexOf('hint:')))) expect(count, word).toBe(1);
		expect((await runWamedia(['check', '--out', 'x'])).status).toBe(2);
	});
});

describe('hints in the CLI', () => {
	it('name each flag and variable once, and the message ids by their flags', async () => {
		const directory = await temporaryDirectory();
		const expired = sandbox().storageLink('image', { expired: true });
		const run = await runWamedia(['download', '--download-url', expired, '-o', directory, '--allow-private-network'], { env: greenEnv() });
		expect(run.status).toBe(1);
		const hint = run.stderr.slice(run.stderr.indexOf('hint:'));
		expect(hint).toContain('--chat-id and --id-message');
		expect(hint).not.toMatch(/\bchatId\b|\bidMessage\b|pass chatId/);
		for (const [word, count] of mentions(hint)) expect(count, word).toBe(1);
	});

	it('show signed links without their query; --json keeps the whole link', async () => {
		const directory = await temporaryDirectory();
		const link = sandbox().storageLink('png');
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503, times: 1 });
		const human = await runWamedia(['download', '--download-url', link, '-o', directory, '--allow-private-network', '--verbose']);
		expect(human.status).toBe(0);
		expect(`${human.stdout}${human.stderr}`).not.toContain('X-Amz-Signature');
		const json = await runWamedia(['download', '--download-url', link, '-o', directory, '--allow-private-network', '--json']);
		expect(JSON.parse(json.stdout).downloadUrl).toBe(link);
		expect(link).toContain('X-Amz-Signature=');
	});
});
