import { resolve } from 'node:path';
import * as core from '@actions/core';
import {
	createClient,
	type ErrorResult,
	type FileResult,
	formatBytes,
	inFaceWords,
	isWamediaError,
	readSettings,
	type WamediaErrorJson,
} from '@wamedia/core';
import { explainArtifactError } from './artifact-error.js';
import { type ActionInputs, readInputs, settingInputs } from './inputs.js';
import { itemLabel } from './item-label.js';
import { readSources } from './read-sources.js';
import { type ArtifactOutcome, renderSummary } from './summary.js';
import { uploadFiles } from './upload.js';

function fail(message: string, title: string): void {
	core.error(message, { title });
	process.exitCode = core.ExitCode.Failure;
}

/** An error's message and hint in one text. */
function explain(error: WamediaErrorJson): string {
	return [/[.!?]$/.test(error.message) ? error.message : `${error.message}.`, error.hint].filter(Boolean).join(' ');
}

// The action downloads in core's default format, file: every success is a FileResult.
function logLine(label: string, result: FileResult | ErrorResult): string {
	if (!result.success) return `✗ ${label}: ${result.error.code} ${result.error.message}`;
	return `✓ ${label}: ${result.fileName} (${result.mimeType}, ${formatBytes(result.size)}, sha256 ${result.sha256})`;
}

async function upload(inputs: ActionInputs, files: FileResult[], directory: string): Promise<ArtifactOutcome | undefined> {
	const settings = inputs.artifact;
	if (!settings) return undefined;
	if (files.length === 0) return { name: settings.name, skipped: 'no file was downloaded' };
	try {
		const artifact = await uploadFiles(
			settings,
			files.map((file) => file.path),
			directory,
		);
		core.setOutput('artifact-id', artifact.id);
		core.setOutput('artifact-url', artifact.url);
		core.setOutput('artifact-digest', artifact.digest);
		return artifact;
	} catch (error) {
		const problem = explainArtifactError(error, settings.name);
		fail(problem.message, problem.title);
		return { name: settings.name, error: problem.message };
	}
}

/** if-no-files-found, as actions/upload-artifact reads it: a warning, a failed step, or nothing. */
function noFiles(inputs: ActionInputs): void {
	const text = `No files were downloaded into ${inputs.settings.directory}.${inputs.artifact ? ' No artifact will be uploaded.' : ''}`;
	if (inputs.ifNoFilesFound === 'error') fail(text, 'No files found');
	else if (inputs.ifNoFilesFound === 'warn') core.warning(text, { title: 'No files found' });
	else core.info(text);
}

/**
 * The action: read the inputs, download every reference with wamedia, upload the files as one artifact, and
 * report through outputs, annotations and the job summary. Never throws; failures set the exit code.
 *
 * @example await run();
 */
export async function run(): Promise<void> {
	try {
		const inputs = readInputs();
		const { provider, client } = readSettings(inputs.settings);
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
		core.setOutput('files', JSON.stringify(results));
		core.setOutput('count', files.length);
		core.setOutput('failed-count', failed);
		core.setOutput('path', directory);
		core.setOutput('download-url', files[0]?.downloadUrl ?? '');
		for (const { label, result } of items) {
			if (!result.success)
				(inputs.failOnError ? core.error : core.warning)(explain(result.error), { title: `${label}: ${result.error.code}` });
		}

		const artifact = await upload(inputs, files, directory);
		if (files.length === 0) noFiles(inputs);
		try {
			await core.summary.addRaw(renderSummary({ items, directory: inputs.settings.directory ?? '', artifact })).write();
		} catch (error) {
			core.info(`No job summary written: ${error instanceof Error ? error.message : String(error)}`);
		}
		if (failed > 0 && inputs.failOnError) {
			fail(
				`${failed} of ${results.length} media could not be downloaded; set fail-on-error: false to let the step pass`,
				'Download failed',
			);
		}
	} catch (error) {
		const message = isWamediaError(error)
			? explain(inFaceWords(error.toJSON(), settingInputs))
			: String((error as Error)?.message ?? error);
		fail(message, 'wamedia');
	}
}
