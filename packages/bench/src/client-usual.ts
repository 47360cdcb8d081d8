// The way most scripts and the n8n nodes download media: resolve the link with a plain downloadFile POST
// when needed (as Green-API's official JS client does), fetch, buffer the whole body with arrayBuffer(),
// then write it — one item after another, no rate limit, no retries. argv[2] is a JSON job file.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

interface Item {
	/** A direct link, or a Green-API message to resolve first. */
	url?: string;
	message?: { downloadFileUrl: string; chatId: string; idMessage: string };
	path: string;
}

const items = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Item[];
let failed = 0;
const started = performance.now();
for (const item of items) {
	let url = item.url;
	if (item.message !== undefined) {
		const { downloadFileUrl, chatId, idMessage } = item.message;
		const response = await fetch(downloadFileUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId, idMessage }),
		});
		if (!response.ok) {
			failed++;
			await response.body?.cancel();
			continue;
		}
		url = ((await response.json()) as { downloadUrl: string }).downloadUrl;
	}
	const response = await fetch(url ?? '');
	if (!response.ok) {
		failed++;
		await response.body?.cancel();
		continue;
	}
	await writeFile(item.path, Buffer.from(await response.arrayBuffer()));
}
console.log(JSON.stringify({ milliseconds: performance.now() - started, maxRss: process.resourceUsage().maxRSS * 1024, failed }));
