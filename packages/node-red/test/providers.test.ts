// wamedia-download with Meta Cloud API, WAHA and Evolution API connections, against the sandbox over HTTP.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	downloadFlow,
	helper,
	load,
	type Outcome,
	send,
	sendExpectingError,
	sendExpectingOutput,
	useNodeRedHelper,
} from './support/harness.js';
import { evolutionConnection, metaConnection, providerCredentials, wahaConnection } from './support/provider-connections.js';

const sandbox = useNodeRedHelper();

function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Asserts that a Buffer output is exactly the sandbox media `id`. */
function expectMedia(output: Record<string, unknown>, id: string): void {
	const expected = sandbox().media.get(id);
	expect(Buffer.isBuffer(output.payload)).toBe(true);
	expect(sha256(output.payload as Buffer)).toBe(expected.sha256);
	expect(output.media).toMatchObject({ success: true, format: 'binary', size: expected.size, sha256: expected.sha256 });
}

function requestsTo(server: string) {
	return sandbox()
		.requests.list()
		.filter((record) => record.server === server);
}

describe('Meta Cloud API connection', () => {
	it('downloads msg.mediaId with the access token, to the Graph API and the media URL it named', async () => {
		await load(downloadFlow(metaConnection(sandbox())), providerCredentials.meta(sandbox()));
		sandbox().requests.clear();
		const mediaId = sandbox().meta.mediaId('image');
		const output = await sendExpectingOutput({ mediaId, topic: 'kept' });
		expectMedia(output, 'image');
		expect(output.media).toMatchObject({ provider: 'meta', mediaId, mimeType: 'image/jpeg' });
		expect(output.topic).toBe('kept');
		const lookups = requestsTo('meta');
		expect(lookups.map((record) => record.path)).toEqual([`/${sandbox().meta.apiVersion}/${mediaId}`]);
		for (const record of [...lookups, ...requestsTo('metaMedia')]) {
			expect(record.headers.authorization).toBe(`Bearer ${sandbox().meta.accessToken}`);
		}
	});

	it('passes msg.phoneNumberId on to the lookup, and the connection’s Phone number id otherwise', async () => {
		const { phoneNumberId } = sandbox().meta;
		await load(downloadFlow(metaConnection(sandbox())), providerCredentials.meta(sandbox()));
		sandbox().requests.clear();
		const output = await sendExpectingOutput({ mediaId: sandbox().meta.mediaId('png'), phoneNumberId });
		expectMedia(output, 'png');
		expect(output.media).toMatchObject({ phoneNumberId });
		expect(requestsTo('meta')[0]?.path).toContain(`?phone_number_id=${phoneNumberId}`);
		const foreign = await sendExpectingError({ mediaId: sandbox().meta.mediaId('png'), phoneNumberId: '100000000000001' });
		expect(foreign.error.code).toBe('MEDIA_NOT_FOUND');

		await helper.unload();
		await load(downloadFlow(metaConnection(sandbox(), { phoneNumberId: '100000000000001' })), providerCredentials.meta(sandbox()));
		const refused = await sendExpectingError({ mediaId: sandbox().meta.mediaId('png') });
		expect(refused.error.code).toBe('MEDIA_NOT_FOUND');
		// The hint names the connection's field as the editor labels it.
		expect(refused.error.message).toContain('"Phone number id"');
		expect(refused.error.message).not.toContain('phoneNumberId');
	});

	it('downloads a Meta webhook with one media in msg.payload, carrying the message’s ids', async () => {
		await load(downloadFlow(metaConnection(sandbox())), providerCredentials.meta(sandbox()));
		const output = await sendExpectingOutput({ payload: sandbox().webhooks.meta(['document'], { text: 'a text first' }) });
		expectMedia(output, 'document');
		expect(output.media).toMatchObject({
			provider: 'meta',
			mediaId: sandbox().meta.mediaId('document'),
			idMessage: sandbox().meta.messageId('document'),
			chatId: '79001234567',
			fileName: 'Счёт №42.pdf',
		});
		// JSON text, as an http in node without a JSON content type hands it over.
		expectMedia(await sendExpectingOutput({ payload: JSON.stringify(sandbox().webhooks.meta(['sticker'])) }), 'sticker');
	});

	it('refuses a Meta webhook with two media, downloading nothing, with a hint to split it and use msg.mediaId', async () => {
		await load(downloadFlow(metaConnection(sandbox())), providerCredentials.meta(sandbox()));
		sandbox().requests.clear();
		const caught = await sendExpectingError({ payload: sandbox().webhooks.meta(['image', 'voice']) });
		expect(caught.error.code).toBe('INVALID_INPUT');
		expect(caught.error.message).toContain('Found 2 references in the message; the node downloads one per message');
		expect(caught.error.message).toContain('entry[0].changes[0].value.messages');
		expect(caught.error.message).toContain('msg.mediaId');
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('looks an expired media URL up again, once', async () => {
		await load(downloadFlow(metaConnection(sandbox())), providerCredentials.meta(sandbox()));
		sandbox().requests.clear();
		sandbox().faults.add({ server: 'metaMedia', type: 'status', status: 404 });
		expectMedia(await sendExpectingOutput({ mediaId: sandbox().meta.mediaId('video') }), 'video');
		expect(requestsTo('meta')).toHaveLength(2);
	});

	it('reads the media id from the node’s Meta media id property', async () => {
		await load(
			downloadFlow(metaConnection(sandbox()), { source: 'mediaId', mediaId: 'whatsapp.media', mediaIdType: 'msg' }),
			providerCredentials.meta(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ whatsapp: { media: sandbox().meta.mediaId('voice') }, payload: 'ignored' }), 'voice');
	});

	it('ends msg.mediaId without an access token in INVALID_INPUT naming the field', async () => {
		await load(downloadFlow(metaConnection(sandbox())));
		const caught = await sendExpectingError({ mediaId: sandbox().meta.mediaId('image') });
		expect(caught.error.code).toBe('INVALID_INPUT');
		expect(caught.error.message).toContain('"Access token"');
	});
});

describe('WAHA connection', () => {
	it('downloads msg.mediaUrl as a WAHA file URL with the X-Api-Key', async () => {
		await load(downloadFlow(wahaConnection(sandbox())), providerCredentials.waha(sandbox()));
		sandbox().requests.clear();
		const output = await sendExpectingOutput({ mediaUrl: sandbox().waha.fileUrl('image') });
		expectMedia(output, 'image');
		expect(output.media).toMatchObject({ provider: 'waha' });
		expect(requestsTo('waha').map((record) => record.headers['x-api-key'])).toEqual([sandbox().waha.apiKey]);
	});

	it('downloads a WAHA webhook whose file is gone by asking the message route again, once', async () => {
		await load(downloadFlow(wahaConnection(sandbox())), providerCredentials.waha(sandbox()));
		sandbox().requests.clear();
		expectMedia(await sendExpectingOutput({ payload: sandbox().webhooks.waha('voice', { expired: true }) }), 'voice');
		expect(requestsTo('waha').filter((record) => record.path.includes('downloadMedia=true'))).toHaveLength(1);
	});

	it('downloads msg.chatId + msg.idMessage as a WAHA message, and the node’s chatId and idMessage', async () => {
		await load(downloadFlow(wahaConnection(sandbox())), providerCredentials.waha(sandbox()));
		const output = await sendExpectingOutput({ chatId: sandbox().waha.chatId, idMessage: sandbox().waha.messageId('png') });
		expectMedia(output, 'png');
		expect(output.media).toMatchObject({ provider: 'waha' });
		await helper.unload();
		await load(
			downloadFlow(wahaConnection(sandbox()), {
				source: 'message',
				chatId: sandbox().waha.chatId,
				idMessage: 'id',
				idMessageType: 'msg',
			}),
			providerCredentials.waha(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ id: sandbox().waha.messageId('document') }), 'document');
	});

	it('ends a WAHA message without a kept file in NO_MEDIA, and a wrong key in AUTH_FAILED', async () => {
		await load(downloadFlow(wahaConnection(sandbox())), providerCredentials.waha(sandbox()));
		const none = await sendExpectingError({ payload: sandbox().webhooks.waha('image', { media: 'none' }) });
		expect(none.error.code).toBe('NO_MEDIA');
		await helper.unload();
		await load(downloadFlow(wahaConnection(sandbox())), { conn: { apiKey: 'wrong-waha-key-7f3a' } });
		const refused = await sendExpectingError({ mediaUrl: sandbox().waha.fileUrl('image') });
		expect(refused.error.code).toBe('AUTH_FAILED');
	});
});

