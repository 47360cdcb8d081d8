import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorResult, FileResult, JournalLine } from '@wamedia/core';
import { withoutLinkQueries } from '@wamedia/core/inputs';
import type { Sandbox } from '@wamedia/sandbox';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { runAction, unzip } from './run-action.js';
import { expectNoLeak, startServices } from './services.js';

function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** The Green-API inputs of the sandbox's instance, with a mode. */
function instanceInputs(sandbox: Sandbox, mode: 'sync' | 'backfill'): Record<string, string> {
	return {
		mode,
		'api-url': sandbox.greenApi.apiUrl,
		'id-instance': sandbox.greenApi.idInstance,
		'api-token-instance': sandbox.greenApi.apiTokenInstance,
	};
}

function journalOf(text: string | Buffer | undefined): JournalLine[] {
	return String(text ?? '')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as JournalLine);
}

/** The Green-API requests of one method (`/waInstance1/<method>/<token>…`). */
/**
 * A journal line as the files output carries it: no notification body, and the download link without its
 * query (a presigned link's signature); the journal file keeps both.
 */
function asOutput(line: JournalLine): JournalLine {
	const { body: _body, ...rest } = line;
	if (rest.result?.success !== true) return rest;
	return { ...rest, result: { ...rest.result, downloadUrl: rest.result.downloadUrl.replace(/[?#].*$/, '?…') } };
}

function calls(sandbox: Sandbox, method: string) {
	return sandbox.requests.list().filter((request) => request.server === 'api' && request.path.split('/')[2] === method);
}

function storageGets(sandbox: Sandbox) {
	return sandbox.requests.list().filter((request) => request.server === 'storage' && request.method === 'GET');
}

/** A directory outside the run's workspace, for runs that share an archive (a self-hosted runner, a restored cache). */
async function archiveDirectory(): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'wamedia-action-archive-'));
	onTestFinished(() => rm(directory, { recursive: true, force: true }));
	return directory;
}

/** Every file under a directory, relative to it. */
async function filesUnder(directory: string): Promise<string[]> {
	const entries = await readdir(directory, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1))
		.sort();
}

