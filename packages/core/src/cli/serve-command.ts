import { createClient } from '../client.js';
import { toWamediaError } from '../errors/to-wamedia-error.js';
import type { WebhookServer } from '../serve/webhook-server.js';
import type { JournalLine } from '../types/archive.js';
import type { DownloadEvent } from '../types/events.js';
import type { ServeNotice } from '../types/serve.js';
import { journalLineText } from './archive-report.js';
import type { CliOutput } from './cli-output.js';
import type { ServeCommand } from './parse-serve-arguments.js';
import { cliError, failureText, jsonLine } from './report.js';
import { type CliIo, closedStdoutStatus } from './run-cli.js';
import { describeEvent } from './verbose.js';

/**
 * Runs `wamedia serve` until SIGTERM or SIGINT: then it stops accepting, answers what it has read, gives
 * downloads the shutdown timeout, and exits 0 with unfinished work still spooled (docs/serve.md#lifecycle).
 * Resolves to 1 when it cannot start (the port is taken, the directory unusable), 2 for a usage error.
 */
export async function serve(command: ServeCommand, io: CliIo, output: CliOutput): Promise<number> {
	const report = (error: ReturnType<typeof cliError>) => {
		if (command.json) output.out(jsonLine({ success: false, error }));
		else output.err(failureText(error, undefined));
	};
	let server: WebhookServer;
	try {
		const client = createClient({
			...command.client,
			...(command.verbose ? { onEvent: (event: DownloadEvent) => output.err(describeEvent(event)) } : {}),
		});
		server = await client.serve({
			...command.options,
			onItem: (line: JournalLine) => {
				if (command.json) return output.out(`${JSON.stringify(line)}\n`);
				const text = journalLineText(line);
				if (text.err !== undefined) output.err(text.err);
				if (text.out !== undefined && !command.quiet) output.out(text.out);
			},
			onNotice: (notice: ServeNotice) => {
				const text = noticeText(notice, command.verbose);
				if (text !== undefined && !command.quiet) output.err(text);
			},
		});
	} catch (error) {
		const failure = cliError(toWamediaError(error).toJSON());
		report(failure);
		return failure.code === 'INVALID_INPUT' ? 2 : 1;
	}
	let url: string;
	try {
		url = await server.listen({ host: command.host, port: command.port });
	} catch (error) {
		await server.close();
		const code = (error as { code?: string }).code;
		report(
			cliError(
				toWamediaError(
					Object.assign(new Error(`Cannot listen on ${command.host}:${command.port}${code === undefined ? '' : ` (${code})`}`), { code }),
				).toJSON(),
			),
		);
		return 1;
	}
	output.err(`wamedia serve listening on ${url}\n`);
	if (command.json) output.out(`${JSON.stringify({ event: 'listening', url })}\n`);
	const signal = io.signal;
	if (signal !== undefined && !signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
	else if (signal === undefined) await new Promise(() => undefined);
	await server.close();
	if (!command.quiet && !command.json) output.err(`wamedia serve stopped; ${server.pending()} bodies still spooled\n`);
	return output.closed ? closedStdoutStatus : 0;
}

function noticeText(notice: ServeNotice, verbose: boolean): string | undefined {
	switch (notice.type) {
		case 'warning':
			return `! ${notice.message}\n`;
		case 'retry':
			return `… ${notice.error.message} (${notice.error.code}); the body stays spooled and is tried again\n`;
		case 'refused':
			return verbose ? `✖ ${notice.status} ${notice.gateway ?? ''} ${notice.reason}\n` : undefined;
	}
}
