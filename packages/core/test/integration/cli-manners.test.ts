import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, finished, runWamedia, runWamediaIntoHead, startWamedia } from './cli.js';
import { entries, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

const greenEnv = () => ({
	WAMEDIA_API_URL: sandbox().greenApi.apiUrl,
	WAMEDIA_ID_INSTANCE: sandbox().greenApi.idInstance,
	WAMEDIA_API_TOKEN_INSTANCE: sandbox().greenApi.apiTokenInstance,
});

const hasScript = spawnSync('script', ['--version']).status === 0;

function storageRequests(): number {
	return sandbox()
		.requests.list()
		.filter((record) => record.server === 'storage').length;
}

describe('wamedia CLI manners', () => {
	it('--quiet prints nothing for a download and still prints errors', async () => {
		const directory = await temporaryDirectory();
		const ok = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('png'),
			'-o',
			directory,
			'--allow-private-network',
			'-q',
		]);
		expect(ok).toMatchObject({ status: 0, stdout: '', stderr: '' });
		expect(await entries(directory)).toEqual(['screenshot.png']);
		const failed = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('png', { expired: true }),
			'--quiet',
			'--allow-private-network',
		]);
		expect(failed.status).toBe(1);
		expect(failed.stdout).toBe('');
		expect(failed.stderr).toContain('(MEDIA_EXPIRED');
		expect((await runWamedia(['download', '--download-url', 'http://x', '--quiet', '--verbose'])).status).toBe(2);
	});

	it('--verbose describes the run, each retry and renewal on stderr and never shows a secret', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503 });
		const run = await runWamedia(
			[
				'download',
				'--api-url',
				sandbox().greenApi.apiUrl,
				'--id-instance',
				sandbox().greenApi.idInstance,
				'--api-token-instance',
				apiTokenInstance,
				'--webhook',
				'-',
				'--verbose',
				'--json',
			],
			{ stdin: JSON.stringify(sandbox().webhooks.notification('voice', { expired: true })) },
		);
		expect(run.status).toBe(0);
		expect(run.stderr).toContain(
			`* Green-API ${sandbox().greenApi.apiUrl}, idInstance ${sandbox().greenApi.idInstance}, apiTokenInstance set`,
		);
		expect(run.stderr).toContain('* 1 item from --webhook -; format file; concurrency 4');
		expect(run.stderr).toMatch(
			/\* retry attempt=1 retries=3 delay=\d+ code=UPSTREAM_ERROR status=503 url=http:\/\/127\.0\.0\.1:\d+\/sw-media\//,
		);
		expect(run.stderr).toMatch(/\* renew reason=expired chatId=\S+ idMessage=\S+/);
		expect(`${run.stdout}${run.stderr}`).not.toContain(apiTokenInstance);
	});

	it('redacts a secret that reaches the output through a result', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		const link = `${sandbox().storageLink('png')}&note=${apiTokenInstance}`;
		const directory = await temporaryDirectory();
		const run = await runWamedia(['download', '--download-url', link, '-o', directory, '--allow-private-network', '--json'], {
			env: greenEnv(),
		});
		expect(run.status).toBe(0);
		expect(run.stdout).not.toContain(apiTokenInstance);
		expect(JSON.parse(run.stdout).downloadUrl).toMatch(/&note=\*\*\*$/);
	});

	it('suggests the flag or command that was meant; --version only; -o is --out', async () => {
		const cases: Array<[string[], string]> = [
			[['download', '--id-mesage', 'x'], 'Unknown option --id-mesage (did you mean --id-message?)'],
			[['download', '--jsno'], 'Unknown option --jsno (did you mean --json?)'],
			[['download', '--allow'], 'Unknown option --allow (did you mean --allow-private-network?)'],
			[['-v'], 'Unknown option -v (did you mean --verbose or --version?)'],
			[['donwload'], 'Unknown command "donwload" (did you mean download?)'],
			[['download', '--out'], '--out needs a value'],
			[['download', '--json=yes'], '--json takes no value'],
			[['download', '--out', 'a', '--out', 'b'], '--out is given more than once'],
		];
		for (const [args, message] of cases) {
			const run = await runWamedia(args);
			expect(run.status).toBe(2);
			expect(run.stderr).toContain(`✖ ${message} (INVALID_INPUT)`);
			const json = await runWamedia([...args, '--json']);
			expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'INVALID_INPUT', message });
		}
		expect(await runWamedia(['--version'])).toMatchObject({ status: 0, stdout: '0.1.0\n' });
		const directory = await temporaryDirectory();
		const short = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('sticker'),
			'-o',
			directory,
			'--allow-private-network',
		]);
		expect(short.status).toBe(0);
		expect(await entries(directory)).toHaveLength(1);
	});

	it('flags without a command are a usage error: exit 2, and one JSON error object with --json', async () => {
		const run = await runWamedia(['--download-url', sandbox().storageLink('png'), '--json']);
		expect(run.status).toBe(2);
		expect(run.stdout.trim().split('\n')).toHaveLength(1);
		expect(JSON.parse(run.stdout)).toMatchObject({
			success: false,
			error: { code: 'INVALID_INPUT', message: expect.stringContaining('No command') },
		});
		expect(storageRequests()).toBe(0);
	});

	it('a bare wamedia prints the usage on stdout and exits 0, as gh does', async () => {
		const bare = await runWamedia([]);
		expect(bare).toMatchObject({ status: 0, stderr: '' });
		expect(bare.stdout).toBe((await runWamedia(['--help'])).stdout);
		for (const text of ['wamedia download', 'wamedia check', 'wamedia completion bash|zsh|fish', 'Exit status']) {
			expect(bare.stdout).toContain(text);
		}
	});

	it('wamedia help download, help completion, --help', async () => {
		const download = await runWamedia(['help', 'download']);
		expect(download.status).toBe(0);
		for (const text of ['--id-message ID…', '--input FILE|-', '--concurrency N', '-o, --out DIR', '--quiet', '--verbose', '141', '130']) {
			expect(download.stdout).toContain(text);
		}
		expect(await runWamedia(['download', '--help'])).toMatchObject({ status: 0, stdout: download.stdout });
		expect((await runWamedia(['help', 'completion'])).stdout).toContain('source <(wamedia completion bash)');
		expect((await runWamedia(['help', 'nothing'])).status).toBe(2);
	});

	it.skipIf(!hasScript)('refuses --format binary when stdout is a terminal, before any request', async () => {
		const command = [
			process.execPath,
			bin,
			'download',
			'--download-url',
			sandbox().storageLink('png'),
			'--format',
			'binary',
			'--allow-private-network',
		]
			.map((part) => `'${part.replaceAll("'", "'\\''")}'`)
			.join(' ');
		// `script` runs the command on a pseudo-terminal and copies what it prints.
		const child = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '' } });
		let printed = '';
		child.stdout.on('data', (chunk: Buffer) => (printed += chunk));
		const [status] = await once(child, 'close');
		expect(status).toBe(2);
		expect(printed).toContain('Binary output can mess up your terminal');
		expect(printed).toContain('(INVALID_INPUT)');
		expect(printed).not.toContain('Unexpected error');
		expect(printed).toContain('hint: Save the file with -o DIR');
		expect(storageRequests()).toBe(0);
	});

	it('a closed stdout (| head -c 100) ends quietly with 141: binary, base64 and --json', async () => {
		const large = sandbox().storageLink('large');
		for (const format of ['binary', 'base64']) {
			const run = await runWamediaIntoHead(['download', '--download-url', large, '--format', format, '--allow-private-network'], 100);
			expect(run).toMatchObject({ status: 141, stderr: '' });
		}
		const directory = await temporaryDirectory();
		const links = ['large', 'large', 'large', 'large'].flatMap(() => ['--download-url', large]);
		const run = await runWamediaIntoHead(
			['download', ...links, '--concurrency', '1', '-o', directory, '--allow-private-network', '--json'],
			0,
		);
		expect(run).toMatchObject({ status: 141, stderr: '' });
		// The downloads after the first were stopped; whatever is on disk is complete, nothing partial.
		const files = await readdir(directory);
		expect(files.length).toBeLessThan(4);
		expect(files.filter((name) => name.startsWith('.'))).toEqual([]);
		for (const name of files) expect(sha256(await readFile(join(directory, name)))).toBe(sandbox().media.get('large').sha256);
	});

	it('Ctrl-C (SIGINT) exits 130 and leaves no partial file', async () => {
		const directory = await temporaryDirectory();
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 500_000 });
		const child = startWamedia(['download', '--download-url', sandbox().storageLink('video'), '-o', directory, '--allow-private-network']);
		const run = finished(child);
		child.stdin.end();
		while (storageRequests() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
		child.kill('SIGINT');
		expect((await run).status).toBe(130);
		expect(await entries(directory)).toEqual([]);
	});
});

describe('a failure before the first byte of streamed output', () => {
	it.each(['binary', 'base64'])('--format %s ends with the error, not a crash', async (format) => {
		sandbox().faults.add({ server: 'storage', type: 'status', status: 404 });
		const run = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('image'),
			'--allow-private-network',
			'--format',
			format,
		]);
		expect(run.status).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('MEDIA_NOT_FOUND');
		expect(run.stderr).not.toMatch(/Unhandled|node:events|at .*\.js:\d+/);
	});
});
