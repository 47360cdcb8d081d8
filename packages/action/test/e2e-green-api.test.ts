import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DownloadResult, ErrorResult, FileResult } from '@wamedia/core';
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { runAction, unzip } from './run-action.js';
import { expectNoLeak, greenApiInputs, startServices } from './services.js';

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

describe('the action with Green-API message ids', () => {
	it('downloads several id-message lines and uploads them as one artifact whose files match the sources', async () => {
		const { sandbox, service } = await startServices();
		const ids = ['image', 'document', 'voice', 'sticker', 'video', 'large'];
		// Level 0 keeps the 9 MiB of media a 9 MiB zip: more than one 8 MiB block, uploaded concurrently.
		const run = await runAction({ ...greenApiInputs(sandbox, ids), 'compression-level': '0' }, service.env);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.annotations).toEqual([]);
		const files = JSON.parse(run.outputs.files ?? '[]') as FileResult[];
		expect(files.map((file) => [file.success, file.idMessage, file.sha256])).toEqual(
			ids.map((id) => [true, sandbox.media.get(id).idMessage, sandbox.media.get(id).sha256]),
		);
		const artifact = service.artifacts.get('whatsapp-media');
		expect(run.outputs).toEqual({
			files: run.outputs.files,
			'files-path': '',
			count: '6',
			'failed-count': '0',
			path: join(run.workspace, 'whatsapp-media'),
			'download-url': files[0]?.downloadUrl,
			'artifact-id': String(artifact.id),
			'artifact-url': `https://github.com/octo-org/media-archive/actions/runs/9001/artifacts/${artifact.id}`,
			'artifact-digest': artifact.sha256,
		});
		// The storage link without its signature: outputs carry no presigned query (the files are in the artifact).
		expect(files[0]?.downloadUrl).toMatch(new RegExp(`^${sandbox.storageUrl}/[^?]+\\?…$`));
		expect(run.stdout + JSON.stringify(run.outputs)).not.toContain('X-Amz-Signature');

		const entries = unzip(artifact.bytes);
		expect(Object.keys(entries).sort()).toEqual(files.map((file) => file.fileName).sort());
		for (const [index, id] of ids.entries()) {
			const entry = entries[files[index]?.fileName ?? ''];
			expect(entry && sha256(entry), `${id} in the artifact`).toBe(sandbox.media.get(id).sha256);
		}
		expect((await readdir(join(run.workspace, 'whatsapp-media'))).sort()).toEqual(Object.keys(entries).sort());
		const calls = service.requests.list();
		expect(calls.filter((call) => call.call === 'UploadBlock').length).toBe(2);
		expect(calls[0]?.body).toEqual({
			workflow_run_backend_id: service.workflowRunBackendId,
			workflow_job_run_backend_id: service.workflowJobRunBackendId,
			name: 'whatsapp-media',
			version: 7,
			mime_type: 'application/zip',
		});

		expect(run.summary).toContain(`Downloaded 6 of 6 into \`whatsapp-media\`.`);
		expect(run.summary).toContain(`[whatsapp-media](https://github.com/octo-org/media-archive/actions/runs/9001/artifacts/${artifact.id})`);
		// Each file names the message it came from.
		const document = sandbox.media.get('document');
		expect(run.summary).toContain(
			`| Счёт №42.pdf | application/pdf | 99.0 KiB | \`${document.sha256}\` | ${sandbox.chatId} / ${document.idMessage} |`,
		);
		expect(run.summary).toContain(
			`| audio/ogg | 30.0 KiB | \`${sandbox.media.get('voice').sha256}\` | ${sandbox.chatId} / ${sandbox.media.get('voice').idMessage} |`,
		);
		expect(run.summary).not.toContain('Failed');
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
		expect(run.stdout).not.toContain(service.runtimeToken);
	});

	it('with fail-on-error false, reports failures as warnings, uploads the rest and passes', async () => {
		const { sandbox, service } = await startServices();
		const inputs = greenApiInputs(sandbox, ['image']);
		const run = await runAction(
			{
				...inputs,
				'id-message': [inputs['id-message'], specialMessages.noMedia, `${sandbox.chatId} ${sandbox.media.get('png').idMessage}`].join('\n'),
				'fail-on-error': 'false',
				'retention-days': '3',
				'compression-level': '9',
			},
			service.env,
		);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.outputs).toMatchObject({ count: '2', 'failed-count': '1' });
		const results = JSON.parse(run.outputs.files ?? '[]') as Array<DownloadResult | ErrorResult>;
		expect(results.map((result) => (result.success ? result.fileName : result.error.code))).toEqual([
			'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg',
			'NO_MEDIA',
			'screenshot.png',
		]);
		const failure = results[1] as ErrorResult;
		expect(run.annotations).toEqual([
			{
				level: 'warning',
				properties: { title: `#2 ${specialMessages.noMedia}: NO_MEDIA` },
				message: `${failure.error.message.replace(/\.?$/, '.')} ${failure.error.hint}`,
			},
		]);
		expect(run.summary).toContain('### Failed (1)');
		expect(run.summary).toContain(`| \\#2 ${specialMessages.noMedia} | \`NO_MEDIA\` |`);
		expect(run.summary).toContain(failure.error.hint.slice(0, 30));

		const artifact = service.artifacts.get('whatsapp-media');
		const entries = unzip(artifact.bytes);
		expect(Object.keys(entries).sort()).toEqual(['a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg', 'screenshot.png']);
		expect(sha256(entries['screenshot.png'] ?? Buffer.alloc(0))).toBe(sandbox.media.get('png').sha256);
		const days = ((artifact.expiresAt?.getTime() ?? 0) - artifact.createdAt.getTime()) / 86_400_000;
		expect(days).toBeGreaterThan(2.9);
		expect(days).toBeLessThan(3.1);
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
	});

	it('with fail-on-error true (the default), fails with an error per failure and still uploads what it got', async () => {
		const { sandbox, service } = await startServices();
		const inputs = greenApiInputs(sandbox, ['sticker']);
		const ids = [inputs['id-message'], specialMessages.noMedia, specialMessages.unavailable];
		const run = await runAction({ ...inputs, 'id-message': ids.join('\n') }, service.env);

		expect(run.exitCode).toBe(1);
		expect(run.annotations.map((annotation) => [annotation.level, annotation.properties.title])).toEqual([
			['error', `#2 ${specialMessages.noMedia}: NO_MEDIA`],
			['error', `#3 ${specialMessages.unavailable}: MEDIA_UNAVAILABLE`],
			['error', 'Download failed'],
		]);
		expect(run.annotations[2]?.message).toBe('2 of 3 media could not be downloaded; set fail-on-error: false to let the step pass');
		expect(run.outputs).toMatchObject({
			count: '1',
			'failed-count': '2',
			'artifact-id': String(service.artifacts.get('whatsapp-media').id),
		});
		expect(Object.keys(unzip(service.artifacts.get('whatsapp-media').bytes))).toHaveLength(1);
		expect(run.summary).toContain('`MEDIA_UNAVAILABLE`');
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
	});

	it('keeps Green-API at 5 downloadFile calls per second across many id-message lines', async () => {
		const extra = Array.from({ length: 8 }, (_, index) => ({ id: `photo-${index}`, kind: 'jpeg' as const, size: 2000 + index }));
		const { sandbox, service } = await startServices({ media: extra });
		const ids = ['image', 'png', 'voice', 'sticker', ...extra.map((spec) => spec.id)];
		const run = await runAction({ ...greenApiInputs(sandbox, ids), concurrency: '12', 'upload-artifact': 'false' }, service.env);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.outputs.count).toBe('12');
		const calls = sandbox.requests.list().filter((record) => record.server === 'api' && record.path.includes('/downloadFile/'));
		const times = calls.map((call) => call.time).sort((a, b) => a - b);
		const log = JSON.stringify(calls.map((call) => [Math.round(call.time - (times[0] ?? 0)), call.status]));
		// Every call answered 200: none was refused for going over the limit.
		expect(
			calls.map((call) => call.status),
			log,
		).toEqual(Array.from({ length: 12 }, () => 200));
		for (const start of times) {
			expect(times.filter((time) => time >= start && time < start + 1000).length, log).toBeLessThanOrEqual(5);
		}
		expect(run.outputs['artifact-id']).toBeUndefined();
		expect(service.requests.list()).toEqual([]);
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
	});

	it('fails before any request when a credential is missing, naming the inputs', async () => {
		const { sandbox, service } = await startServices();
		const { 'api-token-instance': _, ...inputs } = greenApiInputs(sandbox, ['image']);
		const half = await runAction(inputs, service.env);
		expect(half.exitCode).toBe(1);
		expect(half.annotations).toEqual([
			{
				level: 'error',
				properties: { title: 'wamedia' },
				message:
					'id-instance is set but api-token-instance is not: give both or neither. Set api-token-instance too, or remove id-instance.',
			},
		]);
		expect(half.outputs).toEqual({});

		const { 'id-instance': __, ...neither } = inputs;
		const none = await runAction(neither, service.env);
		expect(none.exitCode).toBe(1);
		expect(none.annotations).toEqual([
			{
				level: 'error',
				properties: { title: 'wamedia' },
				message:
					'id-message needs Green-API credentials: id-instance and api-token-instance. Copy id-instance and api-token-instance from the Green-API console; pass the token as a secret.',
			},
		]);
		expect(sandbox.requests.list()).toEqual([]);
		expect(service.requests.list()).toEqual([]);
	});

	it('names inputs, not library options, in what it prints about a bad setting', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction({ ...greenApiInputs(sandbox, ['image']), 'max-bytes': '20MB', 'upload-artifact': 'false' }, service.env);
		expect(run.exitCode).toBe(1);
		expect(run.annotations).toEqual([
			{
				level: 'error',
				properties: { title: 'wamedia' },
				message: 'Invalid max-bytes: expected a whole number, got "20MB". Set max-bytes to a whole number.',
			},
		]);
		expect(sandbox.requests.list()).toEqual([]);
	});
});
