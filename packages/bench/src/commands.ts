import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Sample } from './measure.ts';

const here = fileURLToPath(new URL('./', import.meta.url));
// The command as installed (node_modules/.bin/wamedia links to it), with the Node flags of its first line.
const cliBin = fileURLToPath(new URL('../../core/bin/wamedia.cjs', import.meta.url));
const cliFlags = (readFileSync(cliBin, 'utf8').split('\n', 1)[0] ?? '').split(/\s+/).filter((word) => word.startsWith('--'));

/** The Node 24 that runs the bench runs every Node client too. */
export const node = process.execPath;

/** How many transfers the batch approaches run at once. */
export const batchConcurrency = 16;

/** One of this package's client scripts (`client-*.ts`) in its own process, given a job file. */
export const runClient = (script: string, jobFile: string): Promise<Sample> =>
	measure(node, ['--disable-warning=ExperimentalWarning', join(here, script), jobFile]);

/** One of this package's client scripts, started with the Node flags of the `wamedia` command (for floors set next to it). */
export const runClientAsCli = (script: string, jobFile: string): Promise<Sample> =>
	measure(node, [...cliFlags, '--disable-warning=ExperimentalWarning', join(here, script), jobFile]);

/** Node's arguments that start `wamedia` as installed: its first line's flags, the launcher, then `args`. */
export const cliArguments = (args: readonly string[]): string[] => [...cliFlags, cliBin, ...args];

/** `wamedia download` of one link into `directory`. */
export const runCli = (url: string, directory: string): Promise<Sample> =>
	measure(node, cliArguments(['download', '--download-url', url, '--out', directory, '--allow-private-network']));

/**
 * `wamedia download --input FILE` of a batch into `directory`, `batchConcurrency` at a time, quietly: what a user
 * runs, start-up and loading included.
 */
export const runCliBatch = (inputFile: string, directory: string): Promise<Sample> =>
	measure(
		node,
		cliArguments([
			'download',
			'--input',
			inputFile,
			'--out',
			directory,
			'--concurrency',
			String(batchConcurrency),
			'--allow-private-network',
			'--quiet',
		]),
	);

/** `wamedia` with other arguments. */
export const runCliWith = (args: string[], options: { discardStdout?: boolean } = {}): Promise<Sample> =>
	measure(node, cliArguments(args), options);

/** `curl -s -o file url`. */
export const curlToFile = (url: string, file: string): Promise<Sample> => measure('curl', ['-s', '-o', file, url]);

/** The same work as a verified download, in a shell: `curl -s -o file url && sha256sum file` (prints the digest). */
export const curlThenSha256sum = (url: string, file: string): Promise<Sample> =>
	measure('sh', ['-c', 'curl -s -o "$1" "$2" && sha256sum "$1"', 'sh', file, url]);

/** `curl --parallel` over a config file of `url` + `output` pairs. */
export const curlParallel = (config: string): Promise<Sample> =>
	measure('curl', ['-s', '--parallel', '--parallel-max', String(batchConcurrency), '-K', config]);

/** `curl --parallel` over a config file, then `sha256sum` of every file it wrote into `directory`. */
export const curlParallelThenSha256sum = (config: string, directory: string): Promise<Sample> =>
	measure('sh', [
		'-c',
		'curl -s --parallel --parallel-max "$1" -K "$2" && cd "$3" && sha256sum -- * >/dev/null',
		'sh',
		String(batchConcurrency),
		config,
		directory,
	]);

/** `sha256sum` of one file. */
export const sha256sum = (file: string): Promise<Sample> => measure('sha256sum', [file]);

/** `sha256sum` of every file in `directory`. */
export const sha256sumAll = (directory: string): Promise<Sample> =>
	measure('sh', ['-c', 'cd "$1" && sha256sum -- * >/dev/null', 'sh', directory]);
