import { describe, expect, it } from 'vitest';
import { readMessageIds, readSettings } from '../src/inputs/index.js';

const token = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

function failure(run: () => unknown): { code?: string; message?: string; details?: Record<string, unknown> } {
	try {
		run();
	} catch (error) {
		return error as { code: string; message: string; details: Record<string, unknown> };
	}
	throw new Error('expected a failure');
}

describe('readSettings', () => {
	it('turns text settings into client options', () => {
		expect(
			readSettings({
				provider: 'green-api',
				apiUrl: ' https://7103.api.greenapi.com ',
				idInstance: '7103000000',
				apiTokenInstance: token,
				directory: 'media',
				maxBytes: '1000',
				concurrency: '8',
				timeout: '5000',
				overwrite: 'TRUE',
				allowPrivateNetwork: 'false',
				format: 'base64',
			}),
		).toEqual({
			provider: 'green-api',
			client: {
				greenApi: { apiUrl: 'https://7103.api.greenapi.com', idInstance: '7103000000', apiTokenInstance: token },
				directory: 'media',
				maxBytes: 1000,
				concurrency: 8,
				timeout: 5000,
				overwrite: true,
				allowPrivateNetwork: false,
				format: 'base64',
			},
		});
		expect(readSettings({ serverUrl: 'http://127.0.0.1:8080', apiKey: 'wams_k' }).client).toEqual({
			multiSession: { serverUrl: 'http://127.0.0.1:8080', apiKey: 'wams_k' },
		});
	});

	it('treats empty text as not set, and an apiUrl without credentials as unused', () => {
		expect(readSettings({ idInstance: '', apiTokenInstance: '  ', maxBytes: '', apiUrl: 'https://x.example' })).toEqual({
			provider: undefined,
			client: {},
		});
	});

	it.each([
		[{ idInstance: '7103000000' }, 'apiTokenInstance'],
		[{ apiTokenInstance: token }, 'idInstance'],
		[{ serverUrl: 'http://127.0.0.1:8080' }, 'apiKey'],
		[{ apiKey: token }, 'serverUrl'],
	])('refuses a half-given credential pair %j, naming the missing field', (settings, field) => {
		const error = failure(() => readSettings(settings));
		expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field } });
		expect(error.message).toContain(`${field} is not`);
		expect(JSON.stringify(error)).not.toContain(token);
	});

	it.each([
		[{ provider: 'telegram' }, 'provider'],
		[{ format: 'stream' }, 'format'],
		[{ maxBytes: '-3' }, 'maxBytes'],
		[{ maxBytes: '1e6' }, 'maxBytes'],
		[{ timeout: 'soon' }, 'timeout'],
		[{ overwrite: 'yes' }, 'overwrite'],
		[{ allowPrivateNetwork: '1' }, 'allowPrivateNetwork'],
	])('refuses %j naming the field', (settings, field) => {
		expect(failure(() => readSettings(settings))).toMatchObject({
			code: 'INVALID_INPUT',
			message: expect.stringContaining(field),
			details: { field },
		});
	});

	it('applies the client ranges and URL rules', () => {
		expect(failure(() => readSettings({ concurrency: '0' }))).toMatchObject({ code: 'INVALID_INPUT', details: { option: 'concurrency' } });
		expect(failure(() => readSettings({ concurrency: '257' }))).toMatchObject({
			code: 'INVALID_INPUT',
			details: { option: 'concurrency' },
		});
		expect(failure(() => readSettings({ serverUrl: 'ftp://x', apiKey: token }))).toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'serverUrl' },
		});
	});
});

describe('readMessageIds', () => {
	it('reads bare ids with a chat, "<chatId> <idMessage>" items, commas and line breaks', () => {
		expect(readMessageIds(['ID000001, ID000002', '79001234568@c.us  ID000003\nID000004'], '79001234567@c.us')).toEqual([
			{ chatId: '79001234567@c.us', idMessage: 'ID000001' },
			{ chatId: '79001234567@c.us', idMessage: 'ID000002' },
			{ chatId: '79001234568@c.us', idMessage: 'ID000003' },
			{ chatId: '79001234567@c.us', idMessage: 'ID000004' },
		]);
		expect(readMessageIds(['79001234568@c.us ID000003'])).toEqual([{ chatId: '79001234568@c.us', idMessage: 'ID000003' }]);
	});

	it('refuses a bare id without a chat and an item of three words', () => {
		expect(failure(() => readMessageIds(['79001234568@c.us ID1', 'ID2']))).toMatchObject({
			code: 'INVALID_INPUT',
			message: expect.stringMatching(/^idMessage item 2 \("ID2"\) has no chat/),
		});
		expect(failure(() => readMessageIds(['a b c'], '1@c.us'))).toMatchObject({ message: expect.stringContaining('more than two words') });
	});
});