describe('mode: sync', () => {
	it('drains the queue once: every file in the artifact with the sha256 its journal line names, the journal too, the queue empty', async () => {
		const { sandbox, service } = await startServices();
		const queued = [
			sandbox.notifications.enqueue({ type: 'file', media: 'image', caption: 'receipt' }),
			sandbox.notifications.enqueue({ type: 'file', media: 'document', direction: 'outgoingApi' }),
			sandbox.notifications.enqueue({ type: 'file', media: 'voice', expired: true }),
			sandbox.notifications.enqueue({ type: 'file', media: 'sticker', downloadUrl: '' }),
			sandbox.notifications.enqueue({ type: 'text', text: 'hello' }),
			sandbox.notifications.enqueue({ type: 'status', status: 'delivered' }),
		];
		const run = await runAction(instanceInputs(sandbox, 'sync'), service.env);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.annotations).toEqual([]);
		expect(sandbox.notifications.list()).toEqual([]);
		expect(sandbox.notifications.history().map((notification) => notification.status)).toEqual(queued.map(() => 'deleted'));

		const artifact = service.artifacts.get('whatsapp-media');
		const entries = unzip(artifact.bytes);
		const journal = journalOf(entries['wamedia-journal.ndjson']);
		expect(journal.map((line) => line.receiptId)).toEqual(queued.map((notification) => notification.receiptId));
		const files = journal.flatMap((line) => (line.result?.success ? [line.result as FileResult] : []));
		expect(files).toHaveLength(4);
		expect(Object.keys(entries).sort()).toEqual([...files.map((file) => file.path), 'wamedia-journal.ndjson'].sort());
		for (const [index, media] of ['image', 'document', 'voice', 'sticker'].entries()) {
			const file = files[index] as FileResult;
			expect(file.path.startsWith(`${sandbox.chatId}/`), file.path).toBe(true);
			expect(sha256(entries[file.path] ?? Buffer.alloc(0)), media).toBe(file.sha256);
			expect(file.sha256, media).toBe(sandbox.media.get(media).sha256);
		}
		// The notifications without a file are kept whole in the journal: they are off the queue now.
		expect(journal.slice(4).map((line) => [line.typeWebhook, line.result, (line.body as { typeWebhook?: string }).typeWebhook])).toEqual([
			['incomingMessageReceived', undefined, 'incomingMessageReceived'],
			['outgoingMessageStatus', undefined, 'outgoingMessageStatus'],
		]);
		expect(journal[0]?.caption).toBe('receipt');

		expect(JSON.parse(run.outputs.files ?? '[]')).toEqual(journal.map(asOutput));
		expect(run.outputs).toEqual({
			files: run.outputs.files,
			'files-path': '',
			count: '4',
			'failed-count': '0',
			path: join(run.workspace, 'whatsapp-media'),
			'download-url': files[0]?.downloadUrl.replace(/\?.*$/, '?…'),
			'artifact-id': String(artifact.id),
			'artifact-url': `https://github.com/octo-org/media-archive/actions/runs/9001/artifacts/${artifact.id}`,
			'artifact-digest': artifact.sha256,
		});
		expect(await filesUnder(join(run.workspace, 'whatsapp-media'))).toEqual(Object.keys(entries).sort());

		expect(run.summary).toContain('## WhatsApp archive');
		expect(run.summary).toContain(
			[
				'| Notifications processed | Files downloaded | Failed | Skipped (archived before) | Kept without a file |',
				'| ---: | ---: | ---: | ---: | ---: |',
				'| 6 | 4 | 0 | 0 | 2 |',
			].join('\n'),
		);
		const document = files[1] as FileResult;
		expect(run.summary).toContain(`\`${document.sha256}\` | ${sandbox.chatId} / ${journal[1]?.idMessage} |`);
		expect(run.summary).not.toContain('Failed (');
		expect(run.stdout).toContain(`✓ ${sandbox.chatId} / ${journal[0]?.idMessage}: ${files[0]?.path}`);
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);

		// The next scheduled run (a fresh workspace) finds the queue empty and downloads nothing again.
		sandbox.requests.clear();
		const again = await runAction(instanceInputs(sandbox, 'sync'), service.env);
		expect(again.exitCode, again.stdout).toBe(0);
		expect(again.outputs).toMatchObject({ files: '[]', count: '0', 'failed-count': '0' });
		expect(again.annotations).toEqual([
			{
				level: 'warning',
				properties: { title: 'No files found' },
				message: 'Nothing new was archived into whatsapp-media. No artifact will be uploaded.',
			},
		]);
		expect(storageGets(sandbox)).toEqual([]);
		expect(calls(sandbox, 'downloadFile')).toEqual([]);
		expect(calls(sandbox, 'deleteNotification')).toEqual([]);
		expect(service.artifacts.list()).toHaveLength(1);
	});

	it('a redelivery into the same archive is deleted without a download, and counted as skipped', async () => {
		const { sandbox, service } = await startServices();
		const directory = await archiveDirectory();
		const first = sandbox.notifications.enqueue({ type: 'file', media: 'png' });
		const inputs = { ...instanceInputs(sandbox, 'sync'), path: directory, 'upload-artifact': 'false' };
		expect((await runAction(inputs, service.env)).outputs.count).toBe('1');

		// Green-API hands the same message out again under a new receipt id (a crash before the delete looks the same).
		const idMessage = (first.body as { idMessage: string }).idMessage;
		sandbox.notifications.enqueue({ type: 'file', media: 'png', idMessage });
		sandbox.requests.clear();
		const again = await runAction(inputs, service.env);

		expect(again.exitCode, again.stdout).toBe(0);
		expect(again.outputs).toMatchObject({ count: '0', 'failed-count': '0', files: '[]' });
		expect(sandbox.notifications.list()).toEqual([]);
		expect(storageGets(sandbox)).toEqual([]);
		expect(calls(sandbox, 'deleteNotification')).toHaveLength(1);
		expect(await filesUnder(directory)).toEqual([`${sandbox.chatId}/screenshot.png`, 'wamedia-journal.ndjson']);
		expect(journalOf(await readFile(join(directory, 'wamedia-journal.ndjson')))).toHaveLength(1);
		expect(again.summary).toContain('| 1 | 0 | 0 | 1 | 0 |');
		expect(again.stdout).toContain(`= ${idMessage} is archived already: not downloaded again`);
	});

	it('writes a file message without a file down with its error and deletes it; fail-on-error false makes it a warning', async () => {
		const { sandbox, service } = await startServices();
		sandbox.notifications.enqueue({ type: 'file', media: 'image' });
		const broken = sandbox.notifications.enqueue({ type: 'file', media: 'png', downloadUrl: '', downloadFile: 'noMedia' });
		const run = await runAction({ ...instanceInputs(sandbox, 'sync'), 'fail-on-error': 'false' }, service.env);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.outputs).toMatchObject({ count: '1', 'failed-count': '1' });
		expect(sandbox.notifications.list()).toEqual([]);
		const journal = journalOf(unzip(service.artifacts.get('whatsapp-media').bytes)['wamedia-journal.ndjson']);
		const failed = journal[1] as JournalLine & { result: ErrorResult };
		expect(failed).toMatchObject({ receiptId: broken.receiptId, result: { success: false, error: { code: 'NO_MEDIA' } } });
		expect(failed.body).toEqual(broken.body);
		const label = `${sandbox.chatId} / ${failed.idMessage}`;
		expect(run.annotations).toEqual([
			{
				level: 'warning',
				properties: { title: `${label}: NO_MEDIA` },
				message: `${failed.result.error.message.replace(/\.?$/, '.')} ${failed.result.error.hint}`,
			},
		]);
		expect(run.summary).toContain('| 2 | 1 | 1 | 0 | 0 |');
		expect(run.summary).toContain(`| ${label} | \`NO_MEDIA\` |`);
	});

	it('a failure that may pass leaves its notification queued and fails the step; the next run starts there', async () => {
		const { sandbox, service } = await startServices();
		sandbox.notifications.enqueue({ type: 'text', text: 'first' });
		const head = sandbox.notifications.enqueue({ type: 'file', media: 'video', downloadUrl: '' });
		sandbox.notifications.enqueue({ type: 'text', text: 'after' });
		sandbox.faults.add({ server: 'api', path: 'downloadFile', type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
		const run = await runAction(instanceInputs(sandbox, 'sync'), service.env);

		expect(run.exitCode, run.stdout).toBe(1);
		expect(sandbox.notifications.list().map((notification) => notification.receiptId)).toEqual([head.receiptId, head.receiptId + 1]);
		expect(run.outputs).toMatchObject({ count: '0', 'failed-count': '1' });
		expect(run.annotations.map((annotation) => [annotation.level, annotation.properties.title])).toEqual([
			['error', 'sync stopped: UPSTREAM_ERROR'],
			['error', 'Sync failed'],
		]);
		expect(run.annotations[0]?.message).toMatch(/Nothing was deleted for it: the next run starts at the same notification\.$/);
		expect(run.annotations[1]?.message).toBe('1 of 2 notifications could not be archived; set fail-on-error: false to let the step pass');
		// What was archived before the failure is uploaded: the text lives on only in the journal.
		const entries = unzip(service.artifacts.get('whatsapp-media').bytes);
		expect(Object.keys(entries)).toEqual(['wamedia-journal.ndjson']);
		expect(journalOf(entries['wamedia-journal.ndjson']).map((line) => line.receiptId)).toEqual([head.receiptId - 1]);
		expect(run.summary).toContain('| the head of the queue (still queued) | `UPSTREAM_ERROR` |');

		sandbox.faults.clear();
		const next = await runAction({ ...instanceInputs(sandbox, 'sync'), 'artifact-name': 'whatsapp-media-2' }, service.env);
		expect(next.exitCode, next.stdout).toBe(0);
		expect(sandbox.notifications.list()).toEqual([]);
		const journal = journalOf(unzip(service.artifacts.get('whatsapp-media-2').bytes)['wamedia-journal.ndjson']);
		expect(journal.map((line) => line.receiptId)).toEqual([head.receiptId, head.receiptId + 1]);
		expect(journal[0]?.result).toMatchObject({ success: true, sha256: sandbox.media.get('video').sha256 });
	});

	it('refuses an instance with a webhookUrl before taking anything off the queue, saying what to do', async () => {
		const { sandbox, service } = await startServices();
		sandbox.notifications.enqueue({ type: 'file', media: 'image' });
		sandbox.instance.setSettings({ webhookUrl: 'https://relay.example/hook' });
		const run = await runAction(instanceInputs(sandbox, 'sync'), service.env);

		expect(run.exitCode).toBe(1);
		expect(run.annotations).toHaveLength(1);
		expect(run.annotations[0]).toMatchObject({ level: 'error', properties: { title: 'wamedia' } });
		expect(run.annotations[0]?.message).toMatch(/^The instance has a webhookUrl.*Clear webhookUrl in the Green-API console/);
		expect(run.annotations[0]?.message).not.toContain('relay.example');
		expect(calls(sandbox, 'receiveNotification')).toEqual([]);
		expect(sandbox.notifications.list()).toHaveLength(1);
		expect(run.outputs).toEqual({});
	});

	it('names the inputs when the credentials or the mode’s inputs are wrong, before any request', async () => {
		const { sandbox, service } = await startServices();
		const { 'id-instance': _, 'api-token-instance': __, ...noCredentials } = instanceInputs(sandbox, 'sync');
		const none = await runAction(noCredentials, service.env);
		expect(none.exitCode).toBe(1);
		expect(none.annotations[0]?.message).toBe(
			'Sync and back-fill need Green-API credentials. Configure the Green-API credentials (api-url, id-instance, api-token-instance) of the instance to archive.',
		);
		const chat = await runAction({ ...instanceInputs(sandbox, 'sync'), 'chat-id': sandbox.chatId }, service.env);
		expect(chat.annotations[0]?.message).toBe('chat-id does not go with mode: sync. Remove chat-id, or set mode: download or backfill.');
		const count = await runAction({ ...instanceInputs(sandbox, 'backfill'), count: '10' }, service.env);
		expect(count.annotations[0]?.message).toContain('The count goes with chat-id');
		expect(sandbox.requests.list()).toEqual([]);
	});

	it('a cancelled job (SIGINT) leaves the notification being downloaded queued and no file, and uploads what came before', async () => {
		const { sandbox, service } = await startServices();
		const text = sandbox.notifications.enqueue({ type: 'text', text: 'before the large file' });
		const large = sandbox.notifications.enqueue({ type: 'file', media: 'large' });
		sandbox.faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 200_000 });
		const run = await runAction(instanceInputs(sandbox, 'sync'), service.env, 25_000, async (child) => {
			await vi.waitFor(() => expect(storageGets(sandbox).length).toBeGreaterThan(0), { timeout: 15_000, interval: 50 });
			child.kill('SIGINT');
		});

		expect(run.exitCode).toBe(1);
		expect(run.annotations.map((annotation) => annotation.properties.title)).toEqual(['Cancelled']);
		expect(sandbox.notifications.list().map((notification) => notification.receiptId)).toEqual([large.receiptId]);
		expect(calls(sandbox, 'deleteNotification')).toHaveLength(1);
		expect(await filesUnder(join(run.workspace, 'whatsapp-media'))).toEqual(['wamedia-journal.ndjson']);
		const entries = unzip(service.artifacts.get('whatsapp-media').bytes);
		expect(journalOf(entries['wamedia-journal.ndjson']).map((line) => line.receiptId)).toEqual([text.receiptId]);
		expect(run.summary).toContain('**Cancelled:**');
	});
});

