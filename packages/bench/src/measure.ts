import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One measured process run. */
export interface Sample {
	/** Wall time of the work in milliseconds (for library clients: reported by the client itself). */
	milliseconds: number;
	/** Peak resident set size in bytes, when known. */
	maxRss: number | undefined;
	/** What the client printed as JSON, if anything. */
	report: Record<string, unknown> | undefined;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command to its end and measures it: wall time around the process, peak RSS through GNU time when
 * the machine has it. A client that prints a JSON line with `milliseconds` and `maxRss` overrides both.
 */
export function measure(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; discardStdout?: boolean } = {},
): Promise<Sample> {
	return new Promise((resolve, reject) => {
		const wrapped = gnuTime === undefined ? [command, ...args] : [gnuTime, '-f', 'WAMEDIA_BENCH_RSS_KB=%M', command, ...args];
		const started = performance.now();
		const child = spawn(wrapped[0] ?? command, wrapped.slice(1), {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk;
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', (status) => {
			const elapsed = performance.now() - started;
			if (status !== 0) {
				reject(new Error(`${command} ${args.join(' ').slice(0, 200)} exited ${status}: ${stderr.slice(-500)}`));
				return;
			}
			const rssKb = /WAMEDIA_BENCH_RSS_KB=(\d+)/.exec(stderr)?.[1];
			const line = stdout.trim().split('\n').at(-1) ?? '';
			let report: Record<string, unknown> | undefined;
			try {
				report = line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : undefined;
			} catch {
				report = undefined;
			}
			const reported = typeof report?.milliseconds === 'number' ? report.milliseconds : undefined;
			resolve({
				milliseconds: reported ?? elapsed,
				maxRss: rssKb === undefined ? undefined : Number(rssKb) * 1024,
				report,
			});
		});
	});
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
