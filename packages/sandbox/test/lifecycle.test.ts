import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';
import { downloadFile } from './helpers.js';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

describe('sandbox lifecycle', () => {
	it('closes promptly while a connection is stalled', async () => {
		const sandbox = await startSandbox();
		sandbox.faults.add({ type: 'stall', afterBytes: 10 });
		const response = await fetch(sandbox.storageLink('large'));
		expect(response.status).toBe(200);
		const started = performance.now();
		await sandbox.close();
		expect(performance.now() - started).toBeLessThan(500);
		await expect(response.arrayBuffer()).rejects.toThrow();
		await expect(fetch(sandbox.storageLink('image'))).rejects.toThrow();
	});

	it('streams a 64 MiB media with the right digest', async () => {
		const size = 64 * 1024 * 1024;
		const sandbox = await startSandbox({ media: [{ id: 'huge', kind: 'mp4', size }] });
		try {
			const response = await fetch(sandbox.storageLink('huge'));
			const hash = createHash('sha256');
			let received = 0;
			for await (const chunk of response.body ?? []) {
				hash.update(chunk);
				received += chunk.length;
			}
			expect(received).toBe(size);
			expect(hash.digest('hex')).toBe(sandbox.media.get('huge').sha256);
		} finally {
			await sandbox.close();
		}
	});

	it('listens on fixed ports and honours the link lifetime', async () => {
		const [api, control] = [await freePort(), await freePort()];
		const sandbox = await startSandbox({ ports: { api, control }, linkTtlSeconds: 1 });
		try {
			expect(sandbox.greenApi.apiUrl).toBe(`http://127.0.0.1:${api}`);
			expect(sandbox.controlUrl).toBe(`http://127.0.0.1:${control}`);
			const response = await downloadFile(sandbox, { chatId: sandbox.chatId, idMessage: sandbox.media.get('image').idMessage });
			const { downloadUrl } = (await response.json()) as { downloadUrl: string };
			expect(downloadUrl).toContain('X-Amz-Expires=1&');
		} finally {
			await sandbox.close();
		}
	});

	it('rejects bad options, naming them', async () => {
		await expect(startSandbox({ linkTtlSeconds: 0 })).rejects.toThrow(/linkTtlSeconds/);
		await expect(startSandbox({ ports: { api: 70_000 } })).rejects.toThrow(/ports\.api/);
		await expect(startSandbox({ media: [{ id: 'image', kind: 'jpeg', size: 1 }] })).rejects.toThrow(/already registered/);
	});
});
