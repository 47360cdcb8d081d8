import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { runAction } from './run-action.js';
import { expectNoLeak, greenApiInputs, startServices } from './services.js';

const noFiles = { title: 'No files found', message: 'No files were downloaded into whatsapp-media. No artifact will be uploaded.' };

describe('if-no-files-found, when every item fails', () => {
	async function runWith(ifNoFilesFound: string | undefined) {
		const { sandbox, service } = await startServices();
		const inputs = { ...greenApiInputs(sandbox, []), 'id-message': specialMessages.noMedia, 'fail-on-error': 'false' };
		const run = await runAction(ifNoFilesFound === undefined ? inputs : { ...inputs, 'if-no-files-found': ifNoFilesFound }, service.env);
		// Nothing is uploaded, whatever the setting.
		expect(service.requests.list()).toEqual([]);
		expect(run.outputs).toMatchObject({ count: '0', 'failed-count': '1' });
		expect(run.outputs['artifact-id']).toBeUndefined();
		expect(await readdir(join(run.workspace, 'whatsapp-media')).catch(() => [])).toEqual([]);
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
		return run;
	}
	const levels = (run: Awaited<ReturnType<typeof runWith>>) =>
		run.annotations.map((annotation) => [annotation.level, annotation.properties.title, annotation.message]);

	it('warn (the default): a warning annotation, no upload, and the step passes', async () => {
		const run = await runWith(undefined);
		expect(run.exitCode, run.stdout).toBe(0);
		expect(levels(run).slice(1)).toEqual([['warning', noFiles.title, noFiles.message]]);
		expect(run.summary).toContain('Artifact `whatsapp-media` was not uploaded: no file was downloaded');
	});

	it('error: the step fails, also with fail-on-error false', async () => {
		const run = await runWith('error');
		expect(run.exitCode).toBe(1);
		expect(levels(run)).toEqual([
			['warning', `#1 ${specialMessages.noMedia}: NO_MEDIA`, expect.stringContaining('no file')],
			['error', noFiles.title, noFiles.message],
		]);
	});

	it('ignore: no annotation about it, and the step passes', async () => {
		const run = await runWith('ignore');
		expect(run.exitCode).toBe(0);
		expect(levels(run)).toEqual([['warning', `#1 ${specialMessages.noMedia}: NO_MEDIA`, expect.stringContaining('no file')]]);
		expect(run.stdout).toContain(noFiles.message);
	});

	it('applies to an input that holds no references, and leaves out the artifact when none is asked for', async () => {
		const { service } = await startServices();
		const run = await runAction({ 'webhook-payload': '[]', 'upload-artifact': 'false', 'if-no-files-found': 'error' }, service.env);
		expect(run.exitCode).toBe(1);
		expect(levels(run)).toEqual([['error', noFiles.title, 'No files were downloaded into whatsapp-media.']]);
	});
});
