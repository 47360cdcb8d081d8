import {
	type ArchiveSummary,
	type DownloadResult,
	type ErrorResult,
	formatBytes,
	type JournalLine,
	type WamediaErrorJson,
} from '@wamedia/core';
import { fileSource, lineLabel } from './item-label.js';

/** The artifact part of a summary: the uploaded artifact, or why it was not uploaded. */
export type ArtifactOutcome =
	| { name: string; id: number; url: string; digest: string; size: number }
	| { name: string; error: string }
	| { name: string; skipped: string };

/** What a run did, as the summary shows it. */
export interface SummaryReport {
	/** One entry per input item, in input order. */
	items: ReadonlyArray<{ label: string; result: DownloadResult | ErrorResult }>;
	/** The download directory as the workflow names it (relative to the workspace when inside it). */
	directory: string;
	/** Undefined when `upload-artifact` is false. */
	artifact: ArtifactOutcome | undefined;
}

/**
 * Escapes text for a Markdown table cell: HTML-significant characters, Markdown punctuation, pipes and line
 * breaks (file names and server texts come from outside).
 *
 * @example cell("a|b_c.jpg") // "a\\|b\\_c.jpg"
 */
export function cell(text: string): string {
	return text
		.replace(/[\r\n]+/g, ' ')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/[\\`*_[\]|~#]/g, '\\$&');
}

function artifactLine(artifact: ArtifactOutcome): string {
	if ('error' in artifact) return `**Artifact \`${cell(artifact.name)}\` was not uploaded:** ${cell(artifact.error)}`;
	if ('skipped' in artifact) return `Artifact \`${cell(artifact.name)}\` was not uploaded: ${cell(artifact.skipped)}`;
	const name = artifact.url ? `[${cell(artifact.name)}](${artifact.url})` : `\`${cell(artifact.name)}\``;
	return `Artifact ${name} (id ${artifact.id}): ${formatBytes(artifact.size)} zip, sha256 \`${artifact.digest}\``;
}

/** One row of the files table. */
interface FileRow {
	name: string;
	mimeType: string;
	size: number;
	sha256: string;
	source: string;
}

function filesTable(files: readonly FileRow[]): string[] {
	if (files.length === 0) return [];
	const lines = ['', '| File | Type | Size | SHA-256 | Message |', '| --- | --- | ---: | --- | --- |'];
	for (const file of files) {
		const columns = [cell(file.name), cell(file.mimeType), formatBytes(file.size), `\`${file.sha256}\``, cell(file.source)];
		lines.push(`| ${columns.join(' | ')} |`);
	}
	return lines;
}

function failuresTable(failures: ReadonlyArray<{ label: string; error: WamediaErrorJson }>): string[] {
	if (failures.length === 0) return [];
	const lines = ['', `### Failed (${failures.length})`, '', '| Item | Code | Problem | What to do |', '| --- | --- | --- | --- |'];
	for (const { label, error } of failures)
		lines.push(`| ${cell(label)} | \`${error.code}\` | ${cell(error.message)} | ${cell(error.hint)} |`);
	return lines;
}

/**
 * The job summary in Markdown: a count line, the artifact, a table of files (name, type, size, sha256, and the
 * message it came from) and a table of failures (item, code, problem, what to do).
 *
 * @example await core.summary.addRaw(renderSummary(report)).write()
 */
export function renderSummary(report: SummaryReport): string {
	const files = report.items.flatMap(({ result }) => (result.success && result.format === 'file' ? [result] : []));
	const failures = report.items.flatMap(({ label, result }) => (result.success ? [] : [{ label, error: result.error }]));
	const lines = ['## WhatsApp media', ''];
	lines.push(`Downloaded ${files.length} of ${report.items.length} into \`${cell(report.directory)}\`.`);
	if (report.artifact) lines.push('', artifactLine(report.artifact));
	lines.push(...filesTable(files.map((file) => ({ ...file, name: file.fileName, source: fileSource(file) }))));
	lines.push(...failuresTable(failures));
	return `${lines.join('\n')}\n`;
}

/** What a sync or back-fill did, as the summary shows it. */
export interface ArchiveReport {
	mode: 'sync' | 'backfill';
	summary: Pick<ArchiveSummary, 'processed' | 'downloaded' | 'failed' | 'skipped' | 'stopped'>;
	/** The journal lines this run wrote, errors already in the action's words. */
	lines: readonly JournalLine[];
	/** The failure that ended the run early, in the action's words. */
	error: WamediaErrorJson | undefined;
	/** The archive directory as the workflow names it. */
	directory: string;
	/** Undefined when `upload-artifact` is false. */
	artifact: ArtifactOutcome | undefined;
}

/**
 * The job summary of a sync or back-fill in Markdown: the counts (notifications or journal messages
 * processed, files downloaded, failures, skipped as archived before, and for sync those kept in the journal
 * without a file), the artifact, the files with the message each came from, and the failures with what to
 * do, the one that ended the run included.
 *
 * @example await core.summary.addRaw(renderArchiveSummary(report)).write()
 */
export function renderArchiveSummary(report: ArchiveReport): string {
	const { mode, summary, directory } = report;
	const files = report.lines.flatMap((line) =>
		line.result?.success === true ? [{ ...line.result, name: line.result.path, source: lineLabel(line) }] : [],
	);
	const failures = report.lines.flatMap((line) =>
		line.result?.success === false ? [{ label: lineLabel(line), error: line.result.error }] : [],
	);
	if (report.error)
		failures.push({ label: mode === 'sync' ? 'the head of the queue (still queued)' : 'the back-fill', error: report.error });
	const kept = report.lines.filter((line) => line.result === undefined).length;
	const journal = `${directory.replace(/\/+$/, '')}/wamedia-journal.ndjson`;
	const lines = ['## WhatsApp archive', ''];
	lines.push(
		mode === 'sync'
			? `Drained the Green-API notification queue into \`${cell(directory)}\` (journal \`${cell(journal)}\`).`
			: `Back-filled from the Green-API journals into \`${cell(directory)}\` (journal \`${cell(journal)}\`).`,
	);
	if (summary.stopped) lines.push('', '**Cancelled:** the run stopped early; what it archived until then is listed here.');
	const counts: Array<[string, number]> = [
		[mode === 'sync' ? 'Notifications processed' : 'Messages processed', summary.processed],
		['Files downloaded', summary.downloaded],
		['Failed', summary.failed],
		['Skipped (archived before)', summary.skipped],
		...(mode === 'sync' ? [['Kept without a file', kept] as [string, number]] : []),
	];
	lines.push('', `| ${counts.map(([name]) => name).join(' | ')} |`, `|${' ---: |'.repeat(counts.length)}`);
	lines.push(`| ${counts.map(([, count]) => count).join(' | ')} |`);
	if (report.artifact) lines.push('', artifactLine(report.artifact));
	lines.push(...filesTable(files));
	lines.push(...failuresTable(failures));
	return `${lines.join('\n')}\n`;
}
