import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DownloadResult, ErrorResult, FileResult } from '@wamedia/core';
import { describe, expect, it } from 'vitest';
import { cell } from '../src/summary.js';
import { runAction, unzip } from './run-action.js';
import { expectNoLeak, startServices } from './services.js';

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function codes(run: { outputs: Record<string, string> }): string[] {
	const results = JSON.parse(run.outputs.files ?? '[]') as Array<DownloadResult | ErrorResult>;
	return results.map((result) => (result.success ? 'ok' : result.error.code));
}

describe('the action with webhook payloads and Multi-Session', () => {
	it('downloads an array of Green-API webhook, notification and journal bodies, renewing an expired link', async () => {
		const { sandbox, service } = await startServices();
		const text = {
			...sandbox.webhooks.greenApi('image'),
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'hi' } },
		};
		const payload = [
			sandbox.webhooks.greenApi('image'),
			sandbox.webhooks.notification('png'),
			sandbox.webhooks.journal('document'),
			sandbox.webhooks.greenApi('voice', { expired: true }),
			text,
		];
		const run = await runAction(
			{
				'webhook-payload': JSON.stringify(payload),
				'api-url': sandbox.greenApi.apiUrl,
				'id-instance': sandbox.greenApi.idInstance,
				'api-token-instance': sandbox.greenApi.apiTokenInstance,
				'fail-on-error': 'false',
				'artifact-name': 'webhook-media',
			},
			service.env,
		);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(codes(run)).toEqual(['ok', 'ok', 'ok', 'ok', 'NO_MEDIA']);
		expect(run.outputs).toMatchObject({ count: '4', 'failed-count': '1' });
		const renewals = sandbox.requests.list().filter((record) => record.path.includes('/downloadFile/'));
		expect(renewals).toHaveLength(1);
		const files = (JSON.parse(run.outputs.files ?? '[]') as FileResult[]).slice(0, 4);
		const entries = unzip(service.artifacts.get('webhook-media').bytes);
		for (const [index, id] of ['image', 'png', 'document', 'voice'].entries()) {
			const file = files[index] as FileResult;
			expect(sha256(entries[file.fileName] ?? Buffer.alloc(0)), id).toBe(sandbox.media.get(id).sha256);
			expect(sha256(await readFile(file.path))).toBe(sandbox.media.get(id).sha256);
		}
		expect(run.annotations.map((annotation) => annotation.properties.title)).toEqual([`#5 ${text.idMessage}: NO_MEDIA`]);
		for (const [index, id] of ['image', 'png', 'document', 'voice'].entries()) {
			const file = files[index] as FileResult;
			expect(run.summary).toContain(`\`${file.sha256}\` | ${file.chatId} / ${sandbox.media.get(id).idMessage} |`);
		}
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
	});

	it('takes one repository_dispatch body without credentials, refusing its loopback link unless allowed', async () => {
		const { sandbox, service } = await startServices();
		const body = JSON.stringify(sandbox.webhooks.greenApi('sticker'));
		const refused = await runAction({ 'webhook-payload': body }, service.env);
		expect(refused.exitCode).toBe(1);
		expect(codes(refused)).toEqual(['BLOCKED_URL']);
		expect(refused.annotations[0]).toMatchObject({
			level: 'error',
			properties: { title: `#1 ${sandbox.media.get('sticker').idMessage}: BLOCKED_URL` },
		});
		// The hint names the input as the workflow writes it, in the annotation and in the summary.
		expect(refused.annotations[0]?.message).toContain('allow-private-network');
		expect(`${refused.annotations[0]?.message}${refused.summary}`).not.toContain('allowPrivateNetwork');
		expect(refused.summary).toContain('allow-private-network');
		expect(refused.summary).toContain('Artifact `whatsapp-media` was not uploaded: no file was downloaded');
		expect(service.requests.list()).toEqual([]);

		const allowed = await runAction({ 'webhook-payload': body, 'allow-private-network': 'true' }, service.env);
		expect(allowed.exitCode, allowed.stdout).toBe(0);
		expect(codes(allowed)).toEqual(['ok']);
		expect(Object.values(unzip(service.artifacts.get('whatsapp-media').bytes)).map(sha256)).toEqual([sandbox.media.get('sticker').sha256]);
	});

	it('downloads Multi-Session media URLs with the API key, which stays masked', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction(
			{
				provider: 'multi-session',
				'server-url': sandbox.multiSession.serverUrl,
				'api-key': sandbox.multiSession.apiKey,
				'media-url': [
					sandbox.multiSessionPath('image'),
					`${sandbox.multiSession.serverUrl}${sandbox.multiSessionPath('document')}`,
					sandbox.multiSessionPath('png', { expired: true }),
				].join('\n'),
				'fail-on-error': 'false',
			},
			service.env,
		);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(codes(run)).toEqual(['ok', 'ok', 'MEDIA_EXPIRED']);
		const entries = Object.values(unzip(service.artifacts.get('whatsapp-media').bytes))
			.map(sha256)
			.sort();
		expect(entries).toEqual([sandbox.media.get('image').sha256, sandbox.media.get('document').sha256].sort());
		// For a media URL the summary names its file.
		const image = (JSON.parse(run.outputs.files ?? '[]') as FileResult[])[0];
		const imageFile = sandbox.multiSessionPath('image').split('?')[0]?.split('/').pop();
		expect(run.summary).toContain(`\`${image?.sha256}\` | ${cell(imageFile ?? '')} |`);
		const media = sandbox.requests.list().filter((record) => record.server === 'multiSession');
		expect(media.map((record) => record.headers.authorization)).toEqual(Array(3).fill(`Bearer ${sandbox.multiSession.apiKey}`));
		expect(run.annotations.map((annotation) => annotation.properties.title)).toEqual([
			`#3 ${sandbox.multiSessionPath('png', { expired: true }).split('?')[0]}: MEDIA_EXPIRED`,
		]);
		expectNoLeak(run, [sandbox.multiSession.apiKey]);
	});

	it('downloads a Multi-Session webhook body', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction(
			{
				provider: 'multi-session',
				'server-url': sandbox.multiSession.serverUrl,
				'api-key': sandbox.multiSession.apiKey,
				'webhook-payload': JSON.stringify(sandbox.webhooks.multiSession('voice')),
				'upload-artifact': 'false',
			},
			{},
		);
		expect(run.exitCode, run.stdout).toBe(0);
		const [file] = JSON.parse(run.outputs.files ?? '[]') as FileResult[];
		expect(file).toMatchObject({
			success: true,
			provider: 'multi-session',
			mimeType: 'audio/ogg',
			sha256: sandbox.media.get('voice').sha256,
		});
		expect(sha256(await readFile(file?.path ?? ''))).toBe(sandbox.media.get('voice').sha256);
		expect(run.outputs['artifact-id']).toBeUndefined();
		expect(service.requests.list()).toEqual([]);
		expectNoLeak(run, [sandbox.multiSession.apiKey]);
	});
});
