// The committed bundle against the sandbox's Meta Cloud API, WAHA and Evolution API emulators.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DownloadResult, ErrorResult, FileResult } from '@wamedia/core';
import type { Sandbox } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { type ActionRun, runAction, unzip } from './run-action.js';
import { expectNoLeak, startServices } from './services.js';

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function results(run: ActionRun): Array<DownloadResult | ErrorResult> {
	return JSON.parse(run.outputs.files ?? '[]') as Array<DownloadResult | ErrorResult>;
}

/** Every file of the run: in the `files` output, on disk and in the artifact, with the catalog's sha256 of `ids`. */
async function expectFiles(run: ActionRun, artifact: Record<string, Buffer>, sandbox: Sandbox, ids: readonly string[]): Promise<void> {
	const files = results(run).filter((result): result is FileResult => result.success);
	expect(files.map((file) => file.sha256)).toEqual(ids.map((id) => sandbox.media.get(id).sha256));
	for (const [index, id] of ids.entries()) {
		const file = files[index] as FileResult;
		expect(sha256(await readFile(file.path)), id).toBe(sandbox.media.get(id).sha256);
		expect(sha256(artifact[file.fileName] ?? Buffer.alloc(0)), id).toBe(sandbox.media.get(id).sha256);
	}
	expect(Object.keys(artifact)).toHaveLength(ids.length);
}

function metaInputs(sandbox: Sandbox): Record<string, string> {
	return { 'access-token': sandbox.meta.accessToken, 'graph-url': sandbox.meta.graphUrl, 'api-version': sandbox.meta.apiVersion };
}

describe('the action with the Meta Cloud API', () => {
	it('downloads media-id lines with the access token, masked, and names a failed id in the inputs’ words', async () => {
		const { sandbox, service } = await startServices();
		const unknown = '1000000000000001';
		const run = await runAction(
			{
				provider: 'meta',
				...metaInputs(sandbox),
				'phone-number-id': sandbox.meta.phoneNumberId,
				'media-id': [sandbox.meta.mediaId('image'), sandbox.meta.mediaId('document'), unknown].join('\n'),
				'fail-on-error': 'false',
			},
			service.env,
		);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(results(run).map((result) => (result.success ? 'ok' : result.error.code))).toEqual(['ok', 'ok', 'MEDIA_NOT_FOUND']);
		expect(run.outputs).toMatchObject({ count: '2', 'failed-count': '1' });
		await expectFiles(run, unzip(service.artifacts.get('whatsapp-media').bytes), sandbox, ['image', 'document']);
		expect(results(run)[0]).toMatchObject({ provider: 'meta', mediaId: sandbox.meta.mediaId('image') });
		// Each lookup names the business number; both origins got the token, and nothing else did.
		const lookups = sandbox.requests.list().filter((record) => record.server === 'meta');
		expect(lookups.map((record) => record.path)).toEqual(
			[sandbox.meta.mediaId('image'), sandbox.meta.mediaId('document'), unknown].map(
				(id) => `/${sandbox.meta.apiVersion}/${id}?phone_number_id=${sandbox.meta.phoneNumberId}`,
			),
		);
		const media = sandbox.requests.list().filter((record) => record.server === 'metaMedia');
		expect(media).toHaveLength(2);
		for (const record of [...lookups, ...media]) expect(record.headers.authorization).toBe(`Bearer ${sandbox.meta.accessToken}`);
		// The summary names the media id a file came from; the failure's annotation names the id and the input.
		expect(run.summary).toContain(`\`${sandbox.media.get('image').sha256}\` | ${sandbox.meta.mediaId('image')} |`);
		const [annotation] = run.annotations;
		expect(annotation).toMatchObject({ level: 'warning', properties: { title: `#3 ${unknown}: MEDIA_NOT_FOUND` } });
		expect(annotation?.message).toContain('phone-number-id');
		expect(annotation?.message).not.toContain('phoneNumberId');
		expectNoLeak(run, [sandbox.meta.accessToken]);
	});

	it('downloads a Meta webhook with two media as two files, under action.yml’s default provider', async () => {
		const { sandbox, service } = await startServices();
		const body = sandbox.webhooks.meta(['voice', 'document'], { text: 'two files' });
		const run = await runAction(
			{ ...metaInputs(sandbox), 'webhook-payload': JSON.stringify(body), 'artifact-name': 'meta-media' },
			service.env,
		);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.outputs).toMatchObject({ count: '2', 'failed-count': '0' });
		await expectFiles(run, unzip(service.artifacts.get('meta-media').bytes), sandbox, ['voice', 'document']);
		expect(results(run)).toMatchObject([
			{ provider: 'meta', mimeType: 'audio/ogg', idMessage: sandbox.meta.messageId('voice'), chatId: '79001234567' },
			{ provider: 'meta', fileName: 'Счёт №42.pdf', idMessage: sandbox.meta.messageId('document'), chatId: '79001234567' },
		]);
		expect(run.summary).toContain(`| 79001234567 / ${sandbox.meta.messageId('document')} |`);
		expectNoLeak(run, [sandbox.meta.accessToken]);
	});

	it('refuses media-id without an access token, naming the input', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction({ 'media-id': sandbox.meta.mediaId('image') }, service.env);
		expect(run.exitCode).toBe(1);
		expect(run.annotations[0]?.message).toContain('media-id needs the Meta access token: access-token');
		expect(sandbox.requests.list()).toEqual([]);
	});
});

