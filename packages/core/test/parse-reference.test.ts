import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { parseReference } from '../src/providers/parse-reference.js';

const webhook = {
	typeWebhook: 'incomingMessageReceived',
	instanceData: { idInstance: 1234, wid: '11001234567@c.us', typeInstance: 'whatsapp' },
	timestamp: 1588091580,
	idMessage: 'F7AEC1B7086ECDC7E6E45923F5EDB825',
	senderData: { chatId: '79001234568@c.us', sender: '79001234568@c.us', senderName: 'Green API' },
	messageData: {
		typeMessage: 'imageMessage',
		fileMessageData: {
			downloadUrl: 'https://storage.example/1234/a6679d42.jpg',
			caption: 'Image',
			fileName: 'a6679d42.jpg',
			mimeType: 'image/jpeg',
		},
	},
};

describe('parseReference', () => {
	it('reads a Green-API webhook', () => {
		expect(parseReference(webhook)).toEqual({
			provider: 'green-api',
			link: 'https://storage.example/1234/a6679d42.jpg',
			chatId: '79001234568@c.us',
			idMessage: 'F7AEC1B7086ECDC7E6E45923F5EDB825',
			fileName: 'a6679d42.jpg',
			mimeType: 'image/jpeg',
			type: 'image',
			caption: 'Image',
			timestamp: 1588091580,
		});
	});
	it('unwraps a notification-queue item', () => {
		expect(parseReference({ receiptId: 7, body: webhook })).toEqual(parseReference(webhook));
	});
	it('unwraps nested notification items in a loop and refuses more than 64 levels', async () => {
		let wrapped: object = webhook;
		for (let level = 0; level < 64; level++) wrapped = { receiptId: level, body: wrapped };
		expect(parseReference(wrapped)).toEqual(parseReference(webhook));
		let deep: object = webhook;
		for (let level = 0; level < 100_000; level++) deep = { receiptId: level, body: deep };
		const tooDeep = expect.objectContaining({ code: 'INVALID_INPUT', message: 'The notification body is nested deeper than 64 levels' });
		expect(() => parseReference({ receiptId: 0, body: wrapped })).toThrow(tooDeep);
		expect(() => parseReference(deep)).toThrow(tooDeep);
		// The client reports it as the caller's input, not as a bug.
		await expect(createClient().download(deep)).rejects.toEqual(tooDeep);
	});
	it('reads a flat journal item', () => {
		const journal = {
			type: 'incoming',
			idMessage: 'BAE5207000000000',
			typeMessage: 'documentMessage',
			chatId: '70000000001@c.us',
			downloadUrl: 'https://storage.example/doc.pdf',
			fileName: 'doc.pdf',
			mimeType: 'application/pdf',
		};
		expect(parseReference(journal)).toMatchObject({ provider: 'green-api', chatId: '70000000001@c.us', link: journal.downloadUrl });
	});
	it('marks empty and {{SWE002}} links as missing', () => {
		const empty = { ...webhook, messageData: { ...webhook.messageData, fileMessageData: { downloadUrl: '' } } };
		expect(parseReference(empty).link).toBeUndefined();
		const large = { ...webhook, messageData: { ...webhook.messageData, fileMessageData: { downloadUrl: '{{SWE002}}' } } };
		expect(parseReference(large)).toMatchObject({ oversized: true });
		expect(parseReference(large).link).toBeUndefined();
	});
	it('throws NO_MEDIA for text messages', () => {
		const text = { ...webhook, messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: 'hi' } } };
		expect(() => parseReference(text)).toThrow(expect.objectContaining({ code: 'NO_MEDIA' }));
		expect(() => parseReference({ typeMessage: 'textMessage', chatId: '1@c.us', idMessage: 'ABCDEF' })).toThrow(
			expect.objectContaining({ code: 'NO_MEDIA' }),
		);
	});
	it('reads Multi-Session webhooks and media URLs', () => {
		expect(parseReference({ session_id: 's1', id: 'MSG1', message_type: 'image', media_url: '/api/media/temp/a.jpg?expires=1' })).toEqual({
			provider: 'multi-session',
			link: '/api/media/temp/a.jpg?expires=1',
			sessionId: 's1',
			idMessage: 'MSG1',
			type: 'image',
		});
		expect(parseReference({ media: { url: '/api/media/temp/b.jpg?expires=1' } })).toMatchObject({
			link: '/api/media/temp/b.jpg?expires=1',
		});
		expect(parseReference({ mediaUrl: '/x?expires=1', sessionId: 's', phoneNumber: '628' })).toEqual({
			provider: 'multi-session',
			link: '/x?expires=1',
			sessionId: 's',
			phoneNumber: '628',
		});
		expect(() => parseReference({ session_id: 's1', message_type: 'text', media_url: '' })).toThrow(
			expect.objectContaining({ code: 'NO_MEDIA' }),
		);
	});
	it('reads message ids and direct links', () => {
		expect(parseReference({ chatId: '79001234567@c.us', idMessage: 'ABC123' })).toEqual({
			provider: 'green-api',
			chatId: '79001234567@c.us',
			idMessage: 'ABC123',
		});
		expect(parseReference({ downloadUrl: 'https://x.example/a.jpg' })).toEqual({ provider: 'direct', link: 'https://x.example/a.jpg' });
	});
	it.each([null, 'https://x', 42, [webhook], { foo: 1 }])('throws INVALID_INPUT for %j', (value) => {
		expect(() => parseReference(value)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
	});
});
