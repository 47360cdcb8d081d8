import { type ClientOptions, isWamediaError, type ProviderName, type WamediaErrorJson } from '@wamedia/core';
import { inFaceWords } from '@wamedia/core/inputs';
import { describe, expect, it } from 'vitest';
import type { ActionInputs } from '../src/inputs.js';
import { settingInputs } from '../src/inputs.js';
import { readSources } from '../src/read-sources.js';

const none = { 'id-message': '', 'chat-id': '', 'media-url': [], 'media-id': '', 'webhook-payload': '' };
const greenApi: ClientOptions = { greenApi: { idInstance: '1101000001', apiTokenInstance: 'token-1234567890' } };
const multiSession: ClientOptions = { multiSession: { serverUrl: 'https://wa.example.com', apiKey: 'wams_key' } };
const meta: ClientOptions = { meta: { accessToken: 'EAAG-token-1234567890' } };
const waha: ClientOptions = { waha: { serverUrl: 'https://waha.example.com', apiKey: 'waha-key' } };
const evolution: ClientOptions = { evolution: { serverUrl: 'https://evo.example.com', apiKey: 'evo-key', instance: 'shop1' } };

function read(sources: Partial<ActionInputs['sources']>, provider?: ProviderName, client: ClientOptions = {}) {
	return readSources({ ...none, ...sources }, provider, client);
}

/** The error of a call, as the step prints it: settings named by their inputs. */
function failure(call: () => unknown): WamediaErrorJson {
	try {
		call();
	} catch (error) {
		if (!isWamediaError(error)) throw error;
		return inFaceWords(error.toJSON(), settingInputs);
	}
	throw new Error('expected an error');
}

