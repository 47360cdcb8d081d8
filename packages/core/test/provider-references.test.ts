import { describe, expect, it } from 'vitest';
import type { BodyMediaReference } from '../src/index.js';
import { readReferences, readSettings } from '../src/inputs/index.js';
import { fileSha256 } from '../src/providers/evolution/file-sha256.js';
import { parseReference } from '../src/providers/parse-reference.js';

const token = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

function failure(run: () => unknown): { code?: string; message?: string; details?: Record<string, unknown> } {
	try {
		run();
	} catch (error) {
		return error as { code: string; message: string; details: Record<string, unknown> };
	}
	throw new Error('expected a failure');
}

const metaWebhook = {
	object: 'whatsapp_business_account',
	entry: [
		{
			id: '1',
			changes: [
				{
					field: 'messages',
					value: {
						metadata: { phone_number_id: '106540352242922' },
						messages: [
							{ from: '79001234567', id: 'wamid.A', type: 'text', text: { body: 'hi' } },
							{ from: '79001234567', id: 'wamid.B', type: 'image', image: { id: '111', mime_type: 'image/jpeg', caption: 'one' } },
						],
					},
				},
			],
		},
		{
			id: '2',
			changes: [
				{
					field: 'messages',
					value: {
						metadata: { phone_number_id: '106540352242922' },
						messages: [{ from: '79001234568', id: 'wamid.C', type: 'document', document: { id: '222', filename: 'a.pdf' } }],
					},
				},
			],
		},
	],
};

describe('references of Meta, WAHA and Evolution', () => {
	it('reads every media message of a Meta webhook, across its entries', () => {
		const references = readReferences(metaWebhook);
		expect(references.map((reference) => parseReference(reference))).toEqual([
			{
				provider: 'meta',
				mediaId: '111',
				phoneNumberId: '106540352242922',
				chatId: '79001234567',
				idMessage: 'wamid.B',
				caption: 'one',
				fileName: '111',
				mimeType: 'image/jpeg',
				type: 'image',
			},
			{
				provider: 'meta',
				mediaId: '222',
				phoneNumberId: '106540352242922',
				chatId: '79001234568',
				idMessage: 'wamid.C',
				fileName: 'a.pdf',
				type: 'document',
			},
		]);
		// Every media of the body comes back in one shape, its ids side by side, as with a body of one media.
		expect(
			references.map((reference) => {
				const { body, ...ids } = reference as BodyMediaReference;
				return { ...ids, same: body === metaWebhook };
			}),
		).toEqual([
			expect.objectContaining({ provider: 'meta', mediaId: '111', chatId: '79001234567', idMessage: 'wamid.B', mediaIndex: 0, same: true }),
			expect.objectContaining({ provider: 'meta', mediaId: '222', chatId: '79001234568', idMessage: 'wamid.C', mediaIndex: 1, same: true }),
		]);
		expect(failure(() => parseReference(metaWebhook))).toMatchObject({
			code: 'INVALID_INPUT',
			message: expect.stringContaining('2 media'),
		});
		expect(readReferences(JSON.stringify([metaWebhook, metaWebhook]))).toHaveLength(4);
	});

	it('reads the reference objects that name their gateway', () => {
		expect(parseReference({ provider: 'meta', mediaId: '123' })).toEqual({ provider: 'meta', mediaId: '123', fileName: '123' });
		expect(parseReference({ provider: 'waha', mediaUrl: '/api/files/default/x.jpeg' })).toEqual({
			provider: 'waha',
			link: '/api/files/default/x.jpeg',
		});
		expect(parseReference({ provider: 'waha', chatId: '1@c.us', idMessage: 'false_1@c.us_A' })).toEqual({
			provider: 'waha',
			chatId: '1@c.us',
			idMessage: 'false_1@c.us_A',
		});
		expect(parseReference({ provider: 'evolution', idMessage: '3EB0' })).toEqual({
			provider: 'evolution',
			idMessage: '3EB0',
			fileName: '3EB0',
		});
		// Without `provider`, the same fields keep their Green-API and Multi-Session meaning.
		expect(parseReference({ chatId: '79001234567@c.us', idMessage: 'BAE5' }).provider).toBe('green-api');
		expect(parseReference({ mediaUrl: '/a.jpg' }).provider).toBe('multi-session');
	});

	it('reads fileSha256 in each of its spellings', () => {
		const digest = Buffer.alloc(32, 0xab);
		const hex = digest.toString('hex');
		expect(fileSha256(digest.toString('base64'))).toBe(hex);
		expect(fileSha256({ type: 'Buffer', data: [...digest] })).toBe(hex);
		expect(fileSha256(Object.fromEntries([...digest].map((byte, index) => [String(index), byte])))).toBe(hex);
		expect(fileSha256({ 0: 1, 1: 2 })).toBeUndefined();
		expect(fileSha256('not a digest')).toBeUndefined();
	});
});

describe('readSettings for Meta, WAHA and Evolution', () => {
	it('gives serverUrl and apiKey to the provider named, or inferred from session and instance', () => {
		const server = { serverUrl: 'http://127.0.0.1:3000', apiKey: token };
		expect(readSettings({ ...server }).client).toEqual({ multiSession: server });
		expect(readSettings({ provider: 'waha', ...server }).client).toEqual({ waha: server });
		expect(readSettings({ ...server, session: 'shop' }).client).toEqual({ waha: { ...server, session: 'shop' } });
		expect(readSettings({ provider: 'evolution', ...server, instance: 'shop1' })).toEqual({
			provider: 'evolution',
			client: { evolution: { ...server, instance: 'shop1' } },
		});
		expect(readSettings({ ...server, instance: 'shop1' }).client).toEqual({ evolution: { ...server, instance: 'shop1' } });
	});

	it('reads the Meta settings', () => {
		expect(
			readSettings({ provider: 'meta', accessToken: token, graphUrl: 'http://127.0.0.1:9', apiVersion: '24.0', phoneNumberId: '1065' })
				.client,
		).toEqual({
			meta: { accessToken: token, graphUrl: 'http://127.0.0.1:9', apiVersion: '24.0', phoneNumberId: '1065' },
		});
	});

	it.each([
		[{ provider: 'evolution', serverUrl: 'http://127.0.0.1:1', apiKey: token }, 'instance'],
		[{ provider: 'multi-session', serverUrl: 'http://127.0.0.1:1', apiKey: token, session: 'a' }, 'session'],
		[{ provider: 'waha', serverUrl: 'http://127.0.0.1:1', apiKey: token, instance: 'a' }, 'instance'],
		[{ session: 'a', instance: 'b', serverUrl: 'http://127.0.0.1:1', apiKey: token }, 'instance'],
		[{ session: 'a' }, 'serverUrl'],
		[{ graphUrl: 'https://graph.facebook.com' }, 'accessToken'],
		[{ accessToken: token, apiVersion: 'latest' }, 'apiVersion'],
		[{ accessToken: token, graphUrl: 'https://graph.facebook.com?x=1' }, 'graphUrl'],
		[{ provider: 'telegram' }, 'provider'],
	])('refuses bad or half-given settings (%#), naming %s without the secret', (settings, field) => {
		const error = failure(() => readSettings(settings));
		expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field } });
		expect(JSON.stringify(error) + String(error.message)).not.toContain(token);
	});
});
