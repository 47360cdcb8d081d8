import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { type ArchiveNotice, type ArchiveSummary, type ClientOptions, createClient, formatBytes, type JournalLine } from '@wamedia/core';
import { inFaceWords, readBackfillSettings, withoutLinkQueries } from '@wamedia/core/inputs';
import { setFilesOutput } from './files-output.js';
import { type ActionInputs, settingInputs } from './inputs.js';
import { lineLabel } from './item-label.js';
import { explain, fail, nothingFound, uploadArtifact, writeSummary } from './step-report.js';
import { renderArchiveSummary } from './summary.js';

/**
 * A journal line with its error, if any, naming settings by their inputs. A message's own chatId is not the
 * chat-id input, so it keeps its name.
 */
function inWords(line: JournalLine): JournalLine {
	if (line.result?.success !== false) return line;
	return { ...line, result: { ...line.result, error: inFaceWords(line.result.error, settingInputs) } };
}

function logLine(line: JournalLine): string {
	const label = lineLabel(line);
	const { result } = line;
	if (result?.success === true) {
		return `✓ ${label}: ${result.path} (${result.mimeType}, ${formatBytes(result.size)}, sha256 ${result.sha256})`;
	}
	if (result !== undefined) return `✗ ${label}: ${result.error.code} ${result.error.message}`;
	const what = [line.typeWebhook, line.typeMessage].filter((part) => part !== undefined).join(' ');
	return `· ${label}: ${what || 'notification'} without a file (kept in the journal)`;
}

function report(notice: ArchiveNotice): void {
	switch (notice.type) {
		case 'not-deleted':
			core.info(`Green-API did not delete notification ${notice.receiptId} (already deleted?); it is in the journal`);
			break;
		case 'skipped':
			core.info(`= ${notice.idMessage} is archived already: not downloaded again`);
			break;
		case 'backoff':
			core.info(`${notice.error.code}: ${notice.error.message}; trying again in ${(notice.delay / 1000).toFixed(1)} s`);
			break;
		case 'settings':
			core.warning(notice.message, { title: 'Green-API settings' });
			break;
		case 'idle':
			break;
	}
}

/**
 * `mode: sync` (one drain of the Green-API notification queue, `once`) or `mode: backfill` (the journals,
 * or one chat's history with `chat-id`): archives into `path` with core's journal, uploads the files this
 * run downloaded and `wamedia-journal.ndjson` as one artifact, and reports through outputs, annotations and
 * the job summary. A cancelled job (SIGINT, then SIGTERM) stops the run the way Ctrl-C stops the CLI:
 * nothing deleted for the notification being downloaded, and what was archived before is still uploaded.
 */
export async function runArchive(inputs: ActionInputs, mode: 'sync' | 'backfill', client: ClientOptions): Promise<void> {
	const options = mode === 'sync' ? { once: true } : readBackfillSettings({ ...inputs.settings, chatId: inputs.sources['chat-id'] });
	const directory = resolve(client.directory ?? '');
	const wamedia = createClient(client);
	const lines: JournalLine[] = [];
	const onItem = (line: JournalLine) => {
		lines.push(line);
		core.info(logLine(inWords(line)));
	};
	const controller = new AbortController();
	// The runner cancels a step with SIGINT, and SIGTERM 7.5 s later
	// (https://docs.github.com/en/actions/managing-workflow-runs/canceling-a-workflow).
	const cancel = () => controller.abort(new Error('The job was cancelled'));
	process.once('SIGINT', cancel);
	process.once('SIGTERM', cancel);
	let summary: ArchiveSummary;
	try {
		const common = { ...options, directory, signal: controller.signal, onItem, onNotice: report };
		summary = mode === 'sync' ? await wamedia.sync(common) : await wamedia.backfill(common);
	} finally {
		process.off('SIGINT', cancel);
		process.off('SIGTERM', cancel);
	}

	const error = summary.error && inFaceWords(summary.error, settingInputs);
	const files = lines.flatMap((line) => (line.result?.success === true ? [line.result] : []));
	const list = await setFilesOutput(lines, directory);
	core.setOutput('count', summary.downloaded);
	core.setOutput('failed-count', summary.failed);
	core.setOutput('path', directory);
	core.setOutput('download-url', withoutLinkQueries(files[0]?.downloadUrl ?? ''));
	const annotate = inputs.failOnError ? core.error : core.warning;
	for (const line of lines.map(inWords)) {
		if (line.result?.success === false) annotate(explain(line.result.error), { title: `${lineLabel(line)}: ${line.result.error.code}` });
	}
	if (error) {
		const after =
			mode === 'sync' ? 'Nothing was deleted for it: the next run starts at the same notification.' : 'The next run tries again.';
		annotate(`${explain(error)} ${after}`, { title: `${mode} stopped: ${error.code}` });
	}

	// A notification without a file lives on only in the journal once it is off the queue: any line written
	// makes the journal part of the artifact.
	const paths =
		lines.length === 0 ? [] : [...files.map((file) => join(directory, file.path)), summary.journal, ...(list === undefined ? [] : [list])];
	const artifact = await uploadArtifact(inputs, paths, directory, 'nothing new was archived');
	if (lines.length === 0) nothingFound(inputs, `Nothing new was archived into ${inputs.settings.directory}.`);
	await writeSummary(
		renderArchiveSummary({ mode, summary, lines: lines.map(inWords), error, directory: inputs.settings.directory ?? '', artifact }),
	);
	const noun = mode === 'sync' ? 'notification' : 'file message';
	if (summary.stopped) {
		fail(`The job was cancelled during the ${mode}; what it archived until then is in ${inputs.settings.directory}.`, 'Cancelled');
	} else if (summary.failed > 0 && inputs.failOnError) {
		const total = summary.processed + (error ? 1 : 0);
		fail(
			`${summary.failed} of ${total} ${noun}${total === 1 ? '' : 's'} could not be archived; set fail-on-error: false to let the step pass`,
			mode === 'sync' ? 'Sync failed' : 'Back-fill failed',
		);
	}
}
