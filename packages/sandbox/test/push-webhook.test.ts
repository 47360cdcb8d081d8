import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';

interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

describe('pushing webhooks signed as each gateway signs them', () => {
	let sandbox: Sandbox;
	let url: string;
	const received: Received[] = [];
	const receiver = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
			response.end('{"ok":true}');
		});
	});
	beforeAll(async () => {
		sandbox = await startSandbox();
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		receiver.close();
		await sandbox.close();
	});

	it('Meta: X-Hub-Signature-256 over the body with non-ASCII escaped; WAHA: X-Webhook-Hmac sha512', async () => {
		const { metaAppSecret, wahaHmacKey } = sandbox.webhookSecrets;
		const meta = await sandbox.pushWebhook('meta', `${url}/meta`, sandbox.webhooks.meta('document', { caption: 'Счёт' }));
		expect(meta).toMatchObject({ status: 200, body: '{"ok":true}' });
		const sentMeta = received.at(-1) as Received;
		expect(sentMeta.body.toString()).toContain('\\u0421\\u0447\\u0451\\u0442');
		expect(/[^\u0000-\u007f]/.test(sentMeta.body.toString())).toBe(false);
		expect(sentMeta.headers['x-hub-signature-256']).toBe(
			`sha256=${createHmac('sha256', metaAppSecret).update(sentMeta.body).digest('hex')}`,
		);
		expect(JSON.parse(sentMeta.body.toString())).toEqual(
			sandbox.webhooks.meta('document', {
				caption: 'Счёт',
				timestamp: Number(JSON.parse(sentMeta.body.toString()).entry[0].changes[0].value.messages[0].timestamp),
			}),
		);

		await sandbox.pushWebhook('waha', `${url}/waha`, sandbox.webhooks.waha('voice'));
		const sentWaha = received.at(-1) as Received;
		expect(sentWaha.headers['x-webhook-hmac']).toBe(createHmac('sha512', wahaHmacKey).update(sentWaha.body).digest('hex'));
		expect(sentWaha.headers['x-webhook-hmac-algorithm']).toBe('sha512');
	});

	it('Green-API sends its webhookUrlToken as Authorization; Evolution and Multi-Session a Bearer token; options forge or drop it', async () => {
		const { webhookToken } = sandbox.webhookSecrets;
		await sandbox.pushWebhook('green-api', `${url}/g`, sandbox.webhooks.greenApi('image'));
		expect(received.at(-1)?.headers.authorization).toBe(`Bearer ${webhookToken}`);
		sandbox.instance.setSettings({ webhookUrlToken: 'Basic dXNlcjpwYXNz' });
		await sandbox.pushWebhook('green-api', `${url}/g`, sandbox.webhooks.greenApi('image'));
		expect(received.at(-1)?.headers.authorization).toBe('Basic dXNlcjpwYXNz');
		sandbox.instance.setSettings({ webhookUrlToken: '' });
		for (const gateway of ['evolution', 'multi-session'] as const) {
			await sandbox.pushWebhook(gateway, `${url}/x`, { event: 'x' });
			expect(received.at(-1)?.headers.authorization).toBe(`Bearer ${webhookToken}`);
		}
		await sandbox.pushWebhook('evolution', `${url}/x`, { event: 'x' }, { secret: 'forged' });
		expect(received.at(-1)?.headers.authorization).toBe('Bearer forged');
		await sandbox.pushWebhook('evolution', `${url}/x`, { event: 'x' }, { unsigned: true });
		expect(received.at(-1)?.headers.authorization).toBeUndefined();
		await expect(sandbox.pushWebhook('meta', 'http://example.com/hook', {})).rejects.toThrow(/loopback/);
	});

	it('POST /push/:gateway on the control API does the same', async () => {
		const response = await fetch(`${sandbox.controlUrl}/push/waha?url=${encodeURIComponent(`${url}/c`)}`, {
			method: 'POST',
			body: JSON.stringify(sandbox.webhooks.waha('image')),
		});
		expect(await response.json()).toEqual({ status: 200, body: '{"ok":true}' });
		const sent = received.at(-1) as Received;
		expect(sent.path).toBe('/c');
		expect(sent.headers['x-webhook-hmac']).toBe(createHmac('sha512', sandbox.webhookSecrets.wahaHmacKey).update(sent.body).digest('hex'));
	});
});
