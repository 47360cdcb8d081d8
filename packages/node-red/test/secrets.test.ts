// The token and the API key never reach a message, a status or a log line, on success or failure.
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it, vi } from 'vitest';
import type { NodeMessage } from '../src/node-red.js';
import {
	downloadFlow,
	dump,
	type FlowNode,
	greenApiConnection,
	helper,
	load,
	multiSessionConnection,
	node,
	useNodeRedHelper,
} from './support/harness.js';
import { evolutionConnection, metaConnection, wahaConnection } from './support/provider-connections.js';

const sandbox = useNodeRedHelper();

interface Recording {
	messages: NodeMessage[];
	/** Every call of status, log, warn, error, debug and trace on any node, and every runtime log entry. */
	calls(): unknown[];
}

/** Runs messages through a flow and records everything that leaves it; waits for one outcome per message. */
async function run(flow: FlowNode[], secrets: Record<string, string>, messages: NodeMessage[]): Promise<Recording> {
	await load(flow, { conn: secrets });
	expect(node('conn').credentials).toEqual(secrets); // the secrets are really in play
	const recorded: NodeMessage[] = [];
	const errors: unknown[] = [];
	node('out').on('input', (message: NodeMessage) => recorded.push(message));
	helper.getNode('caught')?.on('input', (message: NodeMessage) => recorded.push(message));
	node('dl').on('call:error', (call: unknown) => errors.push(call));
	for (const message of messages) node('dl').receive(message);
	// With a Catch node an error arrives there (and as a node.error call too); without one, only as the call.
	const outcomes = () => recorded.length + (helper.getNode('caught') ? 0 : errors.length);
	await vi.waitFor(() => expect(outcomes()).toBe(messages.length), { timeout: 20_000 });
	const prototype = (helper as unknown as { _NodePrototype: Record<string, { getCalls(): Array<{ args: unknown[] }> }> })._NodePrototype;
	return {
		messages: recorded,
		calls: () => [
			...['status', 'log', 'warn', 'error', 'debug', 'trace', 'send'].flatMap((method) =>
				(prototype[method]?.getCalls() ?? []).map((call) => call.args),
			),
			...helper
				.log()
				.getCalls()
				.map((call) => call.args),
		],
	};
}

function expectNoSecret(recording: Recording, secrets: string[]): void {
	const text = dump({ messages: recording.messages, calls: recording.calls() });
	expect(text.length).toBeGreaterThan(1000);
	for (const secret of secrets) {
		expect(text).not.toContain(secret);
		expect(text).not.toContain(encodeURIComponent(secret));
		expect(text).not.toContain(Buffer.from(secret).toString('base64').replace(/=+$/, ''));
		expect(text).not.toContain(Buffer.from(secret).toString('base64url'));
	}
}

describe('Green-API token', () => {
	const green = () => sandbox().greenApi.apiTokenInstance;
	const messages = () => [
		{ chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage },
		{ payload: sandbox().webhooks.greenApi('png', { expired: true }) },
		{ chatId: sandbox().chatId, idMessage: specialMessages.noMedia },
		{ chatId: sandbox().chatId, idMessage: specialMessages.unauthorizedIn200 },
		{ chatId: sandbox().chatId, idMessage: specialMessages.html500 },
		{ chatId: 'not a chat id', idMessage: 'x' },
	];

	it('with a Catch node', async () => {
		const recording = await run(downloadFlow(greenApiConnection(sandbox())), { apiTokenInstance: green() }, messages());
		expect(recording.messages.filter((message) => message.error !== undefined).length).toBeGreaterThan(2);
		expect(recording.messages.filter((message) => message.media !== undefined).length).toBe(2);
		expectNoSecret(recording, [green()]);
	});

	it('without a Catch node (errors go to the log)', async () => {
		const recording = await run(downloadFlow(greenApiConnection(sandbox()), {}, false), { apiTokenInstance: green() }, messages());
		expect(recording.messages).toHaveLength(2);
		expectNoSecret(recording, [green()]);
	});

	it('a wrong token, and an API that fails', async () => {
		const wrong = 'wrong-token-3f9a1c77d2';
		sandbox().faults.add({ server: 'api', type: 'status', status: 400, body: 'bad request', times: 1 });
		const recording = await run(downloadFlow(greenApiConnection(sandbox()), {}, false), { apiTokenInstance: wrong }, [
			{ chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage },
			{ chatId: sandbox().chatId, idMessage: sandbox().media.get('png').idMessage },
		]);
		expectNoSecret(recording, [wrong]);
	});
});