describe('mode: backfill', () => {
	it('archives the journals’ file messages, renewing empty and {{SWE…}} links; a second back-fill of the chat skips them', async () => {
		const { sandbox, service } = await startServices();
		const directory = await archiveDirectory();
		sandbox.journal.add({ type: 'file', media: 'image' });
		sandbox.journal.add({ type: 'file', media: 'sticker', downloadUrl: '{{SWE002}}' });
		sandbox.journal.add({ type: 'file', media: 'video', downloadUrl: '' });
		sandbox.journal.add({ type: 'file', media: 'document', direction: 'outgoing' });
		sandbox.journal.add({ type: 'text', text: 'no file here' });
		const run = await runAction({ ...instanceInputs(sandbox, 'backfill'), path: directory, minutes: '60', outgoing: 'true' }, service.env);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(run.annotations).toEqual([]);
		expect(run.outputs).toMatchObject({ count: '4', 'failed-count': '0', path: directory });
		expect(calls(sandbox, 'lastIncomingMessages').map((call) => call.path)).toEqual([expect.stringContaining('minutes=60')]);
		expect(calls(sandbox, 'lastOutgoingMessages')).toHaveLength(1);
		const journal = journalOf(await readFile(join(directory, 'wamedia-journal.ndjson')));
		expect(JSON.parse(run.outputs.files ?? '[]')).toEqual(journal.map(asOutput));
		expect(journal.map((line) => line.source).sort()).toEqual([
			'lastIncomingMessages',
			'lastIncomingMessages',
			'lastIncomingMessages',
			'lastOutgoingMessages',
		]);
		const entries = unzip(service.artifacts.get('whatsapp-media').bytes);
		for (const line of journal) {
			const file = line.result as FileResult;
			expect(sha256(entries[file.path] ?? Buffer.alloc(0))).toBe(file.sha256);
		}
		expect(journal.map((line) => (line.result as FileResult).sha256).sort()).toEqual(
			['image', 'sticker', 'video', 'document'].map((media) => sandbox.media.get(media).sha256).sort(),
		);
		expect(Object.keys(entries)).toContain('wamedia-journal.ndjson');
		expect(run.summary).toContain('Back-filled from the Green-API journals');
		expect(run.summary).toContain('| 4 | 4 | 0 | 0 |');
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);

		sandbox.requests.clear();
		const chat = await runAction(
			{ ...instanceInputs(sandbox, 'backfill'), path: directory, 'chat-id': sandbox.chatId, count: '20', 'if-no-files-found': 'ignore' },
			service.env,
		);
		expect(chat.exitCode, chat.stdout).toBe(0);
		expect(chat.annotations).toEqual([]);
		expect(calls(sandbox, 'getChatHistory')).toHaveLength(1);
		expect(storageGets(sandbox)).toEqual([]);
		expect(chat.outputs).toMatchObject({ count: '0', files: '[]' });
		expect(chat.summary).toContain('| 4 | 0 | 0 | 4 |');
		expect(journalOf(await readFile(join(directory, 'wamedia-journal.ndjson')))).toHaveLength(4);
	});

	it('records a permanent failure once: the next run skips it with failed-count 0, retry-failed tries it again; an echoed token is in no output', async () => {
		const { sandbox, service } = await startServices();
		const directory = await archiveDirectory();
		const token = sandbox.greenApi.apiTokenInstance;
		sandbox.journal.add({ type: 'file', media: 'png', downloadUrl: '', downloadFile: 'noMedia', caption: `echo ${token}` });
		sandbox.journal.add({ type: 'file', media: 'image', caption: encodeURIComponent(token).toUpperCase() });
		const inputs = { ...instanceInputs(sandbox, 'backfill'), path: directory, 'fail-on-error': 'false', 'if-no-files-found': 'ignore' };
		const first = await runAction(inputs, service.env);
		expect(first.outputs).toMatchObject({ count: '1', 'failed-count': '1' });
		expectNoLeak(first, [token]);
		expect(first.outputs.files).not.toContain(encodeURIComponent(token).toUpperCase().slice(0, 12));
		const lines = journalOf(await readFile(join(directory, 'wamedia-journal.ndjson')));
		// The output is the journal's lines without the bodies and signed queries the artifact's journal keeps.
		const shown = lines.map(({ body: _body, ...line }) =>
			line.result?.success === true
				? { ...line, result: { ...line.result, downloadUrl: withoutLinkQueries(line.result.downloadUrl) } }
				: line,
		);
		expect(JSON.parse(first.outputs.files ?? '[]')).toEqual(shown);

		sandbox.requests.clear();
		const second = await runAction({ ...inputs, 'fail-on-error': 'true' }, service.env);
		expect(second.exitCode, second.stdout).toBe(0);
		expect(second.outputs).toMatchObject({ count: '0', 'failed-count': '0', files: '[]' });
		expect(calls(sandbox, 'downloadFile')).toEqual([]);
		expect(journalOf(await readFile(join(directory, 'wamedia-journal.ndjson')))).toEqual(lines);

		const retried = await runAction({ ...inputs, 'retry-failed': 'true' }, service.env);
		expect(retried.outputs).toMatchObject({ count: '0', 'failed-count': '1' });
		expectNoLeak(retried, [token]);
	});
});
