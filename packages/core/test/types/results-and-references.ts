// Type-level tests: compiled by `tsc` (the package's typecheck), never run. Each `@ts-expect-error` line must
// fail to compile; every other line must compile.
import { type BinaryResult, createClient, type FileResult, type StreamResult } from '../../src/index.js';

const client = createClient({ greenApi: { idInstance: '7103000000', apiTokenInstance: 'token' } });
const message = { chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' };

export async function narrowedResults(): Promise<void> {
	const file: FileResult = await client.download(message);
	file.path satisfies string;
	const binary = await client.download(message, { format: 'binary' });
	binary.data satisfies Buffer;
	const base64 = await client.download(message, { format: 'base64' });
	base64.data satisfies string;
	const stream: StreamResult = await client.download(message, { format: 'stream' });
	await stream.done;
	// @ts-expect-error a binary result has no path
	binary.path;
	// @ts-expect-error a file result has no data
	file.data;
	// @ts-expect-error a base64 result holds a string, not a Buffer
	base64.data satisfies Buffer;

	// A client's default format carries through; a call may still choose another.
	const inMemory = createClient({ format: 'binary' });
	const fromDefault: BinaryResult = await inMemory.download(message);
	fromDefault.data satisfies Buffer;
	(await inMemory.download(message, { format: 'file' })).path satisfies string;

	// Batches: one result per item, narrowed by format; streams are refused.
	const many = await client.downloadMany([message], { format: 'binary' });
	for (const result of many) if (result.success) result.data satisfies Buffer;
	// @ts-expect-error a batch cannot deliver streams
	await client.downloadMany([message], { format: 'stream' });
}

export async function preciseReferences(webhookJson: string): Promise<void> {
	await client.download({ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' });
	await client.download({ mediaUrl: '/api/media/temp/a.jpg?expires=1', sessionId: 'sess-1' });
	await client.download({ downloadUrl: 'https://example.com/a.jpg', fileName: 'a.jpg' });
	await client.download({
		typeWebhook: 'incomingMessageReceived',
		instanceData: { idInstance: 7103000000, wid: '79001234567@c.us', typeInstance: 'whatsapp' },
		timestamp: 1_700_000_000,
		idMessage: 'BAE5F4886F6F2D05',
		senderData: { chatId: '79001234567@c.us', sender: '79001234567@c.us', senderName: 'Ann' },
		messageData: {
			typeMessage: 'imageMessage',
			fileMessageData: {
				downloadUrl: 'https://sw-media.storage.greenapi.net/a.jpg',
				caption: '',
				fileName: 'a.jpg',
				mimeType: 'image/jpeg',
			},
		},
	});
	await client.download({ receiptId: 1, body: { typeWebhook: 'incomingMessageReceived', messageData: { typeMessage: 'imageMessage' } } });
	await client.download({
		type: 'incoming',
		typeMessage: 'documentMessage',
		chatId: '79001234567@c.us',
		idMessage: 'BAE5F4886F6F2D05',
		downloadUrl: '',
		fileName: 'report.pdf',
	});
	await client.download({ session_id: 'sess-1', id: '3EB0', message_type: 'image', media_url: '/api/media/temp/a.jpg?expires=1' });
	// Parsed JSON is accepted as it is; its shape is checked at run time.
	await client.download(JSON.parse(webhookJson));
	// @ts-expect-error a misspelt field does not compile
	await client.download({ chatId: '79001234567@c.us', idmessage: 'BAE5F4886F6F2D05' });
	// @ts-expect-error a media URL is a string
	await client.download({ mediaUrl: 42 });
	// @ts-expect-error an unknown shape does not compile
	await client.download({ url: 'https://example.com/a.jpg' });
}
