import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../src/inputs/read-config-file.js';
import { providerNamed } from '../src/providers/index.js';
import type { WebhookCheck } from '../src/providers/provider.js';
import { classifyWebhook } from '../src/serve/classify-webhook.js';

const check = (gateway: 'meta' | 'waha' | 'green-api' | 'evolution' | 'multi-session') => providerNamed(gateway).webhook as WebhookCheck;
const request = (headers: Record<string, string>, body: string, pathToken?: string) => ({ headers, body: Buffer.from(body), pathToken });

describe('webhook checks', () => {
	const appSecret = 'meta-app-secret-0123';
	const body = '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Zoë Ñandú"}}]}}]}]}';
	const signed = (text: string, secret = appSecret) => `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;

	it('Meta: the HMAC-SHA256 of the raw body, or of the body with non-ASCII escaped as Meta signs it', () => {
		const escaped = body.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
		const secrets = { metaAppSecret: appSecret };
		expect(check('meta').verify(request({ 'x-hub-signature-256': signed(body) }, body), secrets)).toBe(true);
		// Meta sent the UTF-8 text; its signature is over the escaped form.
		expect(check('meta').verify(request({ 'x-hub-signature-256': signed(escaped) }, body), secrets)).toBe(true);
		expect(check('meta').verify(request({ 'x-hub-signature-256': signed(body, 'other') }, body), secrets)).toBe(false);
		expect(check('meta').verify(request({ 'x-hub-signature-256': signed(`${body} `) }, body), secrets)).toBe(false);
		expect(check('meta').verify(request({ 'x-hub-signature-256': signed(body).replace('sha256=', '') }, body), secrets)).toBe(false);
		expect(check('meta').early(request({}, body), secrets)).toBe('forged');
		expect(check('meta').configured({})).toBe(false);
	});

	it('WAHA: the hex HMAC-SHA512 with the sha512 algorithm header, nothing else', () => {
		const key = 'waha-hmac-key-0123';
		const hmac = createHmac('sha512', key).update(body).digest('hex');
		const secrets = { wahaHmacKey: key };
		expect(check('waha').verify(request({ 'x-webhook-hmac': hmac, 'x-webhook-hmac-algorithm': 'sha512' }, body), secrets)).toBe(true);
		expect(check('waha').verify(request({ 'x-webhook-hmac': hmac.toUpperCase() }, body), secrets)).toBe(true);
		expect(check('waha').verify(request({ 'x-webhook-hmac': hmac, 'x-webhook-hmac-algorithm': 'sha256' }, body), secrets)).toBe(false);
		expect(check('waha').verify(request({ 'x-webhook-hmac': hmac }, `${body}\n`), secrets)).toBe(false);
		expect(check('waha').early(request({}, body), secrets)).toBe('forged');
	});

	it('a shared token: Authorization exactly T or Bearer T, or the path segment; judged before the body', () => {
		const secrets = { webhookToken: 'shared-token-0123' };
		for (const gateway of ['green-api', 'evolution', 'multi-session'] as const) {
			const early = (headers: Record<string, string>, pathToken?: string) => check(gateway).early({ headers, pathToken }, secrets);
			expect(early({ authorization: 'shared-token-0123' })).toBe('authentic');
			expect(early({ authorization: 'Bearer shared-token-0123' })).toBe('authentic');
			expect(early({}, 'shared-token-0123')).toBe('authentic');
			expect(early({ authorization: 'Bearer shared-token-012' })).toBe('forged');
			expect(early({ authorization: 'Basic shared-token-0123' })).toBe('forged');
			expect(early({ authorization: 'shared-token-0123x' })).toBe('forged');
			expect(early({})).toBe('forged');
			expect(check(gateway).configured({})).toBe(false);
		}
	});

	it('classifies bodies: invalid JSON, too deep, not an object, no media, media', () => {
		expect(classifyWebhook('waha', Buffer.from('{"event":'))).toMatchObject({ kind: 'invalid' });
		expect(classifyWebhook('waha', Buffer.from(`${'['.repeat(100)}${']'.repeat(100)}`))).toMatchObject({ kind: 'invalid' });
		expect(classifyWebhook('waha', Buffer.from('[1]'))).toMatchObject({ kind: 'invalid' });
		expect(classifyWebhook('waha', Buffer.from('{"event":"message.ack","payload":{"id":"x","ack":3}}'))).toMatchObject({
			kind: 'no-media',
		});
		const media = { event: 'message', payload: { id: 'm1', from: '1@c.us', hasMedia: true, media: { url: 'http://w/api/files/a.jpg' } } };
		expect(classifyWebhook('waha', Buffer.from(JSON.stringify(media)))).toEqual({ kind: 'media', count: 1 });
	});
});

describe('readConfigFile', () => {
	it('reads client options with {"env": NAME} secrets, lists them for redaction, and names a missing variable', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'wamedia-config-'));
		const path = join(directory, 'wamedia.json');
		await writeFile(path, JSON.stringify({ meta: { accessToken: { env: 'TOKEN' } }, webhooks: { metaAppSecret: { env: 'SECRET' } } }));
		const read = readConfigFile(path, { TOKEN: 'token-value-1', SECRET: 'secret-value-2' });
		expect(read.options).toEqual({ meta: { accessToken: 'token-value-1' }, webhooks: { metaAppSecret: 'secret-value-2' } });
		expect(read.secrets.sort()).toEqual(['secret-value-2', 'token-value-1']);
		let failure: unknown;
		try {
			readConfigFile(path, { TOKEN: 'token-value-1' });
		} catch (error) {
			failure = error;
		}
		expect(failure).toMatchObject({ code: 'INVALID_INPUT' });
		expect(String((failure as Error).message)).toMatch(/SECRET/);
		expect(String((failure as Error).message)).not.toMatch(/token-value-1/);
	});
});
