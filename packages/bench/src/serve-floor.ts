// The floor of the serve section: a bare node:http server that stores each body in a file of its own, fsyncs it,
// and answers 200 — the least a receiver that answers only after the body is durable can do. Prints its URL.
//   node serve-floor.ts DIR
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const directory = process.argv[2] ?? '.';
let count = 0;
const server = createServer((request, response) => {
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', async () => {
		const file = await open(join(directory, `${count++}.body`), 'wx', 0o600);
		await file.write(Buffer.concat(chunks));
		await file.sync();
		await file.close();
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"status":"accepted"}');
	});
});
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
