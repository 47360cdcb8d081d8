import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The built CLI. */
export const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** What one run of the built `wamedia` CLI printed. */
export interface CliRun {
	status: number | null;
	stdout: string;
	stderr: string;
	bytes: Buffer;
}

/** Starts the built CLI as a real process (the same Node as the tests), with only the given environment. */
export function startWamedia(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): ChildProcessWithoutNullStreams {
	return spawn(process.execPath, [bin, ...args], {
		// Never the repository: a download without --out lands in the working directory.
		cwd: options.cwd ?? tmpdir(),
		env: { PATH: process.env.PATH ?? '', ...options.env },
		stdio: ['pipe', 'pipe', 'pipe'],
	});
}

/** Collects what a started CLI prints until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (status) => {
			const bytes = Buffer.concat(out);
			resolve({ status, stdout: bytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), bytes });
		});
	});
}

/** Runs the built CLI to its end. */
export function runWamedia(args: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<CliRun> {
	const child = startWamedia(args, options);
	const run = finished(child);
	child.stdin.end(options.stdin ?? '');
	return run;
}

/** Runs the CLI like `wamedia … | head -c <bytes>`: stdout is closed after that many bytes (0: at once). */
export async function runWamediaIntoHead(
	args: string[],
	bytes: number,
	options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; received: number }> {
	const child = startWamedia(args, options);
	let received = 0;
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
	const closeStdout = () => child.stdout.destroy();
	if (bytes === 0) closeStdout();
	else {
		child.stdout.on('data', (chunk: Buffer) => {
			received += chunk.length;
			if (received >= bytes) closeStdout();
		});
	}
	child.stdin.end(options.stdin ?? '');
	const [status, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
	return { status, signal, stderr, received };
}
