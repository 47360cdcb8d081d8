import * as core from '@actions/core';
import { createClient, type DownloadResult, type ErrorResult, type FileResult, formatBytes, isWamediaError } from '@wamedia/core';
import { explainArtifactError } from './artifact-error.js';
import { describeReference } from './describe-reference.js';
import { type ActionInputs, readInputs } from './inputs.js';
import { type ArtifactOutcome, renderSummary } from './summary.js';
import { uploadFiles } from './upload.js';

function fail(message: string, title: string): void {
	core.error(message, { title });
	process.exitCode = core.ExitCode.Failure;
}

function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

function logLine(label: string, result: DownloadResult | ErrorResult): string {
	if (!result.success) return `✗ ${label}: ${result.error.code} ${result.error.message}`;
	const detail = result.format === 'file' ? `, ${formatBytes(result.size)}, sha256 ${result.sha256}` : '';
	return `✓ ${label}: ${result.fileName} (${result.mimeType}${detail})`;
}

async function upload(inputs: ActionInputs, files: FileResult[]): Promise<ArtifactOutcome | undefined> {
	const settings = inputs.artifact;
	if (!settings) return undefined;
	if (files.length === 0) return { name: settings.name, skipped: 'no file was downloaded' };
	try {
		const artifact = await uploadFiles(
			settings,
			files.map((file) => file.path),
			inputs.client.directory,
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

/**
 * The action: read the inputs, download every reference with wamedia, upload the files as one artifact, and
 * report through outputs, annotations and the job summary. Never throws; failures set the exit code.
 *
 * @example await run();
 */
export async function run(): Promise<void> {
	try {
		const inputs = readInputs();
		if (inputs.references.length === 0) core.warning('webhook-payload is an empty list: there is nothing to download');
		const labels = inputs.references.map(describeReference);
		const labelOf = (index: number): string => labels[index] ?? `#${index + 1}`;
		const results = await createClient(inputs.client).downloadMany(inputs.references, {
			onResult: (index, result) => core.info(logLine(labelOf(index), result)),
		});
		const items = results.map((result, index) => ({ label: labelOf(index), result }));
		const files = results.filter((result): result is FileResult => result.success && result.format === 'file');
		const failed = items.filter((item) => !item.result.success).length;
		core.setOutput('files', JSON.stringify(results));
		core.setOutput('count', files.length);
		core.setOutput('failed-count', failed);
		core.setOutput('path', inputs.client.directory);
		core.setOutput('download-url', files[0]?.downloadUrl ?? '');
		for (const { label, result } of items) {
			if (result.success) continue;
			const annotate = inputs.failOnError ? core.error : core.warning;
			annotate(`${sentence(result.error.message)} ${result.error.hint}`, { title: `${label}: ${result.error.code}` });
		}

		const artifact = await upload(inputs, files);
		try {
			await core.summary.addRaw(renderSummary({ items, directory: inputs.path, artifact })).write();
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
			? `${sentence(error.message)} ${error.hint}`
			: error instanceof Error
				? error.message
				: String(error);
		fail(message, 'wamedia');
	}
}
