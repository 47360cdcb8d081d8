import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type NotificationSpec, startSandbox } from '@wamedia/sandbox';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ArchiveNotice, createClient, type FileResult, type JournalLine } from '../../src/index.js';
import {
	acceptedCalls,
	apiCalls,
	archivedFiles,
	busiestSecond,
	expectNo429TwiceInARow,
	fileSha256,
	readJournal,
	resetInstance,
} from './archive-helpers.js';
import { quickRetry, sandboxClient, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
beforeEach(() => resetInstance(sandbox()));

const lineKeys = [
	'at',
	'source',
	'receiptId',
	'typeWebhook',
	'typeMessage',
	'chatId',
	'idMessage',
	'timestamp',
	'senderName',
	'caption',
	'result',
	'body',
];

function fileResult(line: JournalLine | undefined): FileResult {
	if (line?.result?.success !== true) throw new Error(`expected a downloaded file, got ${JSON.stringify(line)}`);
	return line.result;
}

function storageGets() {
	return sandbox()
		.requests.list()
		.filter((request) => request.server === 'storage' && request.method === 'GET');
}

describe('client.sync: draining the queue', () => {
	it('archives a mixed queue: every file once with its sha256, everything else kept whole in the journal', async () => {
		const directory = await temporaryDirectory();
		const specs: NotificationSpec[] = [
			{ type: 'file', media: 'image', caption: 'receipt' },
			{ type: 'file', media: 'document', direction: 'outgoingApi' },
			{ type: 'file', media: 'voice' },
			{ type: 'file', media: 'sticker', direction: 'outgoing' },
			{ type: 'file', media: 'png', expired: true },
			{ type: 'file', media: 'video', downloadUrl: '' },
			{ type: 'file', media: 'png', downloadUrl: '', downloadFile: 'noMedia' },
			{ type: 'text', text: 'hello' },
			{ type: 'status', status: 'delivered' },
			{ type: 'state', stateInstance: 'authorized' },
			{ type: 'raw', body: { typeWebhook: 'incomingCall', timestamp: 1767000000, from: '79001234567@c.us' } },
		];
		const queued = specs.map((spec) => sandbox().notifications.enqueue(spec));
		const items: JournalLine[] = [];
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true, onItem: (line) => items.push(line) });

		expect(summary).toEqual({
			processed: 11,
			downloaded: 6,
			failed: 1,
			skipped: 0,
			skippedFailed: 0,
			journal: join(directory, 'wamedia-journal.ndjson'),
		});
		const journal = await readJournal(directory);
		expect(journal).toEqual(items);
		expect(journal.map((line) => line.receiptId)).toEqual(queued.map((notification) => notification.receiptId));
		for (const line of journal) {
			expect(Object.keys(line).every((key) => lineKeys.includes(key))).toBe(true);
			expect(line.source).toBe('queue');
			expect(Number.isNaN(Date.parse(line.at))).toBe(false);
		}
		// Every notification handed out is deleted, and written down.
		expect(sandbox().notifications.list()).toEqual([]);
		expect(
			sandbox()
				.notifications.history()
				.every((notification) => notification.status === 'deleted'),
		).toBe(true);

		// Files: once each, where the journal says, with the bytes of the catalog.
		const files = journal.filter((line) => line.result?.success === true).map(fileResult);
		expect(files.map((result) => result.path).sort()).toEqual(await archivedFiles(directory));
		for (const [index, line] of journal.entries()) {
			const media = queued[index]?.media;
			if (line.result?.success !== true || media === undefined) continue;
			expect(line.result.sha256).toBe(sandbox().media.get(media).sha256);
			expect(await fileSha256(directory, line.result.path)).toBe(line.result.sha256);
			expect(line.result.path.startsWith(`${sandbox().chatId}/`)).toBe(true);
			expect(line.body).toBeUndefined();
			expect(line.result).not.toHaveProperty('data');
		}
		expect(journal[0]).toMatchObject({
			typeWebhook: 'incomingMessageReceived',
			typeMessage: 'imageMessage',
			chatId: sandbox().chatId,
			caption: 'receipt',
			idMessage: (queued[0] as { body: { idMessage: string } }).body.idMessage,
		});
		expect(journal[1]).toMatchObject({ typeWebhook: 'outgoingAPIMessageReceived', typeMessage: 'documentMessage' });
		expect(journal[3]).toMatchObject({ typeWebhook: 'outgoingMessageReceived', typeMessage: 'stickerMessage' });
		// The file without a file: its error, and its body, so that nothing is lost.
		expect(journal[6]).toMatchObject({ result: { success: false, error: { code: 'NO_MEDIA' } }, body: queued[6]?.body });
		// Notifications without a file: the whole body.
		for (const index of [7, 8, 9, 10]) {
			expect(journal[index]?.body).toEqual(queued[index]?.body);
			expect(journal[index]?.result).toBeUndefined();
		}
		expect(journal[8]?.typeWebhook).toBe('outgoingMessageStatus');
		// The expired link and the two empty ones went through downloadFile.
		expect(acceptedCalls(sandbox(), 'downloadFile')).toHaveLength(3);
		expectNo429TwiceInARow(sandbox(), 'downloadFile');
	});

	it('flushes the file and its journal line before the notification is deleted', async () => {
		const directory = await temporaryDirectory();
		const queued = [
			sandbox().notifications.enqueue({ type: 'file', media: 'image' }),
			sandbox().notifications.enqueue({ type: 'text', text: 'a' }),
		];
		const seen: string[] = [];
		await sandboxClient(sandbox()).sync({
			directory,
			once: true,
			onItem: (line) => {
				// Called once the line is on disk, before the delete: the notification is still queued.
				expect(
					sandbox()
						.notifications.list()
						.map((notification) => notification.receiptId),
				).toContain(line.receiptId);
				expect(apiCalls(sandbox(), 'deleteNotification').some((request) => request.path.endsWith(`/${line.receiptId}`))).toBe(false);
				seen.push(`${line.receiptId}`);
			},
			onNotice: () => undefined,
		});
		expect(seen).toEqual(queued.map((notification) => `${notification.receiptId}`));
		const [file] = await readJournal(directory);
		expect(await fileSha256(directory, fileResult(file).path)).toBe(sandbox().media.get('image').sha256);
	});

	it('a second run downloads nothing again: a redelivered message is deleted unread', async () => {
		const directory = await temporaryDirectory();
		const first = sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		const client = sandboxClient(sandbox());
		await client.sync({ directory, once: true });
		const { idMessage } = first.body as { idMessage: string };
		// Green-API sends duplicates (the same idMessage in a new notification).
		const duplicate = sandbox().notifications.enqueue({ type: 'file', media: 'image', idMessage });
		sandbox().requests.clear();
		const notices: ArchiveNotice[] = [];
		const summary = await client.sync({ directory, once: true, onNotice: (notice) => notices.push(notice) });
		expect(summary).toMatchObject({ processed: 1, downloaded: 0, skipped: 1, failed: 0 });
		expect(notices).toContainEqual({ type: 'skipped', idMessage, receiptId: duplicate.receiptId });
		expect(storageGets()).toEqual([]);
		expect(apiCalls(sandbox(), 'downloadFile')).toEqual([]);
		expect(sandbox().notifications.list()).toEqual([]);
		expect(await archivedFiles(directory)).toHaveLength(1);
		expect(await readJournal(directory)).toHaveLength(1);
	});

	it('stopped between commit and delete: the re-run deletes without downloading again, and the file exists once', async () => {
		const directory = await temporaryDirectory();
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'document' });
		sandbox().notifications.enqueue({ type: 'file', media: 'voice' });
		const controller = new AbortController();
		const client = sandboxClient(sandbox());
		// Aborted right after the first file is committed and written down: as if the process died there.
		const stopped = await client.sync({ directory, once: true, signal: controller.signal, onItem: () => controller.abort() });
		expect(stopped).toMatchObject({ stopped: true, downloaded: 1, processed: 1 });
		expect(
			sandbox()
				.notifications.list()
				.map((notification) => notification.receiptId)[0],
		).toBe(head.receiptId);
		expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);

		sandbox().requests.clear();
		const rerun = await client.sync({ directory, once: true });
		expect(rerun).toMatchObject({ processed: 2, downloaded: 1, skipped: 1, failed: 0 });
		// Only the second file was fetched.
		expect(storageGets()).toHaveLength(1);
		expect(sandbox().notifications.list()).toEqual([]);
		const files = await archivedFiles(directory);
		expect(files).toHaveLength(2);
		expect(files.filter((path) => path.endsWith('.pdf'))).toHaveLength(1);
		const journal = await readJournal(directory);
		expect(journal.filter((line) => line.idMessage === (head.body as { idMessage: string }).idMessage)).toHaveLength(1);
	});

	it('a file committed before a crash that left no journal line is kept once, not numbered again', async () => {
		const directory = await temporaryDirectory();
		const notification = sandbox().notifications.enqueue({ type: 'file', media: 'document' });
		const client = sandboxClient(sandbox());
		// The earlier run's file, already in its chat's folder.
		const earlier = await client.download(notification.body as object, { directory: join(directory, sandbox().chatId) });
		const summary = await client.sync({ directory, once: true });
		expect(summary).toMatchObject({ downloaded: 1 });
		const [line] = await readJournal(directory);
		expect(fileResult(line).path).toBe(join(sandbox().chatId, earlier.fileName));
		expect(await archivedFiles(directory)).toEqual([join(sandbox().chatId, earlier.fileName)]);
	});

	it('two chats carrying the same idMessage are two messages: both archived, neither lost', async () => {
		const directory = await temporaryDirectory();
		const idMessage = 'SAME0000000000000001';
		sandbox().notifications.enqueue({ type: 'file', media: 'image', idMessage, chatId: '79001111111@c.us' });
		sandbox().notifications.enqueue({ type: 'file', media: 'document', idMessage, chatId: '79002222222@c.us' });
		const client = sandboxClient(sandbox());
		expect(await client.sync({ directory, once: true })).toMatchObject({ downloaded: 2, skipped: 0 });
		const journal = await readJournal(directory);
		expect(journal.map((line) => [line.chatId, line.idMessage])).toEqual([
			['79001111111@c.us', idMessage],
			['79002222222@c.us', idMessage],
		]);
		expect(await fileSha256(directory, fileResult(journal[0]).path)).toBe(sandbox().media.get('image').sha256);
		expect(await fileSha256(directory, fileResult(journal[1]).path)).toBe(sandbox().media.get('document').sha256);
		// A redelivery of either is known by its chat and id: deleted unread.
		sandbox().notifications.enqueue({ type: 'file', media: 'document', idMessage, chatId: '79002222222@c.us', journal: false });
		expect(await client.sync({ directory, once: true })).toMatchObject({ downloaded: 0, skipped: 1 });
	});

	it('two messages with the same file keep a file each', async () => {
		const directory = await temporaryDirectory();
		sandbox().notifications.enqueue({ type: 'file', media: 'document' });
		sandbox().notifications.enqueue({ type: 'file', media: 'document' });
		expect(await sandboxClient(sandbox()).sync({ directory, once: true })).toMatchObject({ downloaded: 2 });
		const paths = (await readJournal(directory)).map((line) => fileResult(line).path);
		expect(paths).toEqual([join(sandbox().chatId, 'Счёт №42.pdf'), join(sandbox().chatId, 'Счёт №42 (1).pdf')]);
		expect(await archivedFiles(directory)).toEqual([...paths].sort());
	});

	it('the answer of a delete lost on the way: retried, Green-API says result false, and the drain goes on', async () => {
		const directory = await temporaryDirectory();
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		sandbox().notifications.enqueue({ type: 'text', text: 'next' });
		sandbox().faults.add({ server: 'api', path: 'deleteNotification', type: 'reset', afterBytes: 0 });
		const notices: ArchiveNotice[] = [];
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true, onNotice: (notice) => notices.push(notice) });
		expect(summary).toMatchObject({ processed: 2, downloaded: 1, failed: 0 });
		expect(notices.filter((notice) => notice.type === 'not-deleted')).toHaveLength(1);
		expect(sandbox().notifications.list()).toEqual([]);
		expect(await archivedFiles(directory)).toHaveLength(1);
		expect(await readJournal(directory)).toHaveLength(2);
	});

	it('a delete answering result false is noted and the drain goes on (the redelivery is then deleted unread)', async () => {
		const directory = await temporaryDirectory();
		const image = sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		sandbox().faults.add({ server: 'api', path: 'deleteNotification', type: 'json', body: { result: false } });
		const notices: ArchiveNotice[] = [];
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true, onNotice: (notice) => notices.push(notice) });
		expect(notices).toContainEqual({
			type: 'not-deleted',
			receiptId: image.receiptId,
			idMessage: (image.body as { idMessage: string }).idMessage,
		});
		expect(summary).toMatchObject({ downloaded: 1, skipped: 1, failed: 0 });
		expect(sandbox().notifications.list()).toEqual([]);
		expect(storageGets()).toHaveLength(1);
	});

	it('a transient failure leaves the head in place: with once the run ends, and the next run starts there', async () => {
		const directory = await temporaryDirectory();
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		const behind = sandbox().notifications.enqueue({ type: 'text', text: 'behind' });
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
		const client = sandboxClient(sandbox());
		const failed = await client.sync({ directory, once: true });
		expect(failed).toMatchObject({ processed: 0, downloaded: 0, failed: 1, error: { code: 'UPSTREAM_ERROR', status: 503 } });
		expect(
			sandbox()
				.notifications.list()
				.map((notification) => notification.receiptId),
		).toEqual([head.receiptId, behind.receiptId]);
		expect(sandbox().notifications.list()[1]?.deliveries).toBe(0);
		expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);
		expect(await archivedFiles(directory)).toEqual([]);
		expect(await readJournal(directory)).toEqual([]);

		sandbox().faults.clear();
		expect(await client.sync({ directory, once: true })).toMatchObject({ processed: 2, downloaded: 1, failed: 0 });
		expect((await readJournal(directory)).map((line) => line.receiptId)).toEqual([head.receiptId, behind.receiptId]);
	});

	it('without once, a transient failure is retried after a growing wait until it passes', async () => {
		const directory = await temporaryDirectory();
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		// More failures than the client's own retries (3): the loop's backoff has to carry it.
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503, times: 6 });
		const waits: number[] = [];
		const summary = await sandboxClient(sandbox()).sync({
			directory,
			maxItems: 1,
			onNotice: (notice) => {
				if (notice.type === 'backoff') waits.push(notice.delay);
			},
		});
		expect(summary).toMatchObject({ processed: 1, downloaded: 1, failed: 0 });
		expect(waits.length).toBeGreaterThanOrEqual(1);
		expect(waits.every((delay) => delay > 0 && delay <= 60_000)).toBe(true);
		expect(sandbox().notifications.list()).toEqual([]);
	});

	it('an instance that starts again mid-run is a transient failure: nothing is deleted until it is back', async () => {
		const directory = await temporaryDirectory();
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		const client = sandboxClient(sandbox());
		const summary = await client.sync({ directory, once: true, onItem: () => sandbox().instance.setState('starting') });
		expect(summary).toMatchObject({ downloaded: 1, failed: 1, error: { code: 'INSTANCE_NOT_READY', retryable: true } });
		expect(sandbox().notifications.list()[0]?.receiptId).toBe(head.receiptId);

		sandbox().instance.setState('authorized');
		sandbox().requests.clear();
		expect(await client.sync({ directory, once: true })).toMatchObject({ skipped: 1, downloaded: 0, failed: 0 });
		expect(sandbox().notifications.list()).toEqual([]);
		expect(storageGets()).toEqual([]);
	});

	it('Ctrl-C mid-download: the notification stays queued and no file is left', async () => {
		const directory = await temporaryDirectory();
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'large' });
		sandbox().faults.add({ server: 'storage', type: 'stall', afterBytes: 100_000 });
		const controller = new AbortController();
		const running = sandboxClient(sandbox()).sync({ directory, once: true, signal: controller.signal });
		await waitFor(() => storageGets().length === 1);
		await new Promise((resolve) => setTimeout(resolve, 100));
		controller.abort(new Error('Ctrl-C'));
		const summary = await running;
		expect(summary).toMatchObject({ stopped: true, processed: 0, downloaded: 0 });
		expect(sandbox().notifications.list()).toMatchObject([{ receiptId: head.receiptId, status: 'queued' }]);
		expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);
		expect(await archivedFiles(directory)).toEqual([]);
		expect(await readJournal(directory)).toEqual([]);
	});

	it('an abort while waiting for notifications ends the long poll at once', async () => {
		const directory = await temporaryDirectory();
		const controller = new AbortController();
		const running = sandboxClient(sandbox()).sync({ directory, signal: controller.signal });
		await waitFor(() => apiCalls(sandbox(), 'receiveNotification').length > 0);
		controller.abort();
		expect(await running).toMatchObject({ stopped: true, processed: 0 });
	});

	it('maxItems ends a continuous run after that many notifications', async () => {
		const directory = await temporaryDirectory();
		for (const text of ['a', 'b', 'c']) sandbox().notifications.enqueue({ type: 'text', text });
		expect(await sandboxClient(sandbox()).sync({ directory, maxItems: 2 })).toMatchObject({ processed: 2 });
		expect(sandbox().notifications.list()).toHaveLength(1);
	});

	it('reads a journal whose last line was cut short by a crash, and keeps appending whole lines', async () => {
		const directory = await temporaryDirectory();
		await writeFile(join(directory, 'wamedia-journal.ndjson'), '{"at":"2026-01-01T00:00:00.000Z","source":"queue","receiptId":1,"idMes');
		sandbox().notifications.enqueue({ type: 'text', text: 'after the crash' });
		await sandboxClient(sandbox()).sync({ directory, once: true });
		const lines = (await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8')).split('\n');
		expect(lines).toHaveLength(3);
		expect(JSON.parse(lines[1] as string)).toMatchObject({
			body: { messageData: { textMessageData: { textMessage: 'after the crash' } } },
		});
	});
});

