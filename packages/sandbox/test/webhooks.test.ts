import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sha256 } from './helpers.js';

describe('webhook bodies', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	it('builds a Green-API incoming file webhook whose link downloads the media', async () => {
		const webhook = sandbox.webhooks.greenApi('image');
		expect(webhook).toMatchObject({
			typeWebhook: 'incomingMessageReceived',
			instanceData: { idInstance: Number(sandbox.greenApi.idInstance), typeInstance: 'whatsapp' },
			idMessage: sandbox.media.get('image').idMessage,
			senderData: { chatId: sandbox.chatId, sender: sandbox.chatId },
			messageData: {
				typeMessage: 'imageMessage',
				fileMessageData: {
					fileName: 'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg',
					jpegThumbnail: '',
					mimeType: 'image/jpeg',
					isForwarded: false,
				},
			},
		});
		expect(typeof webhook.timestamp).toBe('number');
		const media = await fetch(webhook.messageData.fileMessageData.downloadUrl);
		expect(sha256(Buffer.from(await media.arrayBuffer()))).toBe(sandbox.media.get('image').sha256);
	});

	it('overrides the link, expires it, and omits a missing fileName', async () => {
		expect(sandbox.webhooks.greenApi('video', { downloadUrl: '' }).messageData.fileMessageData.downloadUrl).toBe('');
		const voice = sandbox.webhooks.greenApi('voice', { expired: true });
		expect(voice.messageData.typeMessage).toBe('audioMessage');
		expect(voice.messageData.fileMessageData).not.toHaveProperty('fileName');
		expect(voice.messageData.fileMessageData.mimeType).toBe('audio/ogg; codecs=opus');
		expect((await fetch(voice.messageData.fileMessageData.downloadUrl)).status).toBe(403);
		expect(sandbox.webhooks.greenApi('sticker').messageData).toMatchObject({
			typeMessage: 'stickerMessage',
			fileMessageData: { isAnimated: false },
		});
	});

	it('wraps notifications with increasing receipt ids', () => {
		const first = sandbox.webhooks.notification('document');
		const second = sandbox.webhooks.notification('document', { downloadUrl: '{{SWE002}}' });
		expect(second.receiptId).toBe(first.receiptId + 1);
		expect(first.body.messageData.fileMessageData.fileName).toBe('Счёт №42.pdf');
		expect(second.body.messageData.fileMessageData.downloadUrl).toBe('{{SWE002}}');
	});

	it('builds flat journal items', () => {
		const item = sandbox.webhooks.journal('document');
		expect(item).toMatchObject({
			type: 'incoming',
			idMessage: sandbox.media.get('document').idMessage,
			typeMessage: 'documentMessage',
			chatId: sandbox.chatId,
			senderId: sandbox.chatId,
			fileName: 'Счёт №42.pdf',
			mimeType: 'application/pdf',
		});
		expect(item.downloadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sw-media\//);
		expect(item).not.toHaveProperty('messageData');
	});

	it('builds Multi-Session webhooks whose media_url downloads with the API key', async () => {
		const types = ['image', 'voice', 'video', 'document'].map((id) => sandbox.webhooks.multiSession(id).message_type);
		expect(types).toEqual(['image', 'audio', 'video', 'document']);
		const webhook = sandbox.webhooks.multiSession('video');
		expect(webhook).toMatchObject({
			session_id: 'sess-1',
			from: '6281234567890@s.whatsapp.net',
			message: '',
			is_group: false,
			group_id: '',
		});
		const response = await fetch(`${sandbox.multiSession.serverUrl}${String(webhook.media_url)}`, {
			headers: { authorization: `Bearer ${sandbox.multiSession.apiKey}` },
		});
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sandbox.media.get('video').sha256);
		const expired = sandbox.webhooks.multiSession('video', { expired: true });
		const expires = Number(new URL(String(expired.media_url), 'http://x').searchParams.get('expires'));
		expect(expires).toBeLessThan(Date.now() / 1000);
	});
});
