import { createClient, type WamediaClient } from '../client.js';
import { toWamediaError } from '../errors/to-wamedia-error.js';
import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import type { ArchiveNotice, ArchiveSummary, JournalLine } from '../types/archive.js';
import type { DownloadEvent } from '../types/events.js';
import { journalLineText, noticeText, summaryText } from './archive-report.js';
import type { CliOutput } from './cli-output.js';
import { ItemProgress } from './item-progress.js';
import type { ArchiveCommand } from './parse-archive-arguments.js';
import { cliError, failureText, jsonLine } from './report.js';
import { type CliIo, closedStdoutStatus } from './run-cli.js';
import { describeEvent } from './verbose.js';

/**
 * Runs `wamedia sync` or `wamedia backfill`; resolves to the exit status: 0 done, 1 something failed
 * (or the pre-flight refused), 2 usage error, 130 interrupted.
 */
export async function archive(command: ArchiveCommand, io: CliIo, output: CliOutput): Promise<number> {
	const signal = io.signal === undefined ? output.signal : AbortSignal.any([io.signal, output.signal]);
	const report = (error: WamediaErrorJson) => {
		progress?.clear();
		if (command.json) output.out(jsonLine({ success: false, error }));
		else output.err(failureText(error, undefined));
	};
	let client: WamediaClient;
	try {
		client = createClient({
			...command.client,
			...(command.verbose ? { onEvent: (event: DownloadEvent) => output.err(describeEvent(event)) } : {}),
		});
	} catch (error) {
		report(cliError(toWamediaError(error).toJSON()));
		return output.closed ? closedStdoutStatus : 2;
	}
	const progress =
		command.kind === 'backfill' && !command.json && !command.quiet && io.stderr.isTTY ? new ItemProgress(io.stderr) : undefined;
	const onItem = (line: JournalLine) => {
		if (command.json) {
			output.out(`${JSON.stringify(line)}\n`);
			return;
		}
		const text = journalLineText(line);
		progress?.clear();
		if (text.err !== undefined) output.err(text.err);
		if (text.out !== undefined && !command.quiet) output.out(text.out);
		progress?.redraw();
	};
	const onNotice = (notice: ArchiveNotice) => {
		const text = command.json || command.quiet ? undefined : noticeText(notice, command.verbose);
		if (text === undefined) return;
		progress?.clear();
		output.err(text);
		progress?.redraw();
	};
	let summary: ArchiveSummary;
	try {
		summary =
			command.kind === 'sync'
				? await client.sync({ ...command.options, signal, onItem, onNotice })
				: await client.backfill({
						...command.options,
						signal,
						onItem,
						onNotice,
						...(progress === undefined ? {} : { onProgress: progress.update }),
					});
	} catch (error) {
		progress?.stop();
		if (output.closed) return closedStdoutStatus;
		const failure = cliError(toWamediaError(error).toJSON());
		report(failure);
		// Nothing could start because an option or the directory was wrong: a usage error; a refusing instance is not.
		return failure.code === 'INVALID_INPUT' ? 2 : 1;
	}
	progress?.stop();
	if (output.closed) return closedStdoutStatus;
	if (summary.error !== undefined) report(cliError(summary.error));
	if (!command.json && !command.quiet) output.err(summaryText(command.kind, summary));
	if (summary.stopped) return 130;
	return summary.failed > 0 || summary.error !== undefined ? 1 : 0;
}