describe('Evolution API connection', () => {
	it('downloads msg.idMessage alone as an Evolution message, with the apikey', async () => {
		await load(downloadFlow(evolutionConnection(sandbox())), providerCredentials.evolution(sandbox()));
		sandbox().requests.clear();
		const output = await sendExpectingOutput({ idMessage: sandbox().evolution.messageId('document') });
		expectMedia(output, 'document');
		expect(output.media).toMatchObject({ provider: 'evolution', mimeType: 'application/pdf' });
		const calls = requestsTo('evolution');
		expect(calls.map((record) => record.path)).toEqual([`/chat/getBase64FromMediaMessage/${sandbox().evolution.instance}`]);
		expect(calls[0]?.headers.apikey).toBe(sandbox().evolution.apiKey);
	});

	it('downloads an Evolution messages.upsert webhook in msg.payload, checking its fileSha256', async () => {
		await load(downloadFlow(evolutionConnection(sandbox())), providerCredentials.evolution(sandbox()));
		expectMedia(await sendExpectingOutput({ payload: sandbox().webhooks.evolution('voice', { fileSha256: 'buffer' }) }), 'voice');
		expectMedia(await sendExpectingOutput({ payload: sandbox().webhooks.evolution('image') }), 'image');
	});

	it('reads idMessage from the node and ignores its chatId; an unknown id is MEDIA_NOT_FOUND', async () => {
		await load(
			downloadFlow(evolutionConnection(sandbox()), { source: 'message', chatId: 'unused', idMessage: 'key.id', idMessageType: 'msg' }),
			providerCredentials.evolution(sandbox()),
		);
		expectMedia(await sendExpectingOutput({ key: { id: sandbox().evolution.messageId('sticker') } }), 'sticker');
		const outcome: Outcome = await send({ key: { id: '3EB0FFFFFFFFFFFFFFFF' } });
		expect(outcome.caught?.error.code).toBe('MEDIA_NOT_FOUND');
	});
});
