import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWebhookServer } from '../../src/index.js';
import { readJournal } from './archive-helpers.js';
import { quickRetry, sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';
import { journalLines, spooled, until } from './serve-helpers.js';

const getSandbox = useSandbox();

/** Sends a body in pieces, as a slow or endless sender does, without Content-Length; resolves to the status (0: no answer). */
function trickle(url: string, pieces: Buffer[], headers: Record<string, string>, everyMs: number): Promise<number> {
	return new Promise((resolve) => {
		const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
			response.resume();
			resolve(response.statusCode ?? 0);
			outgoing.destroy();
		});
		outgoing.on('error', () => resolve(0));
		let index = 0;
		const timer = setInterval(() => {
			const piece = pieces[index++];
			if (piece === undefined || outgoing.destroyed) {
				clearInterval(timer);
				return;
			}
			outgoing.write(piece);
		}, everyMs);
		outgoing.on('close', () => clearInterval(timer));
	});
}

describe('createWebhookServer', () => {
	it('serves in a server of the caller’s own, and answers 503 with Retry-After when the spool is full', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		// Every download stalls, so that what is accepted stays spooled.
		sandbox.faults.add({ server: 'storage', type: 'stall', afterBytes: 0, times: 1_000 });
		const client = sandboxClient(sandbox, { retry: quickRetry, timeout: 60_000 });
		const webhooks = await createWebhookServer(client, {
			directory,
			secrets: { webhookToken: sandbox.webhookSecrets.webhookToken },
			maxSpooledBodies: 2,
			shutdownTimeout: 0,
		});
		const server = createServer(webhooks.handle).listen(0, '127.0.0.1');
		await new Promise((resolve) => server.once('listening', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/green-api`;
		const answers = [];
		for (const id of ['image', 'png', 'voice']) answers.push(await sandbox.pushWebhook('green-api', url, sandbox.webhooks.greenApi(id)));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 503]);
		expect(answers[2]?.headers['retry-after']).toBe('30');
		expect(await spooled(directory)).toHaveLength(2);
		await webhooks.close();
		server.close();
		expect(await spooled(directory)).toHaveLength(2);
		expect(await readJournal(directory)).toEqual([]);
	});

	it('refuses a growing body with 413 at the limit, and times out a trickled one without holding the others', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const client = sandboxClient(sandbox);
		const webhooks = await client.serve({
			directory,
			secrets: { webhookToken: sandbox.webhookSecrets.webhookToken },
			maxBody: 64 * 1024,
			requestTimeout: 1_500,
		});
		const base = await webhooks.listen({ port: 0 });
		const authorization = { authorization: `Bearer ${sandbox.webhookSecrets.webhookToken}` };
		// 10 MiB in 64 KiB pieces without Content-Length: refused once 64 KiB are exceeded, the rest never read.
		const huge = Array.from({ length: 160 }, () => Buffer.alloc(65_536, 0x20));
		expect(await trickle(`${base}/webhooks/green-api`, huge, authorization, 1)).toBe(413);
		// A body that arrives a byte every 200 ms: the server gives up on it, and meanwhile answers another sender.
		const slow = trickle(
			`${base}/webhooks/green-api`,
			Array.from({ length: 1_000 }, () => Buffer.from(' ')),
			authorization,
			200,
		);
		const meanwhile = await sandbox.pushWebhook('green-api', `${base}/webhooks/green-api`, sandbox.webhooks.greenApi('image'));
		expect(meanwhile.status).toBe(200);
		expect([0, 408]).toContain(await slow);
		const [line] = await journalLines(directory, 1);
		expect(line?.result?.success).toBe(true);
		await until(async () => (await spooled(directory)).length === 0);
		await webhooks.close();
		expect(await readJournal(directory)).toHaveLength(1);
	});
});

// A real full disk: a small tmpfs, mounted for the test (root on Linux only; elsewhere the test is skipped).
const mounted: string[] = [];
function smallDisk(size: string): string | undefined {
	if (process.getuid?.() !== 0 || process.platform !== 'linux') return undefined;
	const directory = mkdtempSync(join(tmpdir(), 'wamedia-serve-tmpfs-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', directory], { stdio: 'ignore' });
	} catch {
		rmSync(directory, { recursive: true, force: true });
		return undefined;
	}
	mounted.push(directory);
	return directory;
}
afterAll(() => {
	for (const directory of mounted) {
		try {
			execFileSync('umount', ['-l', directory], { stdio: 'ignore' });
			rmSync(directory, { recursive: true, force: true });
		} catch {
			// left for the system's own cleanup
		}
	}
});

describe('a full disk under serve', () => {
	it('answers 503 with Retry-After when the spool cannot be written, and leaves nothing half-written', async (context) => {
		const directory = smallDisk('256k');
		if (directory === undefined) return context.skip();
		const sandbox = getSandbox();
		sandbox.faults.add({ server: 'storage', type: 'stall', afterBytes: 0, times: 1_000 });
		const webhooks = await sandboxClient(sandbox, { timeout: 60_000 }).serve({
			directory,
			secrets: { webhookToken: sandbox.webhookSecrets.webhookToken },
			shutdownTimeout: 0,
		});
		const base = await webhooks.listen({ port: 0 });
		const statuses: number[] = [];
		for (const id of ['image', 'png', 'voice', 'document']) {
			const body = { ...sandbox.webhooks.greenApi(id), padding: 'x'.repeat(90_000) };
			const answer = await sandbox.pushWebhook('green-api', `${base}/webhooks/green-api`, body);
			statuses.push(answer.status);
			if (answer.status === 503) expect(answer.headers['retry-after']).toBe('30');
		}
		await webhooks.close();
		expect(statuses[0]).toBe(200);
		expect(statuses).toContain(503);
		const left = readdirSync(join(directory, '.wamedia-spool'));
		expect(left.filter((name) => name.startsWith('.tmp-'))).toEqual([]);
		// Every body answered 200 is still spooled or archived already.
		const archived = (await readJournal(directory)).filter((line) => line.result?.success === true).length;
		expect(left.length + archived).toBe(statuses.filter((status) => status === 200).length);
	});
});
