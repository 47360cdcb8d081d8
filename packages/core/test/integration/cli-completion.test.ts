import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWamedia } from './cli.js';
import { temporaryDirectory } from './helpers.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

async function script(shell: 'bash' | 'zsh'): Promise<{ file: string; directory: string }> {
	const run = await runWamedia(['completion', shell]);
	expect(run.status).toBe(0);
	const directory = await temporaryDirectory();
	const file = join(directory, `wamedia.${shell}`);
	await writeFile(file, run.stdout);
	return { file, directory };
}

describe('wamedia completion', () => {
	it.skipIf(!has('bash'))('bash: the script parses and completes commands, flags and their values', async () => {
		const { file, directory } = await script('bash');
		expect(spawnSync('bash', ['-n', file]).status).toBe(0);
		await mkdir(join(directory, 'media-out'));
		const complete = (line: string) => {
			const program = `source "$1"; read -ra COMP_WORDS <<< "$2"; [[ "$2" == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _wamedia; printf '%s\\n' "\${COMPREPLY[@]}"`;
			const result = spawnSync('bash', ['-c', program, 'bash', file, line], { cwd: directory, encoding: 'utf8' });
			expect(result.stderr).toBe('');
			return result.stdout.trim().split('\n');
		};
		expect(complete('wamedia d')).toEqual(['download']);
		expect(complete('wamedia ')).toEqual(['download', 'sync', 'backfill', 'serve', 'check', 'help', 'completion', '--help', '--version']);
		expect(complete('wamedia download --fo')).toEqual(['--format']);
		expect(complete('wamedia download --id-')).toEqual(['--id-message', '--id-instance']);
		expect(complete('wamedia download --format ')).toEqual(['file', 'base64', 'binary']);
		expect(complete('wamedia download --provider m')).toEqual(['multi-session', 'meta']);
		expect(complete('wamedia download --provider e')).toEqual(['evolution']);
		expect(complete('wamedia download --media-')).toEqual(['--media-url', '--media-id']);
		expect(complete('wamedia download -o media-')).toEqual(['media-out']);
		expect(complete('wamedia --out x download --js')).toEqual(['--json']);
		expect(complete('wamedia completion ')).toEqual(['bash', 'zsh', 'fish']);
		expect(complete('wamedia check --acc')).toEqual(['--access-token']);
		expect(complete('wamedia help ')).toEqual(['download', 'sync', 'backfill', 'serve', 'check', 'help', 'completion']);
		expect(complete('wamedia sync --re')).toEqual(['--receive-timeout']);
		expect(complete('wamedia backfill --o')).toEqual(['--out', '--outgoing']);
		expect(complete('wamedia download --on')).toEqual(['']);
		const registered = spawnSync('bash', ['-c', 'source "$1" && complete -p wamedia', 'bash', file], { encoding: 'utf8' });
		expect(registered.stdout.trim()).toBe('complete -F _wamedia wamedia');
	});

	it.skipIf(!has('zsh'))('zsh: the script parses and registers _wamedia, with or without compinit loaded first', async () => {
		const { file, directory } = await script('zsh');
		expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
		const env = { PATH: process.env.PATH ?? '', HOME: directory };
		for (const setup of ['', 'autoload -Uz compinit && compinit -u;']) {
			const result = spawnSync('zsh', ['-f', '-c', `${setup} source "$1" && print -r -- $_comps[wamedia]`, 'zsh', file], {
				env,
				encoding: 'utf8',
			});
			expect(result).toMatchObject({ status: 0, stdout: '_wamedia\n', stderr: '' });
		}
	});

	it('names the shell', async () => {
		const run = await runWamedia(['completion', 'ksh', '--json']);
		expect(run.status).toBe(2);
		expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'INVALID_INPUT', hint: expect.stringContaining('wamedia completion fish') });
	});

	it('fish: one complete line per command and flag, each flag under the commands that take it', async () => {
		const run = await runWamedia(['completion', 'fish']);
		expect(run).toMatchObject({ status: 0, stderr: '' });
		const lines = run.stdout.split('\n').filter((line) => line.startsWith('complete '));
		expect(lines.every((line) => line.startsWith('complete -c wamedia '))).toBe(true);
		for (const command of ['download', 'sync', 'backfill', 'check', 'help', 'completion']) {
			expect(lines.some((line) => line.includes(` -a ${command} -d `))).toBe(true);
		}
		expect(lines).toContain(
			"complete -c wamedia -n '__fish_seen_subcommand_from download' -l format -r -f -a 'file base64 binary' -d 'output format'",
		);
		expect(lines.some((line) => line.includes("'__fish_seen_subcommand_from download' -l out -s o -r -f"))).toBe(true);
		expect(lines.some((line) => line.includes("'__fish_seen_subcommand_from check' -l access-token"))).toBe(true);
		expect(lines.some((line) => line.includes("'__fish_seen_subcommand_from check' -l out"))).toBe(false);
		if (has('fish')) expect(spawnSync('fish', ['--no-execute', '-c', run.stdout]).status).toBe(0);
	});
});
