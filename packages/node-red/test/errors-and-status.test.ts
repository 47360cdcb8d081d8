// Failures reach Catch nodes with their code; the node's status follows the download.

import { formatBytes } from '@wamedia/core';
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it, vi } from 'vitest';
import {
	credentials,
	downloadFlow,
	greenApiConnection,
	helper,
	load,
	multiSessionConnection,
	node,
	recordStatus,
	sendExpectingError,
	sendExpectingOutput,
	useNodeRedHelper,
} from './support/harness.js';

const sandbox = useNodeRedHelper();

describe('a Catch node receives msg.error.code', () => {
	it.each([
		['NO_MEDIA', () => ({ chatId: sandbox().chatId, idMessage: specialMessages.noMedia })],
		['MEDIA_UNAVAILABLE', () => ({ chatId: sandbox().chatId, idMessage: specialMessages.unavailable })],
		['QUOTA_EXCEEDED', () => ({ chatId: sandbox().chatId, idMessage: specialMessages.quota })],
		['NO_MEDIA', () => ({ payload: { ...sandbox().webhooks.greenApi('image'), messageData: { typeMessage: 'textMessage' } } })],
	])('%s', async (code, message) => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const caught = await sendExpectingError({ ...message(), topic: 'original' });
		expect(caught.error.code).toBe(code);
		expect(caught.error.source).toMatchObject({ id: 'dl', type: 'wamedia-download' });
		expect(caught.topic).toBe('original');
		expect(caught.media).toBeUndefined();
	});

	it('AUTH_FAILED for a wrong token, with the hint in the message', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), { conn: { apiTokenInstance: 'wrong-token-1234567890' } });
		const caught = await sendExpectingError({ chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage });
		expect(caught.error.code).toBe('AUTH_FAILED');
		expect(caught.error.message).toContain('apiTokenInstance');
	});

	it('MEDIA_EXPIRED for an expired Multi-Session link', async () => {
		await load(downloadFlow(multiSessionConnection(sandbox())), credentials(sandbox()));
		const caught = await sendExpectingError({ payload: sandbox().webhooks.multiSession('png', { expired: true }) });
		expect(caught.error.code).toBe('MEDIA_EXPIRED');
	});

	it('UPSTREAM_ERROR after the retries of a failing storage', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		sandbox().faults.add({ server: 'storage', type: 'status', status: 502, times: Number.POSITIVE_INFINITY });
		const caught = await sendExpectingError({ payload: sandbox().webhooks.greenApi('image') });
		expect(caught.error.code).toBe('UPSTREAM_ERROR');
	});

	it('INVALID_INPUT naming the editor’s fields when the connection has half a credential pair', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())));
		sandbox().requests.clear();
		// Also for a webhook, whose link would download without credentials: half a pair is a mistake to point out.
		const caught = await sendExpectingError({ payload: sandbox().webhooks.greenApi('image') });
		expect(caught.error.code).toBe('INVALID_INPUT');
		expect(caught.error.message).toContain(
			'idInstance is set but apiTokenInstance is not: give both or neither. Set apiTokenInstance too, or remove idInstance.',
		);
		await helper.unload();

		await load(downloadFlow(multiSessionConnection(sandbox())));
		const multi = await sendExpectingError({ payload: sandbox().webhooks.multiSession('image') });
		expect(multi.error.message).toContain('"Server URL" is set but "API key" is not: give both or neither.');
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('INVALID_INPUT when the node has no connection', async () => {
		await load(downloadFlow(undefined));
		const caught = await sendExpectingError({ payload: sandbox().webhooks.greenApi('image') });
		expect(caught.error.code).toBe('INVALID_INPUT');
		expect(caught.error.message).toContain('connection');
	});
});

describe('without a Catch node', () => {
	it('the error is logged by the node, with its code', async () => {
		await load(downloadFlow(greenApiConnection(sandbox()), {}, false), credentials(sandbox()));
		const errors: unknown[][] = [];
		node('dl').on('call:error', (call: { args: unknown[] }) => errors.push(call.args));
		node('dl').receive({ chatId: sandbox().chatId, idMessage: specialMessages.noMedia });
		await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 10_000 });
		const [error] = errors[0] as [Error & { code: string }];
		expect(error.code).toBe('NO_MEDIA');
		const logged = helper
			.log()
			.getCalls()
			.map((call) => call.args[0] as { level: number; msg: unknown });
		expect(logged.some((entry) => entry.level === 20 && String(entry.msg).includes('The message has no file'))).toBe(true);
	});
});

describe('status', () => {
	it('blue dot with rising progress, then green dot with the size', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		// Throttled so the download takes about a second and reports progress several times.
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 8_000_000 });
		const statuses = recordStatus();
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('large') });
		await vi.waitFor(() => expect(statuses.at(-1)?.fill).toBe('green'));
		const size = sandbox().media.get('large').size;
		expect((output.media as { size: number }).size).toBe(size);

		expect(statuses[0]).toEqual({ fill: 'blue', shape: 'dot', text: 'wamedia-download.status.downloading' });
		const progress = statuses.slice(1, -1);
		expect(progress.length).toBeGreaterThan(1);
		for (const status of progress) expect(status).toMatchObject({ fill: 'blue', shape: 'dot', text: expect.stringMatching(/^\d+%$/) });
		const percents = progress.map((status) => Number.parseInt(status.text ?? '', 10));
		expect(percents).toEqual([...percents].sort((a, b) => a - b));
		expect(percents.at(-1)).toBe(100);
		expect(statuses.at(-1)).toEqual({ fill: 'green', shape: 'dot', text: formatBytes(size) });
		expect(formatBytes(size)).toBe('8.0 MiB');
	});

	it('red ring with the code on error', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const statuses = recordStatus();
		await sendExpectingError({ chatId: sandbox().chatId, idMessage: specialMessages.noMedia });
		await vi.waitFor(() => expect(statuses.at(-1)?.fill).toBe('red'));
		expect(statuses).toEqual([
			{ fill: 'blue', shape: 'dot', text: 'wamedia-download.status.downloading' },
			{ fill: 'red', shape: 'ring', text: 'NO_MEDIA' },
		]);
	});

	it('red ring at deploy when the node has no connection', async () => {
		await load(downloadFlow(undefined));
		const calls = (
			helper as unknown as { _NodePrototype: { status: { getCalls(): Array<{ thisValue: { id: string }; args: unknown[] }> } } }
		)._NodePrototype.status
			.getCalls()
			.filter((call) => call.thisValue.id === 'dl');
		expect(calls.map((call) => call.args[0])).toEqual([{ fill: 'red', shape: 'ring', text: 'wamedia-download.status.no-connection' }]);
	});
});
