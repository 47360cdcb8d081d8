// Every way a wamedia-download node can be told what to download, against the sandbox() over HTTP.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	credentials,
	downloadFlow,
	greenApiConnection,
	helper,
	load,
	multiSessionConnection,
	sendExpectingError,
	sendExpectingOutput,
	useNodeRedHelper,
} from './support/harness.js';

const sandbox = useNodeRedHelper();

function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Asserts that a Buffer output is exactly the sandbox() media `id`. */
function expectMedia(output: Record<string, unknown>, id: string): void {
	const expected = sandbox().media.get(id);
	expect(Buffer.isBuffer(output.payload)).toBe(true);
	expect(sha256(output.payload as Buffer)).toBe(expected.sha256);
	expect(output.media).toMatchObject({ success: true, format: 'binary', size: expected.size, sha256: expected.sha256 });
}

describe('from the message (default)', () => {
	it('downloads a Green-API webhook body in msg.payload', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('image') });
		expectMedia(output, 'image');
		expect(output.media).toMatchObject({
			provider: 'green-api',
			chatId: sandbox().chatId,
			idMessage: sandbox().media.get('image').idMessage,
		});
	});

	it('downloads a notification-queue item and a journal item', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		expectMedia(await sendExpectingOutput({ payload: sandbox().webhooks.notification('png') }), 'png');
		const journal = await sendExpectingOutput({ payload: sandbox().webhooks.journal('document') });
		expectMedia(journal, 'document');
		expect((journal.media as { fileName: string }).fileName).toBe('Счёт №42.pdf');
	});

	it('parses a webhook that arrives as JSON text', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		expectMedia(await sendExpectingOutput({ payload: JSON.stringify(sandbox().webhooks.greenApi('sticker')) }), 'sticker');
	});

	it('renews the expired link of a webhook through downloadFile', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		sandbox().requests.clear();
		expectMedia(await sendExpectingOutput({ payload: sandbox().webhooks.greenApi('png', { expired: true }) }), 'png');
		expect(
			sandbox()
				.requests.list()
				.some((record) => record.server === 'api' && record.path.includes('/downloadFile/')),
		).toBe(true);
	});

	it('downloads a Multi-Session webhook body in msg.payload', async () => {
		await load(downloadFlow(multiSessionConnection(sandbox())), credentials(sandbox()));
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.multiSession('voice') });
		expectMedia(output, 'voice');
		expect(output.media).toMatchObject({ provider: 'multi-session', mimeType: 'audio/ogg' });
	});

	it('downloads msg.chatId + msg.idMessage', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const idMessage = sandbox().media.get('sticker').idMessage;
		const output = await sendExpectingOutput({ chatId: sandbox().chatId, idMessage, payload: 1_700_000_000_000 });
		expectMedia(output, 'sticker');
		expect(output.media).toMatchObject({ chatId: sandbox().chatId, idMessage });
	});

	it('prefers msg.chatId + msg.idMessage over a body left in msg.payload', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const output = await sendExpectingOutput({
			chatId: sandbox().chatId,
			idMessage: sandbox().media.get('png').idMessage,
			payload: sandbox().webhooks.greenApi('image'),
		});
		expectMedia(output, 'png');
	});

	it('downloads msg.mediaUrl with msg.sessionId and msg.phoneNumber', async () => {
		await load(downloadFlow(multiSessionConnection(sandbox())), credentials(sandbox()));
		const output = await sendExpectingOutput({
			mediaUrl: sandbox().multiSessionPath('png'),
			sessionId: 'shop',
			phoneNumber: '6281234567890',
		});
		expectMedia(output, 'png');
		expect(output.media).toMatchObject({ provider: 'multi-session', sessionId: 'shop', phoneNumber: '6281234567890' });
	});

	it('downloads msg.downloadUrl from a private address when the connection allows it', async () => {
		const connection = { id: 'conn', type: 'wamedia-connection', provider: 'green-api', allowPrivateNetwork: true };
		await load(downloadFlow(connection));
		const output = await sendExpectingOutput({ downloadUrl: sandbox().storageLink('image') });
		expectMedia(output, 'image');
		expect(output.media).toMatchObject({ provider: 'direct' });
	});

	it('refuses msg.downloadUrl on a private address by default (BLOCKED_URL)', async () => {
		await load(downloadFlow({ id: 'conn', type: 'wamedia-connection', provider: 'green-api' }));
		sandbox().requests.clear();
		const caught = await sendExpectingError({ downloadUrl: sandbox().storageLink('image') });
		expect(caught.error.code).toBe('BLOCKED_URL');
		// The hint names the connection's checkbox as the editor labels it.
		expect(caught.error.message).toContain('"Allow links to private and loopback addresses"');
		expect(caught.error.message).not.toContain('allowPrivateNetwork');
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('reads a body that core reads: an array of one, NDJSON text, or JSON in a Buffer', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		expectMedia(await sendExpectingOutput({ payload: [sandbox().webhooks.greenApi('image')] }), 'image');
		expectMedia(await sendExpectingOutput({ payload: `${JSON.stringify(sandbox().webhooks.notification('png'))}\n` }), 'png');
		expectMedia(await sendExpectingOutput({ payload: Buffer.from(JSON.stringify(sandbox().webhooks.journal('document'))) }), 'document');
	});

	it('refuses several bodies in one message, pointing to a Split node', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const caught = await sendExpectingError({ payload: [sandbox().webhooks.greenApi('image'), sandbox().webhooks.greenApi('png')] });
		expect(caught.error.code).toBe('INVALID_INPUT');
		expect(caught.error.message).toContain('Found 2 references in the message; the node downloads one per message');
		expect(caught.error.message).toContain('Split node');
	});

	it('fails with INVALID_INPUT when the message names no media', async () => {
		await load(downloadFlow(greenApiConnection(sandbox())), credentials(sandbox()));
		const caught = await sendExpectingError({ payload: 'hello', topic: 'no media here' });
		expect(caught.error.code).toBe('INVALID_INPUT');
		expect(caught.error.message).toContain('msg.chatId');
		expect(caught.topic).toBe('no media here');
		expect(caught.error.message).toContain('No media reference in the message: The input is not JSON');
		const empty = await sendExpectingError({ topic: 'no payload' });
		expect(empty.error.message).toContain('No media reference in the message. Send a webhook body in msg.payload');
		expect(empty.error.message).toContain('msg.mediaId (Meta)');
	});
});

