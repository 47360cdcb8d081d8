import { isWamediaError } from '@wamedia/core';
import { inFaceWords, readSettings } from '@wamedia/core/inputs';
import { runArchive } from './archive-mode.js';
import { runDownload } from './download-mode.js';
import { archiveInputs, type Mode, readInputs, settingInputs } from './inputs.js';
import { checkModeInputs } from './mode-inputs.js';
import { explain, fail } from './step-report.js';

/**
 * The action: read the inputs, then download the given references (`mode: download`), drain the
 * Green-API notification queue once (`sync`) or back-fill from its journals (`backfill`) with wamedia,
 * upload the files as one artifact, and report through outputs, annotations and the job summary. Never
 * throws; failures set the exit code.
 *
 * @example await run();
 */
export async function run(): Promise<void> {
	let mode: Mode = 'download';
	try {
		const inputs = readInputs();
		mode = inputs.mode;
		checkModeInputs(inputs);
		const { provider, client } = readSettings(inputs.settings);
		if (mode === 'download') await runDownload(inputs, provider, client);
		else await runArchive(inputs, mode, client);
	} catch (error) {
		const message = isWamediaError(error)
			? explain(inFaceWords(error.toJSON(), mode === 'download' ? settingInputs : archiveInputs))
			: String((error as Error)?.message ?? error);
		fail(message, 'wamedia');
	}
}
