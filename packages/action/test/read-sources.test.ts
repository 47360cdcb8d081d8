import { type ClientOptions, inFaceWords, isWamediaError, type ProviderName, type WamediaErrorJson } from '@wamedia/core';
import { describe, expect, it } from 'vitest';
import type { ActionInputs } from '../src/inputs.js';
import { settingInputs } from '../src/inputs.js';
import { readSources } from '../src/read-sources.js';

const none = { 'id-message': '', 'chat-id': '', 'media-url': [], 'webhook-payload': '' };
const greenApi: ClientOptions = { greenApi: { idInstance: '1101000001', apiTokenInstance: 'token-1234567890' } };
const multiSession: ClientOptions = { multiSession: { serverUrl: 'https://wa.example.com', apiKey: 'wams_key' } };

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

	it('reads webhook-payload as one body, an array or NDJSON (core’s readReferences); credentials are optional there', () => {
		const body = { typeWebhook: 'incomingMessageReceived', idMessage: 'AAAA1111' };
		expect(read({ 'webhook-payload': JSON.stringify(body) }, 'green-api')).toEqual([body]);
		expect(read({ 'webhook-payload': JSON.stringify([body, { receiptId: 1, body }]) })).toEqual([body, { receiptId: 1, body }]);
		expect(read({ 'webhook-payload': `${JSON.stringify(body)}\n${JSON.stringify(body)}\n` })).toEqual([body, body]);
		expect(read({ 'webhook-payload': '[]' })).toEqual([]);
	});

	it.each([
		[{}, undefined, {}, 'Nothing to download: set id-message (with chat-id), media-url or webhook-payload'],
		[{ 'id-message': 'A', 'webhook-payload': '{}' }, undefined, greenApi, 'Set only one of id-message, webhook-payload'],
		[{ 'id-message': 'A', 'chat-id': 'c' }, 'multi-session', { ...greenApi, ...multiSession }, 'id-message needs provider: green-api'],
		[{ 'media-url': ['/a.jpg'] }, 'green-api', multiSession, 'media-url needs provider: multi-session'],
		[{ 'id-message': 'A', 'chat-id': 'c' }, 'green-api', {}, 'id-message needs id-instance and api-token-instance'],
		[{ 'media-url': ['/a.jpg'] }, 'multi-session', {}, 'provider multi-session needs server-url and api-key'],
		[{ 'webhook-payload': '{}' }, 'multi-session', greenApi, 'provider multi-session needs server-url and api-key'],
		[{ 'id-message': 'AAAA1111' }, 'green-api', greenApi, 'id-message: idMessage item 1 ("AAAA1111") has no chat'],
		[{ 'webhook-payload': '{"typeWebhook": ' }, undefined, {}, 'webhook-payload: The input is not JSON'],
		[{ 'webhook-payload': '{"a": 1}\nnot json' }, undefined, {}, 'webhook-payload: Line 2 of the input is not JSON'],
	] as const)('refuses %o with provider %s', (sources, provider, client, message) => {
		const error = failure(() => read(sources as Partial<ActionInputs['sources']>, provider, client as ClientOptions));
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toContain(message);
		expect(error.message).not.toMatch(/idInstance|apiTokenInstance|serverUrl|apiKey/);
	});

	it('refuses a webhook-payload nested deeper than core’s limit before parsing it', () => {
		const error = failure(() => read({ 'webhook-payload': `${'['.repeat(100)}${']'.repeat(100)}` }));
		expect(error.message).toBe('webhook-payload: The input is nested deeper than 64 levels');
	});
});