describe('client.sync: pre-flight', () => {
	it('refuses an instance with a webhookUrl, without changing its settings or touching the queue', async () => {
		const directory = await temporaryDirectory();
		sandbox().notifications.enqueue({ type: 'text', text: 'kept' });
		sandbox().instance.setSettings({ webhookUrl: 'https://example.com/hook' });
		const error = await sandboxClient(sandbox())
			.sync({ directory, once: true })
			.catch((caught: unknown) => caught);
		expect(error).toMatchObject({ code: 'INSTANCE_NOT_READY', provider: 'green-api' });
		expect((error as Error).message).toContain('webhookUrl');
		expect((error as { hint: string }).hint).toContain('webhookUrl');
		expect(JSON.stringify(error)).not.toContain('example.com');
		expect(sandbox().instance.settings().webhookUrl).toBe('https://example.com/hook');
		expect(
			sandbox()
				.requests.list()
				.map((request) => `${request.method} ${request.path.split('/')[2]}`),
		).toEqual(['GET getStateInstance', 'GET getSettings']);
		expect(sandbox().notifications.list()[0]?.deliveries).toBe(0);
		expect(await readJournal(directory)).toEqual([]);
	});

	it.each(['notAuthorized', 'blocked', 'sleepMode'] as const)('refuses an instance that is %s', async (state) => {
		sandbox().instance.setState(state);
		const error = await sandboxClient(sandbox())
			.sync({ directory: await temporaryDirectory(), once: true })
			.catch((caught: unknown) => caught);
		expect(error).toMatchObject({ code: 'INSTANCE_NOT_READY', retryable: false, details: { stateInstance: state } });
		expect(apiCalls(sandbox(), 'receiveNotification')).toEqual([]);
	});

	it('a starting instance: with once the run ends (retryable), without it the run waits until it is up', async () => {
		sandbox().instance.setState('starting');
		const client = sandboxClient(sandbox());
		await expect(client.sync({ directory: await temporaryDirectory(), once: true })).rejects.toMatchObject({
			code: 'INSTANCE_NOT_READY',
			retryable: true,
		});
		sandbox().notifications.enqueue({ type: 'text', text: 'waiting' });
		const notices: ArchiveNotice[] = [];
		const running = client.sync({
			directory: await temporaryDirectory(),
			maxItems: 1,
			onNotice: (notice) => {
				notices.push(notice);
				sandbox().instance.setState('authorized');
			},
		});
		expect(await running).toMatchObject({ processed: 1 });
		expect(notices[0]).toMatchObject({ type: 'backoff', error: { code: 'INSTANCE_NOT_READY' } });
	});

	it('needs Green-API credentials, and checks its options before any request', async () => {
		const noCredentials = createClient({ multiSession: sandbox().multiSession });
		await expect(noCredentials.sync({ once: true })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'idInstance' } });
		const client = sandboxClient(sandbox());
		await expect(client.sync({ receiveTimeout: 4 })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { option: 'receiveTimeout' },
		});
		await expect(client.sync({ maxItems: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { option: 'maxItems' } });
		expect(sandbox().requests.list()).toEqual([]);
	});
});

