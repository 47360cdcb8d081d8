import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { ErrorResult, FileResult, JournalLine } from '@wamedia/core';
import { withoutLinkQueries } from '@wamedia/core/inputs';

/**
 * The most UTF-8 bytes the `files` output holds. A job output may be 1 MB and all outputs of a run 50 MB
 * (docs/actions.md#outputs); a list of thousands of files would pass either, so longer lists go to a file.
 */
export const maxFilesOutputBytes = 64 * 1024;

/** The file, in the download directory and so in the artifact, that holds the whole list when it is longer. */
export const filesListName = 'wamedia-files.json';

/** A result as the output shows it: the link without its signature (the file is in the artifact). */
function compactResult(result: FileResult | ErrorResult): FileResult | ErrorResult {
	return result.success ? { ...result, downloadUrl: withoutLinkQueries(result.downloadUrl) } : result;
}

/** A journal line without the notification body it keeps on disk (the journal in the artifact has it). */
function compactLine(line: JournalLine): JournalLine {
	const { body: _body, result, ...rest } = line;
	return result === undefined ? rest : { ...rest, result: compactResult(result) };
}

/**
 * Sets the `files` output from the results (download) or journal lines (sync, back-fill), each without what
 * does not belong in an output: a signed link's query, a notification's whole body. When the list is longer
 * than {@link maxFilesOutputBytes}, `files` holds the leading entries that fit, the whole list is written to
 * `<directory>/wamedia-files.json`, and `files-path` names that file; the caller uploads it with the artifact.
 * Returns its path, or undefined when the list fit.
 */
export async function setFilesOutput(
	entries: ReadonlyArray<FileResult | ErrorResult> | readonly JournalLine[],
	directory: string,
): Promise<string | undefined> {
	const compact = entries.map((entry) => ('at' in entry ? compactLine(entry) : compactResult(entry)));
	const whole = JSON.stringify(compact);
	if (Buffer.byteLength(whole) <= maxFilesOutputBytes) {
		core.setOutput('files', whole);
		core.setOutput('files-path', '');
		return undefined;
	}
	const path = join(directory, filesListName);
	await mkdir(directory, { recursive: true });
	await writeFile(path, `${whole}\n`);
	const kept: string[] = [];
	let size = 2;
	for (const entry of compact) {
		const text = JSON.stringify(entry);
		const added = Buffer.byteLength(text) + (kept.length === 0 ? 0 : 1);
		if (size + added > maxFilesOutputBytes) break;
		kept.push(text);
		size += added;
	}
	core.setOutput('files', `[${kept.join(',')}]`);
	core.setOutput('files-path', path);
	core.info(`The files output holds the first ${kept.length} of ${compact.length} entries; all of them are in ${path}`);
	return path;
}