describe('the action with WAHA and Evolution API', () => {
	it('downloads WAHA media URLs and an expired WAHA webhook (renewed) with the X-Api-Key, masked', async () => {
		const { sandbox, service } = await startServices();
		const waha = { provider: 'waha', 'server-url': sandbox.waha.serverUrl, 'api-key': sandbox.waha.apiKey };
		const urls = await runAction(
			{ ...waha, 'media-url': [sandbox.waha.fileUrl('image'), sandbox.waha.fileUrl('png')].join('\n') },
			service.env,
		);
		expect(urls.exitCode, urls.stdout).toBe(0);
		await expectFiles(urls, unzip(service.artifacts.get('whatsapp-media').bytes), sandbox, ['image', 'png']);
		expectNoLeak(urls, [sandbox.waha.apiKey]);

		const body = sandbox.webhooks.waha('voice', { expired: true });
		const renewed = await runAction({ ...waha, 'webhook-payload': JSON.stringify(body), 'artifact-name': 'waha-webhook' }, service.env);
		expect(renewed.exitCode, renewed.stdout).toBe(0);
		await expectFiles(renewed, unzip(service.artifacts.get('waha-webhook').bytes), sandbox, ['voice']);
		const requests = sandbox.requests.list().filter((record) => record.server === 'waha');
		expect(requests.filter((record) => record.path.includes('downloadMedia=true'))).toHaveLength(1);
		for (const record of requests) expect(record.headers['x-api-key']).toBe(sandbox.waha.apiKey);
		expectNoLeak(renewed, [sandbox.waha.apiKey]);
	});

	it('downloads Evolution message ids (id-message with provider evolution) with the apikey, masked', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction(
			{
				provider: 'evolution',
				'server-url': sandbox.evolution.serverUrl,
				'api-key': sandbox.evolution.apiKey,
				instance: sandbox.evolution.instance,
				'id-message': `${sandbox.evolution.messageId('document')}, ${sandbox.evolution.messageId('sticker')}`,
			},
			service.env,
		);
		expect(run.exitCode, run.stdout).toBe(0);
		await expectFiles(run, unzip(service.artifacts.get('whatsapp-media').bytes), sandbox, ['document', 'sticker']);
		const calls = sandbox.requests.list().filter((record) => record.server === 'evolution');
		expect(calls.map((record) => record.path)).toEqual(Array(2).fill(`/chat/getBase64FromMediaMessage/${sandbox.evolution.instance}`));
		for (const record of calls) expect(record.headers.apikey).toBe(sandbox.evolution.apiKey);
		expectNoLeak(run, [sandbox.evolution.apiKey]);
	});
});
