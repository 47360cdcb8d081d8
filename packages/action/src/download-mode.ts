import { resolve } from 'node:path';
import * as core from '@actions/core';
import { type ClientOptions, createClient, type ErrorResult, type FileResult, formatBytes, type ProviderName } from '@wamedia/core';
import { inFaceWords, withoutLinkQueries } from '@wamedia/core/inputs';
import { setFilesOutput } from './files-output.js';
import { type ActionInputs, settingInputs } from './inputs.js';
import { itemLabel } from './item-label.js';
import { readSources } from './read-sources.js';
import { explain, fail, nothingFound, uploadArtifact, writeSummary } from './step-report.js';
import { renderSummary } from './summary.js';

// The action downloads in core's default format, file: every success is a FileResult.
function logLine(label: string, result: FileResult | ErrorResult): string {
	if (!result.success) return `✗ ${label}: ${result.error.code} ${result.error.message}`;
	if (result.skipped) return `↷ ${label}: ${result.fileName} already downloaded (in the record), not fetched again`;
	return `✓ ${label}: ${result.fileName} (${result.mimeType}, ${formatBytes(result.size)}, sha256 ${result.sha256})`;
}

/**
 * `mode: download`: downloads every reference the sources name, uploads the files as one artifact, and
 * reports through outputs, annotations and the job summary.
 */
export async function runDownload(inputs: ActionInputs, provider: ProviderName | undefined, client: ClientOptions): Promise<void> {
	const references = readSources(inputs.sources, provider, client);
	const directory = resolve(client.directory ?? '');
	const results = (await createClient(client).downloadMany(references, {
		onResult: (index, result) => core.info(logLine(itemLabel(index, result, references[index]), result as FileResult | ErrorResult)),
	})) as Array<FileResult | ErrorResult>;
	// Errors as the log and the summary show them: settings named by their inputs.
	const items = results.map((result, index) => ({
		label: itemLabel(index, result, references[index]),
		result: result.success ? result : { ...result, error: inFaceWords(result.error, settingInputs) },
	}));
	const files = results.filter((result) => result.success);
	const failed = items.filter((item) => !item.result.success).length;
	const list = await setFilesOutput(results, directory);
	core.setOutput('count', files.length);
	core.setOutput('failed-count', failed);
	core.setOutput('path', directory);
	core.setOutput('download-url', withoutLinkQueries(files[0]?.downloadUrl ?? ''));
	for (const { label, result } of items) {
		if (!result.success)
			(inputs.failOnError ? core.error : core.warning)(explain(result.error), { title: `${label}: ${result.error.code}` });
	}

	// An item the record lists was fetched by an earlier run: its file is that run's, not this one's.
	const uploaded = files.filter((file) => file.skipped !== true).map((file) => file.path);
	const artifact = await uploadArtifact(inputs, [...uploaded, ...(list === undefined ? [] : [list])], directory);
	if (files.length === 0) nothingFound(inputs, `No files were downloaded into ${inputs.settings.directory}.`);
	await writeSummary(renderSummary({ items, directory: inputs.settings.directory ?? '', artifact }));
	if (failed > 0 && inputs.failOnError) {
		fail(`${failed} of ${results.length} media could not be downloaded; set fail-on-error: false to let the step pass`, 'Download failed');
	}
}
