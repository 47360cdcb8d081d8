import type { Readable, Writable } from 'node:stream';
import { isWamediaError } from '../errors/wamedia-error.js';
import { version } from '../version.js';
import { CliOutput } from './cli-output.js';
import { type CliCommand, parseCliArguments } from './parse-cli-arguments.js';
import { cliError, reportUsageError } from './report.js';
import { commandUsage, usage } from './usage.js';

/** The process a CLI run talks to (injected so tests can run it in-process). */
export interface CliIo {
	env: Record<string, string | undefined>;
	stdin: Readable;
	stdout: Writable & { isTTY?: boolean };
	stderr: Writable & { isTTY?: boolean; columns?: number };
	/** Cancels the run (the bin wires SIGINT/SIGTERM to it). */
	signal?: AbortSignal;
}

/** The exit status when stdout was closed by its reader: 128 + SIGPIPE, what a shell shows for `yes | head`. */
export const closedStdoutStatus = 141;

/**
 * Runs `wamedia` with the given arguments; resolves to the exit status: 0 all downloaded (or archived, or
 * every gateway ready; also a bare `wamedia`, which prints the usage), 1 some item failed, 2 usage error, 130
 * interrupted, 141 stdout closed.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
	const json = argv.includes('--json');
	const secrets = [...secretVariables.map((name) => io.env[name]), ...secretFlags(argv)];
	const output = new CliOutput(io, secrets, { json });
	try {
		return await run(argv, io, output, json);
	} finally {
		output.flush();
	}
}

async function run(argv: readonly string[], io: CliIo, output: CliOutput, json: boolean): Promise<number> {
	let command: CliCommand;
	try {
		command = parseCliArguments(argv, io.env);
	} catch (error) {
		if (!isWamediaError(error) || error.code !== 'INVALID_INPUT') throw error;
		reportUsageError(cliError(error.toJSON()), json, output);
		return output.closed ? closedStdoutStatus : 2;
	}
	if (command.kind !== 'help' && command.kind !== 'version' && command.kind !== 'completion' && command.secrets !== undefined) {
		output.addSecrets(command.secrets);
	}
	if (command.kind === 'serve') {
		const { serve } = await import('./serve-command.js');
		return serve(command, io, output);
	}
	if (command.kind === 'download') {
		// The library is loaded only for a download, so that --version, help and completion start fast.
		const { download } = await import('./download-command.js');
		return download(command, io, output);
	}
	if (command.kind === 'check') {
		const { check } = await import('./check-command.js');
		return check(command, io, output);
	}
	if (command.kind === 'sync' || command.kind === 'backfill') {
		const { archive } = await import('./archive-command.js');
		return archive(command, io, output);
	}
	if (command.kind === 'version') output.out(`${version}\n`);
	else if (command.kind === 'help') output.out(command.topic === undefined ? usage : commandUsage[command.topic]);
	else output.out((await import('./completion.js')).completionScript(command.shell));
	return output.closed ? closedStdoutStatus : 0;
}

/** The environment variables that hold secrets: redacted from everything the CLI prints. */
const secretVariables = [
	'WAMEDIA_API_TOKEN_INSTANCE',
	'WAMEDIA_API_KEY',
	'WAMEDIA_ACCESS_TOKEN',
	'WAMEDIA_META_APP_SECRET',
	'WAMEDIA_META_VERIFY_TOKEN',
	'WAMEDIA_WAHA_HMAC_KEY',
	'WAMEDIA_WEBHOOK_TOKEN',
];

// Secrets given as flags (--api-token-instance X or --api-token-instance=X) are redacted like the
// environment's.
function secretFlags(argv: readonly string[]): string[] {
	const secrets: string[] = [];
	argv.forEach((argument, index) => {
		for (const flag of [
			'--api-token-instance',
			'--api-key',
			'--access-token',
			'--meta-app-secret',
			'--meta-verify-token',
			'--waha-hmac-key',
			'--webhook-token',
		]) {
			if (argument === flag) secrets.push(argv[index + 1] ?? '');
			else if (argument.startsWith(`${flag}=`)) secrets.push(argument.slice(flag.length + 1));
		}
	});
	return secrets;
}
