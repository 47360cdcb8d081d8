import { createClient, readReferences } from '@wamedia/core';

const client = createClient({
	greenApi: { apiUrl: 'https://7103.api.greenapi.com', idInstance: '7103000000', apiTokenInstance: process.env.GREEN_API_TOKEN ?? '' },
});

// By message id, into memory: the result is typed by its format, so `data` is a Buffer here.
const image = await client.download(
	{ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' },
	{ format: 'binary', maxBytes: 20 * 1024 * 1024 },
);
console.log(image.mimeType, image.data.length);

// Many at once: one result per input, in order, errors included; Green-API's 5 requests/second are kept.
// readReferences takes JSON text, an array, NDJSON or parsed bodies.
const results = await client.downloadMany(readReferences('[{"chatId":"79001234567@c.us","idMessage":"BAE5F4886F6F2D05"}]'), {
	concurrency: 8,
});
for (const result of results) console.log(result.success ? result.path : result.error.code);

// The link only, without downloading:
const link = await client.resolveLink({ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' });
console.log(link);
