import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** What one run of the built `wamedia` CLI printed. */
export interface CliRun {
	status: number | null;
	stdout: string;
	stderr: string;
	bytes: Buffer;
}

/** Runs the built CLI as a real process (the same Node as the tests), with only the given environment. */
export function runWamedia(args: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, ...args], {
			// Never the repository: a download without --out lands in the working directory.
			cwd: options.cwd ?? tmpdir(),
			env: { PATH: process.env.PATH ?? '', ...options.env },
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (status) => {
			const bytes = Buffer.concat(out);
			resolve({ status, stdout: bytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), bytes });
		});
		child.stdin.end(options.stdin ?? '');
	});
}