describe('Meta access token, WAHA and Evolution API keys', () => {
	it('Meta: on success and failure (an echoing Graph API included), with and without a Catch node', async () => {
		const token = sandbox().meta.accessToken;
		const messages = () => [
			{ mediaId: sandbox().meta.mediaId('image') },
			{ payload: sandbox().webhooks.meta(['png']) },
			{ mediaId: sandbox().meta.errorMediaIds.permission },
			{ mediaId: '1000000000000001' },
			{ payload: sandbox().webhooks.meta(['image', 'voice']) },
		];
		sandbox().faults.add({ server: 'meta', path: '1000000000000001', type: 'echo', status: 403, format: 'json' });
		const recording = await run(downloadFlow(metaConnection(sandbox())), { accessToken: token }, messages());
		expect(sandbox().faults.list()).toEqual([]); // the echo was served
		expect(recording.messages.filter((message) => message.media !== undefined)).toHaveLength(2);
		expectNoSecret(recording, [token]);
		await helper.unload();
		const wrong = 'EAAGwrongtoken0000000000000000000000000000';
		expectNoSecret(await run(downloadFlow(metaConnection(sandbox()), {}, false), { accessToken: wrong }, messages()), [wrong]);
	});

	it('WAHA: on success and failure (an echoing server included), with and without a Catch node', async () => {
		const apiKey = sandbox().waha.apiKey;
		const messages = () => [
			{ mediaUrl: sandbox().waha.fileUrl('image') },
			{ payload: sandbox().webhooks.waha('voice', { expired: true }) },
			{ payload: sandbox().webhooks.waha('document', { media: 'error' }) },
			{ mediaUrl: sandbox().waha.fileUrl('png') },
		];
		sandbox().faults.add({ server: 'waha', path: '.png', type: 'echo', status: 403, format: 'html' });
		const recording = await run(downloadFlow(wahaConnection(sandbox())), { apiKey }, messages());
		expect(sandbox().faults.list()).toEqual([]);
		expect(recording.messages.filter((message) => message.media !== undefined)).toHaveLength(2);
		expectNoSecret(recording, [apiKey]);
		await helper.unload();
		const wrong = 'waha-wrong-key-00000000000000000000';
		expectNoSecret(await run(downloadFlow(wahaConnection(sandbox()), {}, false), { apiKey: wrong }, messages()), [wrong]);
	});

	it('Evolution: on success and failure (an echoing server included), with and without a Catch node', async () => {
		const apiKey = sandbox().evolution.apiKey;
		const messages = () => [
			{ idMessage: sandbox().evolution.messageId('document') },
			{ payload: sandbox().webhooks.evolution('sticker') },
			{ idMessage: '3EB0FFFFFFFFFFFFFFFF' },
			{ idMessage: sandbox().evolution.textMessageId },
			{ idMessage: sandbox().evolution.messageId('png') },
		];
		sandbox().faults.add({ server: 'evolution', type: 'echo', status: 403, format: 'text', encoding: 'base64' });
		const recording = await run(downloadFlow(evolutionConnection(sandbox())), { apiKey }, messages());
		expect(sandbox().faults.list()).toEqual([]);
		expect(recording.messages.filter((message) => message.media !== undefined).length).toBeGreaterThan(0);
		expectNoSecret(recording, [apiKey]);
		await helper.unload();
		const wrong = 'evolution-wrong-key-000000000000000';
		expectNoSecret(await run(downloadFlow(evolutionConnection(sandbox()), {}, false), { apiKey: wrong }, messages()), [wrong]);
	});
});

describe('Multi-Session API key', () => {
	it('on success and failure, with and without a Catch node', async () => {
		const apiKey = sandbox().multiSession.apiKey;
		const messages = [
			{ mediaUrl: sandbox().multiSessionPath('image') },
			{ payload: sandbox().webhooks.multiSession('voice', { expired: true }) },
			{ mediaUrl: '/api/media/temp/missing.jpg?expires=9999999999' },
		];
		expectNoSecret(await run(downloadFlow(multiSessionConnection(sandbox())), { apiKey }, messages), [apiKey]);
		await helper.unload();
		const wrong = 'wams_0000000000000000000000000000000000000000';
		expectNoSecret(await run(downloadFlow(multiSessionConnection(sandbox()), {}, false), { apiKey: wrong }, messages), [wrong]);
	});
});
