import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import type { JournalLine } from '../../src/index.js';
import { archivedFiles, fileSha256, readJournal, resetInstance } from './archive-helpers.js';
import { finished, runWamedia, startWamedia } from './cli.js';
import { temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
beforeEach(() => resetInstance(sandbox()));

const greenEnv = () => ({
	WAMEDIA_API_URL: sandbox().greenApi.apiUrl,
	WAMEDIA_ID_INSTANCE: sandbox().greenApi.idInstance,
	WAMEDIA_API_TOKEN_INSTANCE: sandbox().greenApi.apiTokenInstance,
});

function ndjson(stdout: string): unknown[] {
	return stdout
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line));
}

describe('wamedia sync', () => {
	it('--once archives the queue: a line per file, a summary, exit 0, and the secret nowhere', async () => {
		const directory = await temporaryDirectory();
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		sandbox().notifications.enqueue({ type: 'file', media: 'document', direction: 'outgoingApi' });
		sandbox().notifications.enqueue({ type: 'text', text: 'hello' });
		const run = await runWamedia(['sync', '-o', directory, '--once'], { env: greenEnv() });
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(`✔ ${sandbox().chatId}/a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg (image/jpeg`);
		expect(run.stdout).toContain(`✔ ${sandbox().chatId}/Счёт №42.pdf (application/pdf`);
		expect(run.stdout).toContain('· incomingMessageReceived textMessage');
		expect(run.stderr).toContain(`sync: 3 notifications: 2 downloaded; journal ${join(directory, 'wamedia-journal.ndjson')}`);
		expect(`${run.stdout}${run.stderr}`).not.toContain(sandbox().greenApi.apiTokenInstance);
		expect(await archivedFiles(directory)).toHaveLength(2);
		expect(sandbox().notifications.list()).toEqual([]);
	});

	it('--json prints exactly the journal lines, one parseable object per line', async () => {
		const directory = await temporaryDirectory();
		for (const media of ['voice', 'sticker']) sandbox().notifications.enqueue({ type: 'file', media });
		sandbox().notifications.enqueue({ type: 'status', status: 'read' });
		const run = await runWamedia(['sync', '-o', directory, '--once', '--json'], { env: greenEnv() });
		expect(run).toMatchObject({ status: 0, stderr: '' });
		const lines = ndjson(run.stdout) as JournalLine[];
		expect(lines).toEqual(await readJournal(directory));
		expect(lines).toHaveLength(3);
		for (const line of lines.slice(0, 2)) {
			if (line.result?.success !== true) throw new Error('expected a file');
			expect(await fileSha256(directory, line.result.path)).toBe(line.result.sha256);
		}
		expect(lines[2]).toMatchObject({ typeWebhook: 'outgoingMessageStatus', body: { status: 'read' } });
	});

	it('a failure that may pass: exit 1, the head stays queued, and --json ends with the error', async () => {
		const directory = await temporaryDirectory();
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
		const run = await runWamedia(['sync', '-o', directory, '--once', '--json', '--timeout', '2000'], { env: greenEnv() });
		expect(run.status).toBe(1);
		expect(ndjson(run.stdout)).toMatchObject([{ success: false, error: { code: 'UPSTREAM_ERROR', status: 503 } }]);
		expect(sandbox().notifications.list()).toMatchObject([{ receiptId: head.receiptId }]);
		expect(await archivedFiles(directory)).toEqual([]);
	});

	it('a file that has no file left: written down, deleted, exit 1', async () => {
		const directory = await temporaryDirectory();
		sandbox().notifications.enqueue({ type: 'file', media: 'png', downloadUrl: '', downloadFile: 'unavailable' });
		const run = await runWamedia(['sync', '-o', directory, '--once'], { env: greenEnv() });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('(MEDIA_UNAVAILABLE, HTTP 500)');
		expect(run.stderr).toContain('sync: 1 notification: 0 downloaded, 1 failed');
		expect(sandbox().notifications.list()).toEqual([]);
		expect(await readJournal(directory)).toMatchObject([{ result: { success: false, error: { code: 'MEDIA_UNAVAILABLE' } } }]);
	});

	it('refuses an instance with a webhookUrl or not authorized: exit 1 with what to do', async () => {
		sandbox().instance.setSettings({ webhookUrl: 'https://example.com/hook' });
		const webhook = await runWamedia(['sync', '-o', await temporaryDirectory(), '--once'], { env: greenEnv() });
		expect(webhook.status).toBe(1);
		expect(webhook.stderr).toContain('(INSTANCE_NOT_READY)');
		expect(webhook.stderr).toContain('Clear webhookUrl');
		sandbox().instance.setSettings({ webhookUrl: '' });
		sandbox().instance.setState('notAuthorized');
		const notAuthorized = await runWamedia(['sync', '-o', await temporaryDirectory(), '--once', '--json'], { env: greenEnv() });
		expect(notAuthorized.status).toBe(1);
		expect(ndjson(notAuthorized.stdout)).toMatchObject([{ success: false, error: { code: 'INSTANCE_NOT_READY' } }]);
	});

	it('Ctrl-C mid-download exits 130: the notification stays queued and no file is left', async () => {
		const directory = await temporaryDirectory();
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'large' });
		sandbox().faults.add({ server: 'storage', type: 'stall', afterBytes: 100_000 });
		const child = startWamedia(['sync', '-o', directory], { env: greenEnv() });
		const run = finished(child);
		child.stdin.end();
		for (let tries = 0; tries < 500; tries++) {
			if (
				sandbox()
					.requests.list()
					.some((request) => request.server === 'storage')
			)
				break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		child.kill('SIGINT');
		expect((await run).status).toBe(130);
		expect(sandbox().notifications.list()).toMatchObject([{ receiptId: head.receiptId, status: 'queued' }]);
		expect(await archivedFiles(directory)).toEqual([]);
	});

	it('usage errors exit 2 and name the flag', async () => {
		const cases: Array<[string[], Record<string, string>, string]> = [
			[['sync', '--once'], {}, '--id-instance and --api-token-instance'],
			[['sync', '--minutes', '5'], greenEnv(), '--minutes is not an option of wamedia sync'],
			[['sync', '--webhook', 'x.json'], greenEnv(), '--webhook is not an option of wamedia sync'],
			[['sync', '--receive-timeout', '3'], greenEnv(), '--receive-timeout'],
			[['sync', '--max-items', 'many'], greenEnv(), '--max-items'],
			[['sync', 'now'], greenEnv(), 'Unexpected argument "now"'],
			[['sync', '--provider', 'multi-session'], greenEnv(), 'drop --provider multi-session'],
			[['backfill', '--count', '5'], greenEnv(), '--count goes with --chat-id'],
			[['backfill', '--chat-id', sandbox().chatId, '--minutes', '5'], greenEnv(), '--minutes'],
			[['backfill', '--once'], greenEnv(), '--once is not an option of wamedia backfill'],
			[['download', '--once', '--download-url', 'https://example.com/a.jpg'], {}, '--once is an option of wamedia sync or backfill'],
		];
		for (const [args, env, text] of cases) {
			const run = await runWamedia(args, { env });
			expect({ args, status: run.status }).toEqual({ args, status: 2 });
			expect(run.stderr).toContain(text);
		}
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('help sync and help backfill describe the flags and the exit status', async () => {
		const sync = await runWamedia(['help', 'sync']);
		expect(sync.status).toBe(0);
		for (const text of ['--once', '--max-items N', '--receive-timeout S', '-o, --out DIR', '--json', 'wamedia-journal.ndjson', '130']) {
			expect(sync.stdout).toContain(text);
		}
		const backfill = await runWamedia(['backfill', '--help']);
		for (const text of ['--minutes N', '--outgoing', '--chat-id ID [--count N]', 'downloadFile']) expect(backfill.stdout).toContain(text);
		const main = await runWamedia(['--help']);
		expect(main.stdout).toContain('wamedia sync …');
		expect(main.stdout).toContain('wamedia backfill …');
	});
});

describe('wamedia backfill', () => {
	it('archives the journals (with --outgoing), --json lines parse, and a second run downloads nothing', async () => {
		const directory = await temporaryDirectory();
		sandbox().journal.add({ type: 'file', media: 'image' });
		sandbox().journal.add({ type: 'file', media: 'video', downloadUrl: '' });
		sandbox().journal.add({ type: 'file', media: 'document', direction: 'outgoing' });
		const run = await runWamedia(['backfill', '-o', directory, '--outgoing', '--json'], { env: greenEnv() });
		expect(run).toMatchObject({ status: 0, stderr: '' });
		const lines = ndjson(run.stdout) as JournalLine[];
		expect(lines).toHaveLength(3);
		expect(lines.map((line) => line.source).sort()).toEqual(['lastIncomingMessages', 'lastIncomingMessages', 'lastOutgoingMessages']);
		expect(await archivedFiles(directory)).toHaveLength(3);

		const again = await runWamedia(['backfill', '-o', directory, '--outgoing'], { env: greenEnv() });
		expect(again.status).toBe(0);
		expect(again.stderr).toContain('backfill: 3 file messages: 0 downloaded, 3 archived before');
		expect(await archivedFiles(directory)).toHaveLength(3);
	});

	it('--chat-id --count reads one chat; a failure exits 1', async () => {
		const directory = await temporaryDirectory();
		sandbox().journal.add({ type: 'file', media: 'sticker' });
		sandbox().journal.add({ type: 'file', media: 'png', downloadUrl: '', downloadFile: 'noMedia' });
		const run = await runWamedia(['backfill', '-o', directory, '--chat-id', sandbox().chatId, '--count', '10'], { env: greenEnv() });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('(NO_MEDIA, HTTP 400)');
		expect(run.stderr).toContain('backfill: 2 file messages: 1 downloaded, 1 failed');
		expect((await readJournal(directory)).every((line) => line.source === 'getChatHistory')).toBe(true);
	});

	it('shows a count on a terminal while a long back-fill runs, and removes it at the end', async () => {
		const directory = await temporaryDirectory();
		// Eight links from downloadFile take more than a second at its 5 per second.
		for (let index = 0; index < 8; index++) sandbox().journal.add({ type: 'file', media: 'sticker', downloadUrl: '' });
		const stdout = new PassThrough();
		const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
		let shown = '';
		stderr.on('data', (chunk: Buffer) => (shown += chunk));
		stdout.resume();
		const status = await runCli(['backfill', '-o', directory], { env: greenEnv(), stdin: Readable.from([]), stdout, stderr });
		expect(status).toBe(0);
		expect(shown).toMatch(/\r\x1b\[K\[\d\/8\] file messages/);
		expect(shown.endsWith(`backfill: 8 file messages: 8 downloaded; journal ${join(directory, 'wamedia-journal.ndjson')}\n`)).toBe(true);
	});
});
