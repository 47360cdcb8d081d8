// The sandbox banner's Try commands, run exactly as printed (one shell line each, `npx wamedia` standing for the
// built CLI): every one succeeds, writes only under the folder the banner names, and leaves the working
// directory — in real use, the clone — untouched.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { formatBanner } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { bin } from './cli.js';
import { temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

describe('the sandbox banner', () => {
	it('prints Try commands that work as written, one per line, writing only under their folder', async () => {
		const directory = await temporaryDirectory();
		const workingDirectory = await temporaryDirectory();
		const banner = formatBanner(sandbox(), { directory });
		const start = banner.split('\n').findIndex((line) => line.startsWith('Try'));
		const lines = banner
			.split('\n')
			.slice(start + 1)
			.filter((line) => line.startsWith('  '));
		expect(lines.length).toBeGreaterThanOrEqual(10);
		for (const line of lines) {
			const command = line.trim().replace(' npx wamedia ', ` "${process.execPath}" "${bin}" `);
			// Not spawnSync: the sandbox answers from this process, whose event loop must keep running.
			const child = spawn('sh', ['-c', command], { cwd: workingDirectory, env: { PATH: process.env.PATH ?? '' } });
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
			});
			child.stderr.on('data', (chunk: Buffer) => {
				output += chunk.toString();
			});
			const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
			const run = { status, stdout: output, stderr: '' };
			expect(run.status, `${line}\n${run.stdout}${run.stderr}`).toBe(0);
		}
		expect(await readdir(workingDirectory)).toEqual([]);
		const written = await readdir(directory);
		expect(written).toEqual(expect.arrayContaining(['webhook.json', 'meta.json', 'waha.json']));
		expect(written.filter((name) => !name.endsWith('.json')).length).toBeGreaterThanOrEqual(7);
	}, 120_000);
});