describe('from node properties', () => {
	it('reads chatId and idMessage from a fixed string, a msg property and a JSONata expression', async () => {
		const idMessage = sandbox().media.get('image').idMessage;
		await load(
			downloadFlow(greenApiConnection(sandbox()), {
				source: 'message',
				chatId: sandbox().chatId,
				chatIdType: 'str',
				idMessage: 'whatsapp.id',
				idMessageType: 'msg',
			}),
			credentials(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ whatsapp: { id: idMessage } }), 'image');
		await helper.unload();

		await load(
			downloadFlow(greenApiConnection(sandbox()), {
				source: 'message',
				chatId: 'chat',
				chatIdType: 'msg',
				idMessage: '$string(ids[1])',
				idMessageType: 'jsonata',
			}),
			credentials(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ chat: sandbox().chatId, ids: ['x', sandbox().media.get('png').idMessage] }), 'png');
	});

	it('reads a webhook body from another message property', async () => {
		await load(
			downloadFlow(greenApiConnection(sandbox()), { source: 'reference', reference: 'req.body', referenceType: 'msg' }),
			credentials(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ req: { body: sandbox().webhooks.greenApi('video') }, payload: 'ignored' }), 'video');
	});

	it('reads a reference from a JSON constant', async () => {
		const reference = JSON.stringify({ chatId: sandbox().chatId, idMessage: sandbox().media.get('document').idMessage });
		await load(
			downloadFlow(greenApiConnection(sandbox()), { source: 'reference', reference, referenceType: 'json' }),
			credentials(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ payload: 'ignored' }), 'document');
	});

	it('reads a Multi-Session media URL from the node', async () => {
		await load(
			downloadFlow(multiSessionConnection(sandbox()), {
				source: 'mediaUrl',
				mediaUrl: sandbox().multiSessionPath('sticker'),
				mediaUrlType: 'str',
			}),
			credentials(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ payload: 'ignored' }), 'sticker');
	});

	it('reads a download link from a flow context property', async () => {
		const connection = { id: 'conn', type: 'wamedia-connection', provider: 'green-api', allowPrivateNetwork: true };
		await load(downloadFlow(connection, { source: 'downloadUrl', downloadUrl: 'link', downloadUrlType: 'flow' }));
		const node = helper.getNode('dl') as unknown as { context(): { flow: { set(key: string, value: unknown): void } } };
		node.context().flow.set('link', sandbox().storageLink('png'));
		expectMedia(await sendExpectingOutput({ payload: 'ignored' }), 'png');
	});
});
