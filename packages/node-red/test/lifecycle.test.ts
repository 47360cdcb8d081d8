// Closing the node (stop, redeploy) aborts what it is downloading; several messages run side by side.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeMessage } from '../src/node-red.js';
import {
	collectUnhandledRejections,
	credentials,
	downloadFlow,
	greenApiConnection,
	helper,
	load,
	node,
	recordStatus,
} from './support/harness.js';

let sandbox: Sandbox;
let directory: string;
let loaded = false;
const rejections = collectUnhandledRejections();

beforeAll(async () => {
	sandbox = await startSandbox();
	await helper.startServer();
});
beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'wamedia-lifecycle-'));
});
afterEach(async () => {
	sandbox.faults.clear();
	if (loaded) await helper.unload();
	loaded = false;
	await rm(directory, { recursive: true, force: true });
});
afterAll(async () => {
	await helper.stopServer();
	await sandbox?.close();
	rejections.stop();
	expect(rejections.reasons).toEqual([]);
});

/** Every message that leaves `dl`, on its output or to the Catch node. */
function collectMessages(): NodeMessage[] {
	const messages: NodeMessage[] = [];
	node('out').on('input', (message: NodeMessage) => messages.push(message));
	node('caught').on('input', (message: NodeMessage) => messages.push(message));
	return messages;
}

/** Starts downloading the 8 MiB media slowly (100 kB/s: 80 s) and resolves once bytes are arriving. */
async function startSlowDownload(format: string) {
	await load(downloadFlow(greenApiConnection(sandbox), { format, directory }), credentials(sandbox));
	loaded = true;
	sandbox.faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 100_000 });
	const statuses = recordStatus();
	const messages = collectMessages();
	const errors: unknown[] = [];
	node('dl').on('call:error', (call: unknown) => errors.push(call));
	node('dl').receive({ payload: sandbox.webhooks.greenApi('large') });
	await vi.waitFor(() => expect(statuses.some((status) => /^\d+%$/.test(status.text ?? ''))).toBe(true), { timeout: 10_000 });
	if (format === 'file') expect((await readdir(directory)).length).toBe(1); // the hidden .part file
	return { statuses, messages, errors };
}

function storageRequests(): number {
	return sandbox.requests.list().filter((record) => record.server === 'storage').length;
}

describe('close', () => {
	it.each(['file', 'buffer'])('a redeploy aborts an in-flight %s download, reports nothing and leaves no file', async (format) => {
		const { statuses, messages, errors } = await startSlowDownload(format);
		const requests = storageRequests();
		// What Node-RED does to each node on a redeploy (removed = false); the spies stay in place to watch.
		await (node('dl') as unknown as { close(removed: boolean): Promise<void> }).close(false);

		expect(await readdir(directory)).toEqual([]);
		await vi.waitFor(() => expect(statuses.at(-1)).toEqual({}));
		// Nothing is sent or reported for a download its node cancelled, and it is not retried.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(messages).toEqual([]);
		expect(errors).toEqual([]);
		expect(storageRequests()).toBe(requests);
	});

	it('stopping the flows aborts an in-flight download and leaves no file', async () => {
		await startSlowDownload('file');
		const requests = storageRequests();
		await helper.unload();
		loaded = false;
		expect(await readdir(directory)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await readdir(directory)).toEqual([]);
		expect(storageRequests()).toBe(requests);
	});
});

describe('concurrency', () => {
	it('downloads several messages at once, each into its own output', async () => {
		await load(downloadFlow(greenApiConnection(sandbox), { format: 'buffer' }), credentials(sandbox));
		loaded = true;
		const messages = collectMessages();
		const ids = ['image', 'png', 'voice', 'document'];
		for (const id of ids) node('dl').receive({ payload: sandbox.webhooks.greenApi(id), topic: id });
		await vi.waitFor(() => expect(messages).toHaveLength(ids.length), { timeout: 15_000 });
		for (const message of messages) {
			const digest = createHash('sha256')
				.update(message.payload as Buffer)
				.digest('hex');
			expect(digest).toBe(sandbox.media.get(message.topic as string).sha256);
		}
		expect(messages.map((message) => message.topic).sort()).toEqual([...ids].sort());
	});
});
