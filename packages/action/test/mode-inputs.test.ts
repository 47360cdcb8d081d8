import { isWamediaError, type WamediaErrorJson } from '@wamedia/core';
import { inFaceWords, readBackfillSettings } from '@wamedia/core/inputs';
import { describe, expect, it } from 'vitest';
import { type ActionInputs, archiveInputs, type Mode } from '../src/inputs.js';
import { checkModeInputs } from '../src/mode-inputs.js';

function inputs(mode: Mode, given: { sources?: Partial<ActionInputs['sources']>; settings?: ActionInputs['settings'] }): ActionInputs {
	return {
		mode,
		settings: { directory: 'whatsapp-media', ...given.settings },
		sources: { 'id-message': '', 'chat-id': '', 'media-url': [], 'media-id': '', 'webhook-payload': '', ...given.sources },
		failOnError: true,
		ifNoFilesFound: 'warn',
		artifact: undefined,
	};
}

function shownError(call: () => unknown): WamediaErrorJson {
	try {
		call();
	} catch (error) {
		if (isWamediaError(error)) return inFaceWords(error.toJSON(), archiveInputs);
		throw error;
	}
	throw new Error('expected an error');
}

describe('checkModeInputs', () => {
	it.each<[Mode, Parameters<typeof inputs>[1], string]>([
		['sync', { sources: { 'id-message': 'AAAA1111' } }, 'id-message does not go with mode: sync'],
		['backfill', { sources: { 'media-url': ['/api/media/temp/a.jpg'] } }, 'media-url does not go with mode: backfill'],
		['sync', { sources: { 'webhook-payload': '{}' } }, 'webhook-payload does not go with mode: sync'],
		['sync', { sources: { 'chat-id': '79001234567@c.us' } }, 'chat-id does not go with mode: sync'],
		['download', { settings: { minutes: '60' } }, 'minutes does not go with mode: download'],
		['sync', { settings: { outgoing: 'true' } }, 'outgoing does not go with mode: sync'],
		['download', { settings: { count: '5' } }, 'count does not go with mode: download'],
		['sync', { settings: { retryFailed: 'true' } }, 'retry-failed does not go with mode: sync'],
	])('%s refuses %o', (mode, given, message) => {
		const error = shownError(() => checkModeInputs(inputs(mode, given)));
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toBe(message);
		expect(error.hint).toMatch(/^Remove \S+, or set mode: /);
	});

	it('lets each mode have its own inputs, and empty ones anywhere', () => {
		expect(() => checkModeInputs(inputs('download', { sources: { 'id-message': 'A', 'chat-id': '79001234567@c.us' } }))).not.toThrow();
		const backfill = { sources: { 'chat-id': '79001234567@c.us' }, settings: { count: '5' } };
		expect(() => checkModeInputs(inputs('backfill', backfill))).not.toThrow();
		expect(() => checkModeInputs(inputs('backfill', { settings: { minutes: '60', outgoing: 'true' } }))).not.toThrow();
		expect(() => checkModeInputs(inputs('sync', { settings: { minutes: ' ', count: '' } }))).not.toThrow();
	});
});

describe('core’s back-fill errors, in the action’s words', () => {
	it.each([
		[{ count: '50' }, 'The count goes with chat-id (getChatHistory)'],
		[{ minutes: 'week' }, 'Invalid minutes: expected a whole number, got "week"'],
		[{ outgoing: 'yes' }, 'Invalid outgoing: expected true or false'],
		[{ chatId: 'bob' }, 'Invalid chat-id: "bob"'],
		[{ chatId: '79001234567@c.us', minutes: '60' }, 'The minutes goes with the journals, not with chat-id'],
	])('%o', (settings, message) => {
		const error = shownError(() => readBackfillSettings(settings));
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toContain(message);
		expect(`${error.message} ${error.hint}`).not.toMatch(/\bchatId\b/);
	});
});
