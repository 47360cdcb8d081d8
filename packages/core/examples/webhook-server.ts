// A Green-API webhook endpoint that saves every file it is told about into ./media.
// Set the instance's webhook URL to http://<this host>:8080/ in the Green-API console.
import { createServer } from 'node:http';
import { createClient, isWamediaError } from '@wamedia/core';

const client = createClient({
	greenApi: {
		apiUrl: process.env.GREEN_API_URL ?? 'https://api.green-api.com', // the apiUrl the console shows
		idInstance: process.env.GREEN_API_ID_INSTANCE ?? '',
		apiTokenInstance: process.env.GREEN_API_TOKEN ?? '',
	},
	directory: 'media',
});

createServer(async (request, response) => {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	response.end(); // Answer Green-API at once; the download happens afterwards.
	try {
		const result = await client.download(JSON.parse(Buffer.concat(chunks).toString('utf8')) as object);
		if (result.format === 'file') console.log(`saved ${result.path} (${result.mimeType}, ${result.size} bytes)`);
	} catch (error) {
		if (isWamediaError(error) && error.code === 'NO_MEDIA') return; // A text message, a status update…
		// Every failure has a code, a message and a hint; the token never appears in them.
		console.error(isWamediaError(error) ? `${error.code}: ${error.message}. ${error.hint}` : error);
	}
}).listen(8080);
