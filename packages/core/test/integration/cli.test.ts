import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWamedia } from './cli.js';
import { entries, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

const greenEnv = () => ({
	WAMEDIA_API_URL: sandbox().greenApi.apiUrl,
	WAMEDIA_ID_INSTANCE: sandbox().greenApi.idInstance,
	WAMEDIA_API_TOKEN_INSTANCE: sandbox().greenApi.apiTokenInstance,
});

describe('wamedia CLI', () => {
	it('--version and --help', async () => {
		const version = await runWamedia(['--version']);
		expect(version).toMatchObject({ status: 0, stdout: '0.1.0\n' });
		const help = await runWamedia(['--help']);
		expect(help.status).toBe(0);
		for (const flag of [
			'--chat-id',
			'--id-message',
			'--webhook',
			'--media-url',
			'--download-url',
			'--json',
			'--max-bytes',
			'Exit status',
		]) {
			expect(help.stdout).toContain(flag);
		}
		expect((await runWamedia([])).status).toBe(0);
	});

	it('downloads by message id with credentials from the environment and prints one JSON object', async () => {
		const directory = await temporaryDirectory();
		const image = sandbox().media.get('image');
		const run = await runWamedia(
			['download', '--chat-id', sandbox().chatId, '--id-message', image.idMessage, '--out', directory, '--json'],
			{
				env: greenEnv(),
			},
		);
		expect(run.status).toBe(0);
		const result = JSON.parse(run.stdout);
		expect(run.stdout.trim().split('\n')).toHaveLength(1);
		expect(result).toMatchObject({ success: true, format: 'file', sha256: image.sha256, size: image.size, mimeType: 'image/jpeg' });
		expect(sha256(await readFile(result.path))).toBe(image.sha256);
	});

	it('prints a human summary without --json', async () => {
		const directory = await temporaryDirectory();
		const run = await runWamedia(['download', '--webhook', '-', '--out', directory], {
			env: greenEnv(),
			stdin: JSON.stringify(sandbox().webhooks.journal('document')),
		});
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('✔ Счёт №42.pdf (application/pdf');
		expect(run.stdout).toContain(join(directory, 'Счёт №42.pdf'));
		expect(run.stdout).toContain(sandbox().media.get('document').sha256);
	});

	it('reads a webhook file and renews its expired link', async () => {
		const directory = await temporaryDirectory();
		const file = join(directory, 'webhook.json');
		await writeFile(file, JSON.stringify(sandbox().webhooks.notification('voice', { expired: true })));
		const run = await runWamedia(['download', '--webhook', file, '--out', directory, '--json'], { env: greenEnv() });
		expect(run.status).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({ mimeType: 'audio/ogg', fileName: expect.stringMatching(/\.ogg$/) });
	});

	it('--format base64 prints the data; --format binary writes raw bytes to stdout', async () => {
		const link = sandbox().storageLink('sticker');
		const bytes = await sandbox().media.bytes('sticker');
		const base64 = await runWamedia(['download', '--download-url', link, '--format', 'base64', '--allow-private-network']);
		expect(base64.status).toBe(0);
		expect(base64.stdout.trim()).toBe(bytes.toString('base64'));
		const binary = await runWamedia(['download', '--download-url', link, '--format', 'binary', '--allow-private-network']);
		expect(binary.status).toBe(0);
		expect(Buffer.compare(binary.bytes, bytes)).toBe(0);
	});

	it('Multi-Session with --media-url, --server-url and --api-key', async () => {
		const directory = await temporaryDirectory();
		const run = await runWamedia(
			['download', '--media-url', sandbox().multiSessionPath('video'), '--session-id', 'sess-9', '--out', directory, '--json'],
			{ env: { WAMEDIA_SERVER_URL: sandbox().multiSession.serverUrl, WAMEDIA_API_KEY: sandbox().multiSession.apiKey } },
		);
		expect(run.status).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({
			provider: 'multi-session',
			sessionId: 'sess-9',
			sha256: sandbox().media.get('video').sha256,
		});
	});

	it('exit 1 with the error result on a failed download', async () => {
		const run = await runWamedia(['download', '--media-url', sandbox().multiSessionPath('image', { expired: true }), '--json'], {
			env: { WAMEDIA_SERVER_URL: sandbox().multiSession.serverUrl, WAMEDIA_API_KEY: sandbox().multiSession.apiKey },
		});
		expect(run.status).toBe(1);
		expect(JSON.parse(run.stdout)).toMatchObject({
			success: false,
			error: { code: 'MEDIA_EXPIRED', status: 410, hint: expect.any(String) },
		});
		const human = await runWamedia(['download', '--media-url', sandbox().multiSessionPath('image', { expired: true })], {
			env: { WAMEDIA_SERVER_URL: sandbox().multiSession.serverUrl, WAMEDIA_API_KEY: sandbox().multiSession.apiKey },
		});
		expect(human.status).toBe(1);
		expect(human.stderr).toMatch(/✖ Media link has expired \(MEDIA_EXPIRED, HTTP 410\)\n {2}hint: /);
	});

	it.each([
		[['download'], 'Give a source'],
		[['download', '--chat-id', '1@c.us'], 'needs --id-message'],
		[['download', '--chat-id', '79001234567@c.us', '--id-message', 'ABCDEF'], '--id-instance'],
		[['download', '--download-url', 'http://x', '--webhook', 'f.json'], 'one source'],
		[['download', '--download-url', 'http://x', '--format', 'xml'], '--format'],
		[['download', '--download-url', 'http://x', '--max-bytes', '-3'], 'max-bytes'],
		[['download', '--download-url', 'http://x', '--bogus'], 'bogus'],
		[['fetch'], 'Unknown command'],
		[['download', '--webhook', '/nonexistent/webhook.json'], 'file not found'],
		[
			['download', '--chat-id', '7900@c.us', '--id-message', 'ABCDEF123', '--id-instance', '1', '--api-token-instance', 'tok1234'],
			'Invalid chatId',
		],
	])('exit 2 with INVALID_INPUT for %j', async (args, message) => {
		const run = await runWamedia([...args, '--json']);
		expect(run.status).toBe(2);
		expect(JSON.parse(run.stdout)).toMatchObject({
			success: false,
			error: { code: 'INVALID_INPUT', message: expect.stringContaining(message) },
		});
	});

	it('leaves no file behind when a download fails', async () => {
		const directory = await temporaryDirectory();
		sandbox().faults.add({ server: 'storage', type: 'truncate', afterBytes: 1000, times: Number.POSITIVE_INFINITY });
		const run = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('large'),
			'--out',
			directory,
			'--allow-private-network',
			'--json',
		]);
		expect(run.status).toBe(1);
		expect(JSON.parse(run.stdout).error.code).toBe('INTEGRITY');
		expect(await entries(directory)).toEqual([]);
	});
});
