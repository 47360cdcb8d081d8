import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { finished, runWamedia, startWamedia } from './cli.js';
import { entries, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

const greenEnv = () => ({
	WAMEDIA_API_URL: sandbox().greenApi.apiUrl,
	WAMEDIA_ID_INSTANCE: sandbox().greenApi.idInstance,
	WAMEDIA_API_TOKEN_INSTANCE: sandbox().greenApi.apiTokenInstance,
});
const msEnv = () => ({ WAMEDIA_SERVER_URL: sandbox().multiSession.serverUrl, WAMEDIA_API_KEY: sandbox().multiSession.apiKey });

/** One NDJSON line: a download result or an error result. */
interface Line {
	success: boolean;
	idMessage?: string;
	sha256?: string;
	path?: string;
	error?: { code: string; details: Record<string, unknown> };
}

/** The NDJSON lines of a run, each parsed on its own. */
function lines(stdout: string): Line[] {
	expect(stdout.endsWith('\n')).toBe(true);
	return stdout
		.slice(0, -1)
		.split('\n')
		.map((line) => JSON.parse(line) as Line);
}

describe('wamedia download: batches', () => {
	it('repeated --id-message, bare and "<chatId> <idMessage>", prints NDJSON in input order and exits 1 on a failure', async () => {
		const directory = await temporaryDirectory();
		const ids = ['image', 'document', 'sticker'].map((id) => sandbox().media.get(id).idMessage);
		const run = await runWamedia(
			[
				'download',
				'--chat-id',
				sandbox().chatId,
				'--id-message',
				ids[0] as string,
				'--id-message',
				`${sandbox().chatId} ${specialMessages.noMedia}`,
				'--id-message',
				`${ids[1]},${ids[2]}`,
				'-o',
				directory,
				'--json',
			],
			{ env: greenEnv() },
		);
		expect(run.status).toBe(1);
		const results = lines(run.stdout);
		expect(results.map((result) => result.idMessage ?? result.error?.details.idMessage)).toEqual([
			ids[0],
			specialMessages.noMedia,
			ids[1],
			ids[2],
		]);
		expect(results.map((result) => result.success)).toEqual([true, false, true, true]);
		expect(results[1]?.error?.code).toBe('NO_MEDIA');
		expect(results[2]).toMatchObject({ sha256: sandbox().media.get('document').sha256 });
		expect(sha256(await readFile(results[3]?.path as string))).toBe(sandbox().media.get('sticker').sha256);
	});

	it('prints results in input order when a later item finishes first', async () => {
		const directory = await temporaryDirectory();
		const slow = sandbox().storageLink('video');
		sandbox().faults.add({ server: 'storage', path: new URL(slow).pathname, type: 'slow', bytesPerSecond: 2_000_000 });
		const links = [slow, sandbox().storageLink('sticker'), sandbox().storageLink('png')];
		const run = await runWamedia([
			'download',
			...links.flatMap((link) => ['--download-url', link]),
			'--concurrency',
			'3',
			'--out',
			directory,
			'--allow-private-network',
			'--json',
		]);
		expect(run.status).toBe(0);
		expect(lines(run.stdout).map((result) => result.sha256)).toEqual(
			['video', 'sticker', 'png'].map((id) => sandbox().media.get(id).sha256),
		);
	});

	it('keeps downloadFile within 5 calls a second for a batch of 12 at concurrency 12', async () => {
		const directory = await temporaryDirectory();
		const id = sandbox().media.get('sticker').idMessage;
		const run = await runWamedia(
			['download', '--chat-id', sandbox().chatId, ...Array.from({ length: 12 }, () => ['--id-message', id]).flat(), '--concurrency', '12'],
			{ env: greenEnv(), cwd: directory },
		);
		expect(run.status).toBe(0);
		// What the contract promises, whatever the machine's load: every item fetched once, and never a 429
		// answered twice in a row (a 429 slows the client down). Request totals under timing are not counted.
		const calls = sandbox()
			.requests.list()
			.filter((record) => record.server === 'api' && record.path.includes('/downloadFile/'));
		expect(calls.filter((call) => call.status === 200)).toHaveLength(12);
		expect(calls.every((call) => call.status === 200 || call.status === 429)).toBe(true);
		const statuses = calls.map((call) => call.status);
		expect(statuses.some((status, index) => status === 429 && statuses[index - 1] === 429)).toBe(false);
		expect(await entries(directory)).toHaveLength(12);
		expect(run.stderr).toContain('12 of 12 downloaded');
		// Twelve callers waiting on one signal: Node's listener-leak warning must not reach the user.
		expect(run.stderr).not.toMatch(/Warning/);
	});

	it('--webhook reads an array and NDJSON from stdin; one human line per item and a summary', async () => {
		const directory = await temporaryDirectory();
		const text = { ...sandbox().webhooks.greenApi('image'), messageData: { typeMessage: 'textMessage' } };
		const bodies = [sandbox().webhooks.greenApi('image'), text, sandbox().webhooks.notification('voice', { expired: true })];
		for (const stdin of [JSON.stringify(bodies), bodies.map((body) => JSON.stringify(body)).join('\n')]) {
			const run = await runWamedia(['download', '--webhook', '-', '--out', directory, '--overwrite'], { env: greenEnv(), stdin });
			expect(run.status).toBe(1);
			const done = run.stdout.trim().split('\n');
			expect(done).toHaveLength(2);
			expect(done[0]).toMatch(/^✔ \[1\/3\] .+\.jpg \(image\/jpeg, .+\) → /);
			expect(done[1]).toMatch(/^✔ \[3\/3\] .+\.ogg \(audio\/ogg, .+\) → /);
			expect(run.stderr).toMatch(/✖ \[2\/3\] \S+ \S+: The message has no file \(textMessage\) \(NO_MEDIA\)\n {2}hint: /);
			expect(run.stderr).toContain('2 of 3 downloaded, 1 failed');
		}
	});

	it('--input takes reference objects of every kind from a file', async () => {
		const directory = await temporaryDirectory();
		const file = join(directory, 'input.ndjson');
		const references = [
			{ chatId: sandbox().chatId, idMessage: sandbox().media.get('png').idMessage },
			{ downloadUrl: sandbox().storageLink('sticker') },
			{ mediaUrl: sandbox().multiSessionPath('image'), sessionId: 'sess-2' },
			sandbox().webhooks.journal('document'),
		];
		await writeFile(file, references.map((reference) => JSON.stringify(reference)).join('\n'));
		const run = await runWamedia(['download', '--input', file, '--out', directory, '--json'], { env: { ...greenEnv(), ...msEnv() } });
		expect(run.status).toBe(0);
		expect(lines(run.stdout).map((result) => result.sha256)).toEqual(
			['png', 'sticker', 'image', 'document'].map((id) => sandbox().media.get(id).sha256),
		);
	});

	it('repeated --media-url; base64 without --json prints one line per item, empty for a failure', async () => {
		const run = await runWamedia(
			[
				'download',
				'--media-url',
				sandbox().multiSessionPath('sticker'),
				'--media-url',
				sandbox().multiSessionPath('image', { expired: true }),
				'--media-url',
				sandbox().multiSessionPath('png'),
				'--format',
				'base64',
			],
			{ env: msEnv() },
		);
		expect(run.status).toBe(1);
		const data = run.stdout.split('\n');
		expect(data).toEqual([
			(await sandbox().media.bytes('sticker')).toString('base64'),
			'',
			(await sandbox().media.bytes('png')).toString('base64'),
			'',
		]);
		expect(run.stderr).toContain('(MEDIA_EXPIRED, HTTP 410)');
	});

	it('--format binary takes one item only', async () => {
		const run = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('png'),
			'--download-url',
			sandbox().storageLink('png'),
			'--format',
			'binary',
			'--allow-private-network',
		]);
		expect(run.status).toBe(2);
		expect(run.bytes).toHaveLength(0);
		expect(run.stderr).toContain('--format binary writes one file to stdout, and there are 2 items');
		expect(run.stderr).toContain('(INVALID_INPUT)');
		expect(run.stderr).not.toContain('Unexpected error');
		expect(run.stderr).toContain('hint: Use --format file');
	});

	it('an empty array is nothing to do; input that is not JSON is a usage error', async () => {
		const empty = await runWamedia(['download', '--input', '-'], { stdin: '[]' });
		expect(empty).toMatchObject({ status: 0, stdout: '' });
		expect(empty.stderr).toContain('Nothing to download');
		const broken = await runWamedia(['download', '--webhook', '-', '--json'], { stdin: '{"a": 1}\n{oops' });
		expect(broken.status).toBe(2);
		expect(JSON.parse(broken.stdout).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Line 2') });
	});

	it('--webhook - stops reading an endless stdin at 16 MiB with INVALID_INPUT', async () => {
		const child = startWamedia(['download', '--webhook', '-', '--json']);
		const run = finished(child);
		const chunk = Buffer.alloc(1024 * 1024, 0x20);
		let written = 0;
		child.stdin.on('error', () => undefined);
		const flood = (async () => {
			while (child.exitCode === null && !child.stdin.destroyed && written < 64 * chunk.length) {
				written += chunk.length;
				if (!child.stdin.write(chunk)) {
					await new Promise((resolve) => {
						child.stdin.once('drain', resolve);
						child.stdin.once('close', resolve);
					});
				}
			}
		})();
		const result = await run;
		await flood;
		expect(result.status).toBe(2);
		expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'INVALID_INPUT', message: 'Standard input is larger than 16 MiB' });
		// It stopped reading: far less than the 64 MiB on offer was taken.
		expect(written).toBeLessThan(40 * chunk.length);
	});
});