describe('readSources', () => {
	it('reads id-message lines or comma-separated items, with chat-id or "<chatId> <idMessage>" (core’s readMessageIds)', () => {
		const text = 'AAAA1111\n\n  120363043968066561@g.us   BBBB2222  \nCCCC3333, DDDD4444,';
		expect(read({ 'id-message': text, 'chat-id': '79001234567@c.us' }, 'green-api', greenApi)).toEqual([
			{ chatId: '79001234567@c.us', idMessage: 'AAAA1111' },
			{ chatId: '120363043968066561@g.us', idMessage: 'BBBB2222' },
			{ chatId: '79001234567@c.us', idMessage: 'CCCC3333' },
			{ chatId: '79001234567@c.us', idMessage: 'DDDD4444' },
		]);
	});

	it('reads media-url lines as Multi-Session references', () => {
		expect(
			read({ 'media-url': ['/api/media/temp/a.jpg?expires=1', 'https://wa.example.com/b.pdf'] }, 'multi-session', multiSession),
		).toEqual([{ mediaUrl: '/api/media/temp/a.jpg?expires=1' }, { mediaUrl: 'https://wa.example.com/b.pdf' }]);
	});

	it('reads media-id lines or comma-separated items as Meta media ids, under action.yml’s default provider or meta', () => {
		const expected = [
			{ provider: 'meta', mediaId: '1049371237591234' },
			{ provider: 'meta', mediaId: '1049371237595678' },
			{ provider: 'meta', mediaId: '1049371237599012' },
		];
		const text = '1049371237591234\n\n 1049371237595678 , 1049371237599012,';
		expect(read({ 'media-id': text }, 'green-api', meta)).toEqual(expected);
		expect(read({ 'media-id': text }, 'meta', meta)).toEqual(expected);
	});

	it('reads media-url lines as WAHA references with provider waha', () => {
		expect(read({ 'media-url': ['/api/files/default/a.jpeg', 'https://s3.example/b.pdf?X-Amz-Signature=1'] }, 'waha', waha)).toEqual([
			{ provider: 'waha', mediaUrl: '/api/files/default/a.jpeg' },
			{ provider: 'waha', mediaUrl: 'https://s3.example/b.pdf?X-Amz-Signature=1' },
		]);
	});

	it('reads id-message as WAHA messages (with chat-id) with provider waha, and as Evolution key.ids with provider evolution', () => {
		expect(read({ 'id-message': 'false_79001234567@c.us_3EB0A1', 'chat-id': '79001234567@c.us' }, 'waha', waha)).toEqual([
			{ provider: 'waha', chatId: '79001234567@c.us', idMessage: 'false_79001234567@c.us_3EB0A1' },
		]);
		expect(read({ 'id-message': '3EB0A1B2C3D4\n3EB0E5F6A7B8, 3EB0C9D0E1F2' }, 'evolution', evolution)).toEqual([
			{ provider: 'evolution', idMessage: '3EB0A1B2C3D4' },
			{ provider: 'evolution', idMessage: '3EB0E5F6A7B8' },
			{ provider: 'evolution', idMessage: '3EB0C9D0E1F2' },
		]);
	});

	it('reads a Meta webhook with two media as two references, through core’s readReferences', () => {
		const message = (id: string, mediaId: string) => ({
			from: '79001234567',
			id,
			timestamp: '1767000000',
			type: 'image',
			image: { id: mediaId, mime_type: 'image/jpeg' },
		});
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '1',
					changes: [
						{
							field: 'messages',
							value: { metadata: { phone_number_id: '1065' }, messages: [message('wamid.A', '11'), message('wamid.B', '22')] },
						},
					],
				},
			],
		};
		expect(
			read({ 'webhook-payload': JSON.stringify(body) }, 'meta', meta).map((reference) => (reference as { mediaId?: string }).mediaId),
		).toEqual(['11', '22']);
	});

	it('reads webhook-payload as one body, an array or NDJSON (core’s readReferences); credentials are optional there', () => {
		const body = { typeWebhook: 'incomingMessageReceived', idMessage: 'AAAA1111' };
		expect(read({ 'webhook-payload': JSON.stringify(body) }, 'green-api')).toEqual([body]);
		expect(read({ 'webhook-payload': JSON.stringify([body, { receiptId: 1, body }]) })).toEqual([body, { receiptId: 1, body }]);
		expect(read({ 'webhook-payload': `${JSON.stringify(body)}\n${JSON.stringify(body)}\n` })).toEqual([body, body]);
		expect(read({ 'webhook-payload': '[]' })).toEqual([]);
	});

	it.each([
		[{}, undefined, {}, 'Nothing to download: give id-message (with chat-id), media-url, media-id or webhook-payload'],
		[{ 'media-id': '11', 'media-url': ['/a.jpg'] }, 'meta', meta, 'Give one source, not media-url and media-id'],
		[{ 'media-id': '11' }, 'waha', { ...waha, ...meta }, 'media-id is a Meta source, and provider is waha'],
		[{ 'media-id': '11' }, 'green-api', {}, 'media-id needs the Meta access token: access-token'],
		[{ 'webhook-payload': '{}' }, 'meta', {}, 'provider meta needs access-token'],
		[
			{ 'id-message': '11' },
			'meta',
			meta,
			'id-message is a Green-API, WAHA or Evolution source, and provider is meta (Meta media go by media-id)',
		],
		[{ 'media-url': ['/a.jpg'] }, 'evolution', evolution, 'media-url is a Multi-Session or WAHA source, and provider is evolution'],
		[{ 'media-url': ['/a.jpg'] }, 'waha', {}, 'provider waha needs server-url and api-key'],
		[{ 'id-message': '3EB0' }, 'evolution', {}, 'provider evolution needs server-url, api-key and instance'],
		[{ 'id-message': '3EB0', 'chat-id': 'c' }, 'evolution', evolution, 'chat-id is not needed with provider evolution'],
		[{ 'id-message': '3EB0' }, 'waha', waha, 'id-message item 1 ("3EB0") has no chat'],
		[{ 'id-message': 'A', 'webhook-payload': '{}' }, undefined, greenApi, 'Give one source, not id-message and webhook-payload'],
		[
			{ 'id-message': 'A', 'chat-id': 'c' },
			'multi-session',
			{ ...greenApi, ...multiSession },
			'id-message is a Green-API, WAHA or Evolution source, and provider is multi-session',
		],
		[{ 'media-url': ['/a.jpg'] }, 'green-api', multiSession, 'media-url is a Multi-Session or WAHA source, and provider is green-api'],
		[{ 'id-message': 'A', 'chat-id': 'c' }, 'green-api', {}, 'id-message needs Green-API credentials: id-instance and api-token-instance'],
		[{ 'media-url': ['/a.jpg'] }, 'multi-session', {}, 'provider multi-session needs server-url and api-key'],
		[{ 'webhook-payload': '{}' }, 'multi-session', greenApi, 'provider multi-session needs server-url and api-key'],
		[{ 'id-message': 'AAAA1111' }, 'green-api', greenApi, 'id-message item 1 ("AAAA1111") has no chat'],
		[{ 'webhook-payload': '{"typeWebhook": ' }, undefined, {}, 'webhook-payload: The input is not JSON'],
		[{ 'webhook-payload': '{"a": 1}\nnot json' }, undefined, {}, 'webhook-payload: Line 2 of the input is not JSON'],
	] as const)('refuses %o with provider %s', (sources, provider, client, message) => {
		const error = failure(() => read(sources as Partial<ActionInputs['sources']>, provider, client as ClientOptions));
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toContain(message);
		expect(error.message).not.toMatch(/idInstance|apiTokenInstance|serverUrl|apiKey|accessToken/);
	});

	it('refuses a webhook-payload nested deeper than core’s limit before parsing it', () => {
		const error = failure(() => read({ 'webhook-payload': `${'['.repeat(100)}${']'.repeat(100)}` }));
		expect(error.message).toBe('webhook-payload: The input is nested deeper than 64 levels');
	});
});
