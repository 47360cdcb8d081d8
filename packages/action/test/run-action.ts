import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { onTestFinished } from 'vitest';
import { parse } from 'yaml';

export const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
export const bundlePath = join(packageDirectory, 'dist', 'index.js');

/** action.yml, parsed. */
export interface ActionMetadata {
	name: string;
	description: string;
	branding?: { icon?: string; color?: string };
	inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
	outputs: Record<string, { description?: string }>;
	runs: { using: string; main: string };
}

/** Reads and parses action.yml. */
export async function readMetadata(): Promise<ActionMetadata> {
	return parse(await readFile(join(packageDirectory, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** A workflow command the action printed, e.g. `::error title=…::message`. */
export interface Annotation {
	level: string;
	properties: Record<string, string>;
	message: string;
}

/** What one run of the action left behind. */
export interface ActionRun {
	exitCode: number | null;
	stdout: string;
	stderr: string;
	outputs: Record<string, string>;
	summary: string;
	annotations: Annotation[];
	/** GITHUB_WORKSPACE of the run (removed when the test ends). */
	workspace: string;
}

// The runner's escaping of workflow command data and properties (@actions/core command.ts).
function unescapeCommand(text: string): string {
	return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function annotationsOf(stdout: string): Annotation[] {
	return [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map((match) => ({
		level: match[1] ?? '',
		properties: Object.fromEntries(
			(match[2] ?? '')
				.split(',')
				.filter((pair) => pair !== '')
				.map((pair) => [pair.slice(0, pair.indexOf('=')), unescapeCommand(pair.slice(pair.indexOf('=') + 1))]),
		),
		message: unescapeCommand(match[3] ?? ''),
	}));
}

/** Reads a GITHUB_OUTPUT file: `name<<delimiter`, value lines, `delimiter`. */
function outputsOf(text: string): Record<string, string> {
	const outputs: Record<string, string> = {};
	for (const match of text.matchAll(/^([^\n<]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) {
		outputs[match[1] ?? ''] = match[3] ?? '';
	}
	return outputs;
}

/** The parent's environment without anything a real runner (or a developer's shell) would leak into the child. */
function cleanEnvironment(): Record<string, string> {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			(entry): entry is [string, string] =>
				entry[1] !== undefined && !/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)|^(https?_proxy|all_proxy|no_proxy)$/i.test(entry[0]),
		),
	);
}

/**
 * Runs the committed `dist/index.js` as the runner does: `node dist/index.js` in a fresh workspace, every input
 * as `INPUT_<NAME>` (upper-cased, hyphens kept) with action.yml's defaults filled in, temporary GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files. `env` adds or overrides variables (ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN, …).
 * `whileRunning` gets the child process once it has started, e.g. to send it the signal the runner sends on a cancel.
 */
export async function runAction(
	inputs: Record<string, string>,
	env: Record<string, string> = {},
	timeoutMs = 25_000,
	whileRunning?: (child: ChildProcess) => Promise<void>,
): Promise<ActionRun> {
	const root = await mkdtemp(join(tmpdir(), 'wamedia-action-'));
	onTestFinished(() => rm(root, { recursive: true, force: true }));
	const workspace = join(root, 'workspace');
	const files = { output: join(root, 'output.txt'), summary: join(root, 'summary.md') };
	await mkdir(workspace);
	await mkdir(join(root, 'temp'));
	await writeFile(files.output, '');
	await writeFile(files.summary, '');
	const metadata = await readMetadata();
	const given = { ...Object.fromEntries(Object.entries(metadata.inputs).map(([name, input]) => [name, input.default ?? ''])), ...inputs };
	const childEnv = {
		...cleanEnvironment(),
		...Object.fromEntries(Object.entries(given).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
		GITHUB_ACTIONS: 'true',
		GITHUB_WORKSPACE: workspace,
		GITHUB_OUTPUT: files.output,
		GITHUB_STEP_SUMMARY: files.summary,
		GITHUB_SERVER_URL: 'https://github.com',
		GITHUB_REPOSITORY: 'octo-org/media-archive',
		GITHUB_RUN_ID: '9001',
		RUNNER_TEMP: join(root, 'temp'),
		NO_PROXY: '127.0.0.1,localhost',
		...env,
	};
	const child = spawn(process.execPath, [bundlePath], { cwd: workspace, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the action did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
	const [exitCode] = await Promise.all([exited, whileRunning?.(child)]);
	return {
		exitCode,
		stdout,
		stderr,
		outputs: outputsOf(await readFile(files.output, 'utf8')),
		summary: await readFile(files.summary, 'utf8'),
		annotations: annotationsOf(stdout),
		workspace,
	};
}

/** The files of a zip, by entry name. */
export function unzip(bytes: Buffer): Record<string, Buffer> {
	return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, data]) => [name, Buffer.from(data)]));
}
