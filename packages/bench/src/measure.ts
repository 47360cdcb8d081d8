import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One measured process run. */
export interface Sample {
	/** Time of the work in milliseconds: reported by the client when it prints one, else the whole process. */
	milliseconds: number;
	/** Wall time of the whole process, start-up included. */
	processMilliseconds: number;
	/** Peak resident set size in bytes, when known. */
	maxRss: number | undefined;
	/** What the client printed as its last JSON line, if anything; otherwise its whole stdout. */
	report: Record<string, unknown> | undefined;
	stdout: string;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command to its end and measures it: wall time around the process, peak RSS through GNU time when the
 * machine has it (else the `maxRss` a client reports). A client that prints a JSON line with `milliseconds`
 * reports the time of its work, without Node's start-up.
 *
 * @example await measure('curl', ['-s', '-o', 'f', url]) // { milliseconds: 214, maxRss: 11239424, … }
 */
export function measure(command: string, args: string[], options: { cwd?: string; discardStdout?: boolean } = {}): Promise<Sample> {
	return new Promise((resolve, reject) => {
		const wrapped = gnuTime === undefined ? [command, ...args] : [gnuTime, '-f', 'WAMEDIA_BENCH_RSS_KB=%M', command, ...args];
		const started = performance.now();
		const child = spawn(wrapped[0] ?? command, wrapped.slice(1), {
			cwd: options.cwd,
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
			const processMilliseconds = performance.now() - started;
			if (status !== 0) {
				reject(new Error(`${command} ${args.join(' ').slice(0, 200)} exited ${status}: ${stderr.slice(-500)}`));
				return;
			}
			const report = lastJsonLine(stdout);
			const rssKb = /WAMEDIA_BENCH_RSS_KB=(\d+)/.exec(stderr)?.[1];
			resolve({
				milliseconds: typeof report?.milliseconds === 'number' ? report.milliseconds : processMilliseconds,
				processMilliseconds,
				maxRss: rssKb === undefined ? (typeof report?.maxRss === 'number' ? report.maxRss : undefined) : Number(rssKb) * 1024,
				report,
				stdout,
			});
		});
	});
}

function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
	const line = stdout.trim().split('\n').at(-1) ?? '';
	if (!line.startsWith('{')) return undefined;
	try {
		return JSON.parse(line) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

/** The median of some numbers (`NaN` for none). */
export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
