import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArguments } from '../src/cli-arguments.js';
import { formatBanner } from '../src/cli-banner.js';
import { type Sandbox, startSandbox } from '../src/index.js';

describe('wamedia-sandbox command line', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	it('reads ports, media and flags', () => {
		expect(
			parseCliArguments([
				'--port-api',
				'8081',
				'--port-multi-session',
				'8082',
				'--media',
				'big:mp4:256M',
				'--media',
				'b:bytes:10',
				'--json',
			]),
		).toEqual({
			help: false,
			json: true,
			options: {
				ports: { api: 8081, multiSession: 8082 },
				media: [
					{ id: 'big', kind: 'mp4', size: 256 * 1024 * 1024 },
					{ id: 'b', kind: 'bytes', size: 10 },
				],
			},
		});
		expect(parseCliArguments(['-h']).help).toBe(true);
		expect(parseCliArguments(['--long-poll-ms', '60000']).options.longPollMs).toBe(60_000);
		expect(parseCliArguments(['--port-meta', '9001', '--port-meta-media', '9002', '--port-waha', '9003']).options.ports).toEqual({
			meta: 9001,
			metaMedia: 9002,
			waha: 9003,
		});
		expect(parseCliArguments(['--port-evolution', '9004']).options.ports).toEqual({ evolution: 9004 });
		expect(parseCliArguments(['--waha-files-lifetime-seconds', '0']).options.wahaFilesLifetimeSeconds).toBe(0);
	});

	it('rejects bad flags and values', () => {
		expect(() => parseCliArguments(['--bogus'])).toThrow();
		expect(() => parseCliArguments(['--media', 'x:gif:10'])).toThrow(/kind/);
		expect(() => parseCliArguments(['--media', 'x:jpeg'])).toThrow(/ID:KIND:SIZE/);
		expect(() => parseCliArguments(['--port-api', 'eighty'])).toThrow(/--port-api/);
	});

	it('prints URLs, credentials, the catalog, commands and fault examples', () => {
		const banner = formatBanner(sandbox, { directory: '/tmp/wamedia-try-x' });
		for (const text of [
			sandbox.greenApi.apiUrl,
			sandbox.storageUrl,
			sandbox.multiSession.serverUrl,
			sandbox.greenApi.apiTokenInstance,
			sandbox.multiSession.apiKey,
			sandbox.media.get('image').idMessage,
			`--id-message ${sandbox.media.get('image').idMessage}`,
			"--webhook '/tmp/wamedia-try-x/webhook.json' -o '/tmp/wamedia-try-x'",
			`WAMEDIA_SERVER_URL=${sandbox.multiSession.serverUrl} WAMEDIA_API_KEY=${sandbox.multiSession.apiKey} npx wamedia`,
			`curl -X POST ${sandbox.controlUrl}/faults`,
			sandbox.meta.graphUrl,
			sandbox.meta.mediaHostUrl,
			sandbox.meta.accessToken,
			`WAMEDIA_GRAPH_URL=${sandbox.meta.graphUrl} WAMEDIA_API_VERSION=v25.0 WAMEDIA_ACCESS_TOKEN=${sandbox.meta.accessToken} npx wamedia download --provider meta --media-id ${sandbox.meta.mediaId('image')}`,
			`${sandbox.controlUrl}/webhooks/meta/image,document`,
			`curl -X POST ${sandbox.controlUrl}/clock/advance -d '{"seconds":301}'`,
			sandbox.meta.errorMediaIds.throughputLimit,
			sandbox.waha.serverUrl,
			sandbox.waha.apiKey,
			sandbox.waha.messageId('image'),
			`WAMEDIA_SERVER_URL=${sandbox.waha.serverUrl} WAMEDIA_API_KEY=${sandbox.waha.apiKey} WAMEDIA_SESSION=default npx wamedia download --provider waha --webhook`,
			'WAHA files 180 s',
			sandbox.evolution.serverUrl,
			sandbox.evolution.apiKey,
			`npx wamedia download --provider evolution --id-message ${sandbox.evolution.messageId('image')} -o`,
		]) {
			expect(banner).toContain(text);
		}
		// One command per line, and no token passed as a flag (the CLI advises the environment for them).
		const commands = banner.split('\n').filter((line) => /^ {2}(\S+=\S+ )*(npx|curl) /.test(line));
		expect(commands.length).toBeGreaterThan(15);
		for (const line of commands) {
			expect(line.match(/(?:^|\s)(?:npx|curl) /g), line).toHaveLength(1);
			expect(line).not.toMatch(/--api-token-instance|--api-key|--access-token/);
			if (line.includes('npx wamedia download')) expect(line).toContain("-o '/tmp/wamedia-try-x'");
		}
	});
});
