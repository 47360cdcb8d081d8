// wamedia-sync inside Node-RED's runtime: it drains the sandbox's Green-API queue while deployed, sends one
// message per journal line, shows its counts, and stops cleanly when the flow is closed.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorResult, FileResult, JournalLine } from '@wamedia/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeMessage, NodeStatus } from '../src/node-red.js';
import {
	type CaughtError,
	credentials,
	dump,
	type FlowNode,
	greenApiConnection,
	helper,
	load,
	multiSessionConnection,
	node,
	tab,
	useNodeRedHelper,
} from './support/harness.js';

const sandbox = useNodeRedHelper();
let directory: string;

beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'wamedia-sync-'));
	sandbox().notifications.clear();
	sandbox().journal.clear();
	sandbox().instance.setState('authorized');
	sandbox().instance.setSettings({ webhookUrl: '' });
	sandbox().requests.clear();
});
afterEach(async () => {
	await helper.unload();
	await rm(directory, { recursive: true, force: true });
});

/** connection → `sync` (wamedia-sync) → `out`, and a Catch node for `sync` that forwards to `caught`. */
function syncFlow(connection: FlowNode | undefined, settings: Record<string, unknown> = {}): FlowNode[] {
	const flow: FlowNode[] = [
		tab,
		{ id: 'sync', type: 'wamedia-sync', z: 'tab', connection: connection?.id ?? '', directory, wires: [['out']], ...settings },
		{ id: 'out', type: 'helper', z: 'tab', wires: [] },
		{ id: 'catcher', type: 'catch', z: 'tab', scope: ['sync'], uncaught: false, wires: [['caught']] },
		{ id: 'caught', type: 'helper', z: 'tab', wires: [] },
	];
	if (connection !== undefined) flow.push(connection);
	return flow;
}

/** Every status the sync node has set since the flow was loaded, from the helper's spy (none is missed at start). */
function statusesOf(): NodeStatus[] {
	const prototype = (
		helper as unknown as { _NodePrototype: { status: { getCalls(): Array<{ thisValue: { id: string }; args: unknown[] }> } } }
	)._NodePrototype;
	return prototype.status
		.getCalls()
		.filter((call) => call.thisValue.id === 'sync')
		.map((call) => call.args[0] as NodeStatus);
}

/** Deploys the flow and records what the sync node sends and what the Catch node gets. */
async function deploy(flow: FlowNode[], secrets = credentials(sandbox())) {
	await load(flow, secrets);
	const messages: NodeMessage[] = [];
	const caught: Array<NodeMessage & { error: CaughtError }> = [];
	node('out').on('input', (message: NodeMessage) => messages.push(message));
	node('caught').on('input', (message: NodeMessage & { error: CaughtError }) => caught.push(message));
	return {
		messages,
		caught,
		get statuses() {
			return statusesOf();
		},
	};
}

function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

async function journalLines(): Promise<JournalLine[]> {
	const text = await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8').catch(() => '');
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as JournalLine);
}

/** The Green-API requests of one method. */
function calls(method: string) {
	return sandbox()
		.requests.list()
		.filter((request) => request.server === 'api' && request.path.split('/')[2] === method);
}

const isIdle = (status: NodeStatus | undefined) => status?.fill === 'green';

