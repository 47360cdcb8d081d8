import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { version } from '../version.js';
import { type CliCommand, parseCliArguments, UsageError } from './parse-cli-arguments.js';
import { usage } from './usage.js';

/** The process a CLI run talks to (injected so tests can run it in-process). */
export interface CliIo {
	env: Record<string, string | undefined>;
	stdin: Readable;
	stdout: Writable & { isTTY?: boolean };
	stderr: Writable & { isTTY?: boolean; columns?: number };
	/** Cancels the run (the bin wires SIGINT/SIGTERM to it). */
	signal?: AbortSignal;
}

/**
 * Runs `wamedia` with the given arguments; resolves to the exit status: 0 downloaded, 1 the download
 * failed, 2 usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	const secrets = [io.env.WAMEDIA_API_TOKEN_INSTANCE, io.env.WAMEDIA_API_KEY, ...secretFlags(argv)];
	let command: CliCommand;
	try {
		command = parseCliArguments(argv, io.env);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		const { reportUsageError } = await import('./report.js');
		reportUsageError(error.message, argv.includes('--json'), io, secrets);
		return 2;
	}
	if (command.kind === 'version') {
		io.stdout.write(`${version}\n`);
		return 0;
	}
	if (command.kind === 'help') {
		io.stdout.write(usage);
		return argv.length === 0 ? 2 : 0;
	}
	// The library is loaded only for a download, so that --version and --help start fast.
	const { download } = await import('./download-command.js');
	return download(command, io, secrets, readWebhook);
}

async function readWebhook(file: string, stdin: Readable): Promise<string> {
	if (file !== '-') return readFile(file, 'utf8');
	const chunks: Buffer[] = [];
	for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks).toString('utf8');
}

// Secrets given as flags (--api-token-instance X or --api-token-instance=X) are redacted like the
// environment's.
function secretFlags(argv: readonly string[]): string[] {
	const secrets: string[] = [];
	argv.forEach((argument, index) => {
		for (const flag of ['--api-token-instance', '--api-key']) {
			if (argument === flag) secrets.push(argv[index + 1] ?? '');
			else if (argument.startsWith(`${flag}=`)) secrets.push(argument.slice(flag.length + 1));
		}
	});
	return secrets;
}
