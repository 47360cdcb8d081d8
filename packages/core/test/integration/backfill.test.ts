import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileResult, JournalLine } from '../../src/index.js';
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
import { sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
beforeEach(() => resetInstance(sandbox()));

const otherChat = '79005550000@c.us';

function fileResult(line: JournalLine | undefined): FileResult {
	if (line?.result?.success !== true) throw new Error(`expected a downloaded file, got ${JSON.stringify(line)}`);
	return line.result;
}

function storageGets() {
	return sandbox()
		.requests.list()
		.filter((request) => request.server === 'storage' && request.method === 'GET');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('client.backfill', () => {
	it('archives the file messages of the incoming journal: its link first; empty, {{SWE002}} and expired ones through downloadFile', async () => {
		const directory = await temporaryDirectory();
		const journal = sandbox().journal;
		const items = [
			journal.add({ type: 'file', media: 'image', caption: 'from the journal' }),
			journal.add({ type: 'file', media: 'video', downloadUrl: '' }),
			journal.add({ type: 'file', media: 'sticker', downloadUrl: '{{SWE002}}' }),
			journal.add({ type: 'file', media: 'voice', expired: true }),
		];
		journal.add({ type: 'text', text: 'no file' });
		journal.add({ type: 'raw', item: { type: 'outgoing', typeMessage: '' } });
		journal.add({ type: 'file', media: 'document', direction: 'outgoing' });
		journal.add({ type: 'file', media: 'png', timestamp: nowSeconds() - 2 * 3600 });
		const progress: string[] = [];
		const lines: JournalLine[] = [];
		const summary = await sandboxClient(sandbox()).backfill({
			directory,
			minutes: 60,
			onItem: (line) => lines.push(line),
			onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
		});
		expect(summary).toEqual({
			processed: 4,
			downloaded: 4,
			failed: 0,
			skipped: 0,
			skippedFailed: 0,
			journal: join(directory, 'wamedia-journal.ndjson'),
		});
		expect(progress[0]).toBe('0/4');
		expect(progress.at(-1)).toBe('4/4');
		const written = await readJournal(directory);
		expect(written).toEqual(lines);
		expect(written.map((line) => line.idMessage).sort()).toEqual(items.map((item) => item.idMessage).sort());
		for (const line of written) {
			expect(line).toMatchObject({ source: 'lastIncomingMessages', chatId: sandbox().chatId });
			expect(line.receiptId).toBeUndefined();
			expect(line.body).toBeUndefined();
			const result = fileResult(line);
			expect(await fileSha256(directory, result.path)).toBe(result.sha256);
		}
		const byId = new Map(written.map((line) => [line.idMessage, fileResult(line)]));
		for (const [index, media] of ['image', 'video', 'sticker', 'voice'].entries()) {
			expect(byId.get(items[index]?.idMessage as string)?.sha256).toBe(sandbox().media.get(media).sha256);
		}
		expect(written.find((line) => line.caption !== undefined)?.caption).toBe('from the journal');
		expect(await archivedFiles(directory)).toHaveLength(4);
		expect(acceptedCalls(sandbox(), 'downloadFile')).toHaveLength(3);
		expectNo429TwiceInARow(sandbox(), 'downloadFile');
		expect(apiCalls(sandbox(), 'lastIncomingMessages').map((request) => request.path)).toEqual([
			`/waInstance${sandbox().greenApi.idInstance}/lastIncomingMessages/<token>?minutes=60`,
		]);
		expect(apiCalls(sandbox(), 'lastOutgoingMessages')).toEqual([]);
	});

	it('with outgoing, also what the instance sent', async () => {
		const directory = await temporaryDirectory();
		const sent = sandbox().journal.add({ type: 'file', media: 'document', direction: 'outgoing' });
		sandbox().journal.add({ type: 'file', media: 'image' });
		const summary = await sandboxClient(sandbox()).backfill({ directory, outgoing: true });
		expect(summary).toMatchObject({ downloaded: 2, failed: 0 });
		const line = (await readJournal(directory)).find((candidate) => candidate.idMessage === sent.idMessage);
		expect(line).toMatchObject({ source: 'lastOutgoingMessages', typeMessage: 'documentMessage' });
		expect(await fileSha256(directory, fileResult(line).path)).toBe(sandbox().media.get('document').sha256);
	});

	it('with chatId, the newest count messages of that chat from getChatHistory', async () => {
		const directory = await temporaryDirectory();
		const start = nowSeconds() - 100;
		const chat = ['image', 'voice', 'sticker'].map((media, index) =>
			sandbox().journal.add({ type: 'file', media, chatId: otherChat, timestamp: start + index }),
		);
		sandbox().journal.add({ type: 'file', media: 'video', timestamp: start + 10 });
		const summary = await sandboxClient(sandbox()).backfill({ directory, chatId: otherChat, count: 2 });
		expect(summary).toMatchObject({ downloaded: 2, processed: 2 });
		const written = await readJournal(directory);
		expect(written.map((line) => line.idMessage).sort()).toEqual([chat[1]?.idMessage, chat[2]?.idMessage].sort());
		expect(written.every((line) => line.source === 'getChatHistory')).toBe(true);
		expect((await archivedFiles(directory)).every((path) => path.startsWith(`${otherChat}/`))).toBe(true);
		expect(apiCalls(sandbox(), 'getChatHistory')).toHaveLength(1);
	});

	it('skips what sync already archived: nothing is downloaded again', async () => {
		const directory = await temporaryDirectory();
		for (const media of ['image', 'document', 'voice']) sandbox().notifications.enqueue({ type: 'file', media });
		sandbox().notifications.enqueue({ type: 'text', text: 'journaled too' });
		const client = sandboxClient(sandbox());
		expect(await client.sync({ directory, once: true })).toMatchObject({ downloaded: 3 });
		const before = await readJournal(directory);
		sandbox().requests.clear();
		const summary = await client.backfill({ directory });
		expect(summary).toMatchObject({ processed: 3, skipped: 3, downloaded: 0, failed: 0 });
		expect(storageGets()).toEqual([]);
		expect(apiCalls(sandbox(), 'downloadFile')).toEqual([]);
		expect(await readJournal(directory)).toEqual(before);
		expect(await archivedFiles(directory)).toHaveLength(3);
	});

	it('writes a permanent failure down once: later runs skip it, say so, and exit clean; retryFailed tries again', async () => {
		const directory = await temporaryDirectory();
		const broken = sandbox().journal.add({ type: 'file', media: 'png', downloadUrl: '', downloadFile: 'noMedia' });
		const gone = sandbox().journal.add({ type: 'file', media: 'video', downloadUrl: '', downloadFile: 'unavailable' });
		sandbox().journal.add({ type: 'file', media: 'image' });
		const client = sandboxClient(sandbox());
		expect(await client.backfill({ directory })).toMatchObject({ processed: 3, downloaded: 1, failed: 2, skippedFailed: 0 });
		const failures = (await readJournal(directory)).filter((line) => line.result?.success === false);
		expect(failures.find((line) => line.idMessage === broken.idMessage)).toMatchObject({
			result: { success: false, error: { code: 'NO_MEDIA' } },
			body: broken,
		});
		expect(failures.find((line) => line.idMessage === gone.idMessage)).toMatchObject({ result: { error: { code: 'MEDIA_UNAVAILABLE' } } });
		// The second and third runs: nothing new failed, nothing asked again, no line added.
		for (const run of [2, 3]) {
			sandbox().requests.clear();
			const before = await readJournal(directory);
			const skippedFailed: string[] = [];
			const summary = await client.backfill({
				directory,
				onNotice: (notice) => {
					if (notice.type === 'skipped-failed') skippedFailed.push(notice.idMessage);
				},
			});
			expect(summary, `run ${run}`).toMatchObject({ processed: 3, downloaded: 0, skipped: 1, skippedFailed: 2, failed: 0 });
			expect(summary.error).toBeUndefined();
			expect(skippedFailed.sort()).toEqual([broken.idMessage, gone.idMessage].sort());
			expect(apiCalls(sandbox(), 'downloadFile')).toEqual([]);
			expect(storageGets()).toEqual([]);
			expect(await readJournal(directory)).toEqual(before);
		}
		// Asked to, it tries them again (and writes the new outcome down).
		const retried = await client.backfill({ directory, retryFailed: true });
		expect(retried).toMatchObject({ downloaded: 0, failed: 2, skippedFailed: 0, skipped: 1 });
		expect(apiCalls(sandbox(), 'downloadFile').length).toBeGreaterThanOrEqual(2);
	});

	it('a failure that may pass is tried again by the next run', async () => {
		const directory = await temporaryDirectory();
		sandbox().journal.add({ type: 'file', media: 'image' });
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503, times: 20 });
		const client = sandboxClient(sandbox());
		expect(await client.backfill({ directory })).toMatchObject({ downloaded: 0, failed: 1 });
		sandbox().faults.clear();
		expect(await client.backfill({ directory })).toMatchObject({ downloaded: 1, failed: 0, skippedFailed: 0 });
	});

	it('two chats carrying the same idMessage are two messages: both archived', async () => {
		const directory = await temporaryDirectory();
		const idMessage = 'SAME0000000000000002';
		sandbox().journal.add({ type: 'file', media: 'image', idMessage, chatId: '79001111111@c.us' });
		sandbox().journal.add({ type: 'file', media: 'document', idMessage, chatId: '79002222222@c.us' });
		const client = sandboxClient(sandbox());
		expect(await client.backfill({ directory })).toMatchObject({ downloaded: 2, failed: 0 });
		const journal = await readJournal(directory);
		expect(journal.map((line) => line.chatId).sort()).toEqual(['79001111111@c.us', '79002222222@c.us']);
		expect(await client.backfill({ directory })).toMatchObject({ downloaded: 0, skipped: 2 });
	});

	it('keeps the journal methods within 1 per second and downloadFile within 5', async () => {
		for (let index = 0; index < 8; index++) sandbox().journal.add({ type: 'file', media: 'sticker', downloadUrl: '' });
		const client = sandboxClient(sandbox());
		await client.backfill({ directory: await temporaryDirectory(), outgoing: true });
		await client.backfill({ directory: await temporaryDirectory(), outgoing: true });
		await client.backfill({ directory: await temporaryDirectory(), chatId: sandbox().chatId });
		await client.backfill({ directory: await temporaryDirectory(), chatId: sandbox().chatId });
		expectNo429TwiceInARow(sandbox());
		for (const method of ['lastIncomingMessages', 'lastOutgoingMessages', 'getChatHistory']) {
			expect(acceptedCalls(sandbox(), method)).toHaveLength(2);
			expect(busiestSecond(sandbox(), method)).toBe(1);
		}
		// The first run's downloadFile calls fill the empty journal links, as Green-API does; later runs use them.
		expect(acceptedCalls(sandbox(), 'downloadFile')).toHaveLength(8);
		expect(busiestSecond(sandbox(), 'downloadFile')).toBeLessThanOrEqual(5);
	});

	it('an abort mid-download leaves no file and no line for it', async () => {
		const directory = await temporaryDirectory();
		sandbox().journal.add({ type: 'file', media: 'large' });
		sandbox().faults.add({ server: 'storage', type: 'stall', afterBytes: 100_000 });
		const controller = new AbortController();
		const running = sandboxClient(sandbox()).backfill({ directory, signal: controller.signal });
		for (let tries = 0; tries < 200 && storageGets().length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
		await new Promise((resolve) => setTimeout(resolve, 100));
		controller.abort();
		expect(await running).toMatchObject({ stopped: true, downloaded: 0, processed: 0 });
		expect(await archivedFiles(directory)).toEqual([]);
		expect(await readJournal(directory)).toEqual([]);
	});

	it('checks its options before any request', async () => {
		const client = sandboxClient(sandbox());
		await expect(client.backfill({ count: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { option: 'count' } });
		await expect(client.backfill({ chatId: otherChat, minutes: 5 })).rejects.toMatchObject({ details: { option: 'minutes' } });
		await expect(client.backfill({ chatId: otherChat, outgoing: true })).rejects.toMatchObject({ details: { option: 'outgoing' } });
		await expect(client.backfill({ chatId: 'nobody' })).rejects.toMatchObject({ details: { field: 'chatId' } });
		await expect(client.backfill({ minutes: 0 })).rejects.toMatchObject({ details: { option: 'minutes' } });
		expect(sandbox().requests.list()).toEqual([]);
	});
});