describe('wamedia-sync', () => {
	it('sends one message per journal line: msg.payload the result, msg.journal the line, msg.filename the file; the queue ends empty', async () => {
		const { messages } = await deploy(syncFlow(greenApiConnection(sandbox())));
		const queued = [
			sandbox().notifications.enqueue({ type: 'file', media: 'image', caption: 'receipt' }),
			sandbox().notifications.enqueue({ type: 'file', media: 'document', direction: 'outgoingApi' }),
			sandbox().notifications.enqueue({ type: 'text', text: 'hello' }),
			sandbox().notifications.enqueue({ type: 'status', status: 'read' }),
		];
		await vi.waitFor(() => expect(messages).toHaveLength(4), { timeout: 15_000 });

		expect(messages.map((message) => (message.journal as JournalLine).receiptId)).toEqual(queued.map((item) => item.receiptId));
		expect(messages.map((message) => message.journal)).toEqual(await journalLines());
		for (const [index, media] of ['image', 'document'].entries()) {
			const message = messages[index] as NodeMessage;
			const result = message.payload as FileResult;
			expect(result).toEqual((message.journal as JournalLine).result);
			expect(result).toMatchObject({ success: true, sha256: sandbox().media.get(media).sha256 });
			expect(message.filename).toBe(join(directory, result.path));
			expect(result.path.startsWith(`${sandbox().chatId}/`)).toBe(true);
			expect(sha256(await readFile(message.filename as string))).toBe(result.sha256);
		}
		// A notification without a file: the payload is the notification itself, kept whole in the journal.
		expect(messages[2]?.payload).toEqual(queued[2]?.body);
		expect(messages[3]?.payload).toEqual(queued[3]?.body);
		expect(messages[2]?.filename).toBeUndefined();
		expect((messages[0]?.journal as JournalLine | undefined)?.caption).toBe('receipt');
		// Each line is sent once it is written down; its delete follows it.
		await vi.waitFor(() => expect(sandbox().notifications.list()).toEqual([]), { timeout: 5_000 });
		expect(dump(messages)).not.toContain(sandbox().greenApi.apiTokenInstance);
	});

	it('a server that echoes the token into a body: msg.journal, msg.payload and the journal hold no part of it', async () => {
		const { messages } = await deploy(syncFlow(greenApiConnection(sandbox())));
		const token = sandbox().greenApi.apiTokenInstance;
		const shouted = encodeURIComponent(token).toUpperCase();
		sandbox().notifications.enqueue({
			type: 'raw',
			body: {
				typeWebhook: 'incomingMessageReceived',
				timestamp: 1767261600,
				idMessage: 'ECHO0001',
				senderData: { chatId: '79001234567@c.us', sender: '79001234567@c.us', senderName: token },
				messageData: {
					typeMessage: 'imageMessage',
					fileMessageData: { downloadUrl: `${sandbox().storageUrl}/gone?t=${shouted}`, caption: token, fileName: `${token}.jpg` },
				},
			},
		});
		sandbox().notifications.enqueue({
			type: 'raw',
			body: { typeWebhook: 'incomingMessageReceived', timestamp: 1767261601, messageData: { textMessageData: { textMessage: shouted } } },
		});
		await vi.waitFor(() => expect(messages).toHaveLength(2), { timeout: 15_000 });
		const texts = [dump(messages), (await readFile(join(directory, 'wamedia-journal.ndjson'))).toString('utf8')];
		for (const text of texts) {
			for (const form of [token, shouted, Buffer.from(token).toString('base64')]) {
				for (let start = 0; start + 8 <= form.length; start++) expect(text).not.toContain(form.slice(start, start + 8));
			}
		}
		expect(messages.map((message) => message.journal)).toEqual(await journalLines());
	});

	it('status: blue with the files so far while it works, green with the counts when the queue is empty', async () => {
		const run = await deploy(syncFlow(greenApiConnection(sandbox())));
		const { messages } = run;
		await vi.waitFor(() => expect(run.statuses.at(-1)).toEqual({ fill: 'green', shape: 'dot', text: 'idle · 0 files' }), {
			timeout: 10_000,
		});
		sandbox().notifications.enqueue({ type: 'file', media: 'png' });
		sandbox().notifications.enqueue({ type: 'file', media: 'voice', downloadUrl: '', downloadFile: 'noMedia' });
		sandbox().notifications.enqueue({ type: 'file', media: 'sticker' });
		await vi.waitFor(() => expect(messages).toHaveLength(3), { timeout: 15_000 });
		await vi.waitFor(() => expect(run.statuses.at(-1)).toEqual({ fill: 'green', shape: 'dot', text: 'idle · 2 files, 1 failed' }), {
			timeout: 10_000,
		});

		const afterIdle = run.statuses.slice(run.statuses.findIndex(isIdle) + 1, -1);
		expect(afterIdle).toEqual([
			{ fill: 'blue', shape: 'dot', text: 'syncing · 1 file' },
			{ fill: 'blue', shape: 'dot', text: 'syncing · 1 file, 1 failed' },
			{ fill: 'blue', shape: 'dot', text: 'syncing · 2 files, 1 failed' },
		]);
		// A file that cannot be fetched for good is a journal line like any other: its error result is the payload.
		const failed = messages[1]?.payload as ErrorResult;
		expect(failed).toMatchObject({ success: false, error: { code: 'NO_MEDIA' } });
		expect((messages[1]?.journal as JournalLine | undefined)?.body).toBeDefined();
		expect(sandbox().notifications.list()).toEqual([]);
	});

	it('a failure that may pass: a yellow ring with its code, nothing deleted, and the same notification again once it passes', async () => {
		const run = await deploy(syncFlow(greenApiConnection(sandbox())));
		const { messages } = run;
		const head = sandbox().notifications.enqueue({ type: 'file', media: 'image', downloadUrl: '' });
		// More 503s than the client's own retries: the first attempt fails, the next passes.
		sandbox().faults.add({ server: 'api', path: 'downloadFile', type: 'status', status: 503, times: 4 });
		await vi.waitFor(() => expect(messages).toHaveLength(1), { timeout: 20_000 });

		expect(run.statuses).toContainEqual({ fill: 'yellow', shape: 'ring', text: 'UPSTREAM_ERROR · 0 files' });
		expect(messages[0]?.journal).toMatchObject({ receiptId: head.receiptId, result: { success: true } });
		// The line is sent once it is written down; the delete follows it.
		await vi.waitFor(
			() =>
				expect(
					sandbox()
						.notifications.history()
						.find((item) => item.receiptId === head.receiptId)?.status,
				).toBe('deleted'),
			{ timeout: 5_000 },
		);
		expect(calls('deleteNotification')).toHaveLength(1);
	});

	it('closing the flow mid-download abandons it: the notification stays queued, no file is left, and polling stops', async () => {
		const run = await deploy(syncFlow(greenApiConnection(sandbox())));
		const { messages } = run;
		const text = sandbox().notifications.enqueue({ type: 'text', text: 'before the large file' });
		const large = sandbox().notifications.enqueue({ type: 'file', media: 'large' });
		// 8 MiB at 100 kB/s: the download is still running when the flow closes.
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 100_000 });
		await vi.waitFor(async () => expect((await readdir(join(directory, sandbox().chatId)).catch(() => [])).length).toBe(1), {
			timeout: 15_000,
		});
		expect(messages).toHaveLength(1);

		// What Node-RED does to each node on a redeploy (removed = false).
		await (node('sync') as unknown as { close(removed: boolean): Promise<void> }).close(false);
		const requests = sandbox().requests.list().length;
		expect(await readdir(join(directory, sandbox().chatId))).toEqual([]);
		expect(sandbox().notifications.list()).toMatchObject([{ receiptId: large.receiptId, status: 'queued' }]);
		expect(
			sandbox()
				.notifications.history()
				.find((item) => item.receiptId === text.receiptId)?.status,
		).toBe('deleted');
		expect(calls('deleteNotification')).toHaveLength(1);
		expect((await journalLines()).map((line) => line.receiptId)).toEqual([text.receiptId]);
		expect(run.statuses.at(-1)).toEqual({});
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(sandbox().requests.list()).toHaveLength(requests);
		expect(messages).toHaveLength(1);
	});

	it('refuses an instance with a webhookUrl: red ring, a Catch node gets INSTANCE_NOT_READY, nothing taken off the queue', async () => {
		sandbox().instance.setSettings({ webhookUrl: 'https://relay.example/hook' });
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		const run = await deploy(syncFlow(greenApiConnection(sandbox())));
		const { caught, messages } = run;
		await vi.waitFor(() => expect(caught).toHaveLength(1), { timeout: 10_000 });

		expect(caught[0]?.error).toMatchObject({ code: 'INSTANCE_NOT_READY', source: { id: 'sync', type: 'wamedia-sync' } });
		expect(caught[0]?.error.message).toContain('Clear webhookUrl in the Green-API console');
		expect(caught[0]?.error.message).not.toContain('relay.example');
		expect(run.statuses.at(-1)).toEqual({ fill: 'red', shape: 'ring', text: 'INSTANCE_NOT_READY' });
		expect(calls('receiveNotification')).toEqual([]);
		expect(sandbox().notifications.list()).toHaveLength(1);
		expect(messages).toEqual([]);
	});

	it('a failure of the setup mid-run stops it: red ring, and a Catch node gets the code with the run’s counts in msg.payload', async () => {
		const run = await deploy(syncFlow(greenApiConnection(sandbox())));
		const { messages, caught } = run;
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		await vi.waitFor(() => expect(messages).toHaveLength(1), { timeout: 10_000 });
		// The token is refused from now on: no retry can fix that, so the run ends.
		sandbox().faults.add({ server: 'api', path: 'receiveNotification', type: 'status', status: 401, times: Number.POSITIVE_INFINITY });
		await vi.waitFor(() => expect(caught).toHaveLength(1), { timeout: 10_000 });

		expect(caught[0]?.error).toMatchObject({ code: 'AUTH_FAILED', source: { id: 'sync' } });
		expect(caught[0]?.payload).toMatchObject({
			processed: 1,
			downloaded: 1,
			failed: 1,
			journal: join(directory, 'wamedia-journal.ndjson'),
		});
		expect(run.statuses.at(-1)).toEqual({ fill: 'red', shape: 'ring', text: 'AUTH_FAILED' });
		const receives = calls('receiveNotification').length;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(calls('receiveNotification')).toHaveLength(receives);
		expect(dump(caught)).not.toContain(sandbox().greenApi.apiTokenInstance);
	});

	it('a Multi-Session connection: a red ring with INVALID_INPUT naming the editor’s Green-API fields', async () => {
		const run = await deploy(syncFlow(multiSessionConnection(sandbox())));
		const { caught } = run;
		await vi.waitFor(() => expect(caught).toHaveLength(1), { timeout: 10_000 });
		expect(caught[0]?.error.code).toBe('INVALID_INPUT');
		expect(caught[0]?.error.message).toContain(
			'Sync and back-fill need Green-API credentials. Configure the Green-API credentials (apiUrl, idInstance, apiTokenInstance) of the instance to archive.',
		);
		expect(run.statuses.at(-1)).toEqual({ fill: 'red', shape: 'ring', text: 'INVALID_INPUT' });
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('without a connection: a red ring at deploy, and no request', async () => {
		await load(syncFlow(undefined));
		const calls = (
			helper as unknown as { _NodePrototype: { status: { getCalls(): Array<{ thisValue: { id: string }; args: unknown[] }> } } }
		)._NodePrototype.status
			.getCalls()
			.filter((call) => call.thisValue.id === 'sync');
		expect(calls.map((call) => call.args[0])).toEqual([{ fill: 'red', shape: 'ring', text: 'wamedia-sync.status.no-connection' }]);
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('resolves a relative directory against the fileWorkingDirectory setting, as the File nodes do', async () => {
		helper.settings({ fileWorkingDirectory: directory });
		try {
			const { messages } = await deploy(syncFlow(greenApiConnection(sandbox()), { directory: 'archive' }));
			sandbox().notifications.enqueue({ type: 'file', media: 'sticker' });
			await vi.waitFor(() => expect(messages).toHaveLength(1), { timeout: 10_000 });
			const result = messages[0]?.payload as FileResult;
			expect(messages[0]?.filename).toBe(join(directory, 'archive', result.path));
			expect(sha256(await readFile(join(directory, 'archive', result.path)))).toBe(sandbox().media.get('sticker').sha256);
			expect(await readdir(join(directory, 'archive'))).toContain('wamedia-journal.ndjson');
		} finally {
			helper.settings({ fileWorkingDirectory: undefined });
		}
	});

	it('an empty directory: a red ring with INVALID_INPUT naming the Directory field', async () => {
		const { caught } = await deploy(syncFlow(greenApiConnection(sandbox()), { directory: '' }));
		await vi.waitFor(() => expect(caught).toHaveLength(1), { timeout: 10_000 });
		expect(caught[0]?.error.code).toBe('INVALID_INPUT');
		expect(caught[0]?.error.message).toContain('Directory');
		expect(calls('receiveNotification')).toEqual([]);
	});
});
