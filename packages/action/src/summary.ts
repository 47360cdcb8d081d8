import { type DownloadResult, type ErrorResult, formatBytes } from '@wamedia/core';
import { fileSource } from './item-label.js';

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
	if (files.length > 0) {
		lines.push('', '| File | Type | Size | SHA-256 | Message |', '| --- | --- | ---: | --- | --- |');
		for (const file of files) {
			const columns = [cell(file.fileName), cell(file.mimeType), formatBytes(file.size), `\`${file.sha256}\``, cell(fileSource(file))];
			lines.push(`| ${columns.join(' | ')} |`);
		}
	}
	if (failures.length > 0) {
		lines.push('', `### Failed (${failures.length})`, '', '| Item | Code | Problem | What to do |', '| --- | --- | --- | --- |');
		for (const { label, error } of failures) {
			lines.push(`| ${cell(label)} | \`${error.code}\` | ${cell(error.message)} | ${cell(error.hint)} |`);
		}
	}
	return `${lines.join('\n')}\n`;
}
