import * as core from '@actions/core';
import type { WamediaErrorJson } from '@wamedia/core';
import { explainArtifactError } from './artifact-error.js';
import type { ActionInputs } from './inputs.js';
import type { ArtifactOutcome } from './summary.js';
import { uploadFiles } from './upload.js';

/** An error annotation, and a failed step. */
export function fail(message: string, title: string): void {
	core.error(message, { title });
	process.exitCode = core.ExitCode.Failure;
}

/** An error's message and hint in one text. */
export function explain(error: WamediaErrorJson): string {
	return [/[.!?]$/.test(error.message) ? error.message : `${error.message}.`, error.hint].filter(Boolean).join(' ');
}

/**
 * Uploads files (absolute paths under `directory`) as the artifact the inputs ask for, and sets the
 * artifact outputs. Undefined when `upload-artifact` is false; `nothing` says why there is no artifact
 * when there are no files; a failed upload fails the step, explained.
 */
export async function uploadArtifact(
	inputs: ActionInputs,
	paths: string[],
	directory: string,
	nothing = 'no file was downloaded',
): Promise<ArtifactOutcome | undefined> {
	const settings = inputs.artifact;
	if (!settings) return undefined;
	if (paths.length === 0) return { name: settings.name, skipped: nothing };
	try {
		const artifact = await uploadFiles(settings, paths, directory);
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
export function nothingFound(inputs: ActionInputs, text: string): void {
	const message = `${text}${inputs.artifact ? ' No artifact will be uploaded.' : ''}`;
	if (inputs.ifNoFilesFound === 'error') fail(message, 'No files found');
	else if (inputs.ifNoFilesFound === 'warn') core.warning(message, { title: 'No files found' });
	else core.info(message);
}

/** Writes the job summary; a runner without one (a local run) only gets a log line. */
export async function writeSummary(markdown: string): Promise<void> {
	try {
		await core.summary.addRaw(markdown).write();
	} catch (error) {
		core.info(`No job summary written: ${error instanceof Error ? error.message : String(error)}`);
	}
}