describe('client.sync: limits and time', () => {
	it('keeps receive and delete within 100 per second, downloadFile within 5', async () => {
		const directory = await temporaryDirectory();
		for (let index = 0; index < 230; index++) sandbox().notifications.enqueue({ type: 'text', text: `n${index}` });
		for (let index = 0; index < 8; index++) sandbox().notifications.enqueue({ type: 'file', media: 'sticker', downloadUrl: '' });
		const summary = await sandboxClient(sandbox()).sync({ directory, once: true });
		expect(summary).toMatchObject({ processed: 238, downloaded: 8, failed: 0 });
		expectNo429TwiceInARow(sandbox());
		expect(busiestSecond(sandbox(), 'receiveNotification')).toBeLessThanOrEqual(100);
		expect(busiestSecond(sandbox(), 'deleteNotification')).toBeLessThanOrEqual(100);
		expect(busiestSecond(sandbox(), 'downloadFile')).toBeLessThanOrEqual(5);
		expect(acceptedCalls(sandbox(), 'downloadFile')).toHaveLength(8);
	});

	it('keeps getStateInstance and getSettings within 1 per second across runs', async () => {
		const client = sandboxClient(sandbox());
		for (let run = 0; run < 3; run++) await client.sync({ directory: await temporaryDirectory(), once: true });
		expect(busiestSecond(sandbox(), 'getStateInstance')).toBe(1);
		expect(busiestSecond(sandbox(), 'getSettings')).toBe(1);
		expect(acceptedCalls(sandbox(), 'getStateInstance')).toHaveLength(3);
		expectNo429TwiceInARow(sandbox());
	});

	it('waits on the long poll longer than the client timeout', async () => {
		const slow = await startSandbox({ longPollMs: 1_500 });
		try {
			const client = sandboxClient(slow, { timeout: 500, retry: quickRetry });
			const started = performance.now();
			const summary = await client.sync({ directory: await temporaryDirectory(), once: true, receiveTimeout: 5 });
			expect(summary).toMatchObject({ processed: 0, failed: 0 });
			expect(summary.error).toBeUndefined();
			expect(performance.now() - started).toBeGreaterThan(1_400);
			expect(slow.requests.list().find((request) => request.path.includes('receiveNotification'))?.path).toContain('receiveTimeout=5');
		} finally {
			await slow.close();
		}
	});
});

describe('client.sync: directory', () => {
	it('files go to <directory>/<chatId>/, and a journal that cannot be written stops before anything is taken off the queue', async () => {
		const directory = await temporaryDirectory();
		const blocker = join(directory, 'not-a-directory');
		await writeFile(blocker, '');
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		await expect(sandboxClient(sandbox()).sync({ directory: blocker, once: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
		expect(sandbox().notifications.list()).toHaveLength(1);
		expect(apiCalls(sandbox(), 'deleteNotification')).toEqual([]);
		const summary = await sandboxClient(sandbox(), { directory }).sync({ once: true });
		expect(summary.journal).toBe(join(directory, 'wamedia-journal.ndjson'));
		expect((await stat(join(directory, sandbox().chatId))).isDirectory()).toBe(true);
		expect(sha256(await readFile(join(directory, fileResult((await readJournal(directory))[0]).path)))).toBe(
			sandbox().media.get('image').sha256,
		);
	});
});

async function waitFor(condition: () => boolean): Promise<void> {
	for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
	if (!condition()) throw new Error('condition not met in time');
}
