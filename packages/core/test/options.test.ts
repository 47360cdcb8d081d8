import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { normalizeClientOptions, normalizeDownloadOptions } from '../src/normalize-options.js';
import { validateChatId, validateIdInstance, validateIdMessage } from '../src/security/validate.js';

describe('options', () => {
	it('fills every default', () => {
		const settings = normalizeClientOptions();
		expect(settings).toMatchObject({ allowPrivateNetwork: false, timeout: 30_000, concurrency: 4 });
		expect(settings.retry).toEqual({ limit: 3, delay: 500, maxDelay: 10_000, maxRetryAfter: 60_000 });
		expect(normalizeDownloadOptions({})).toMatchObject({ format: 'file', overwrite: false, maxBytes: Number.POSITIVE_INFINITY });
		expect(normalizeDownloadOptions({ format: 'base64' }).maxBytes).toBe(100 * 1024 * 1024);
		expect(
			(
				normalizeClientOptions({ greenApi: { idInstance: 7103000000, apiTokenInstance: 'token-1234' } }).providers.get('green-api') as {
					apiUrl: URL;
				}
			).apiUrl.href,
		).toBe('https://api.green-api.com/');
	});
	it.each([
		[{ timeout: 0 }, 'timeout'],
		[{ retry: -1 }, 'retry.limit'],
		[{ retry: { delay: 1.5 } }, 'retry.delay'],
		[{ concurrency: 0 }, 'concurrency'],
		[{ format: 'xml' }, 'format'],
		[{ maxBytes: -5 }, 'maxBytes'],
		[{ greenApi: { idInstance: 'abc', apiTokenInstance: 'x' } }, 'idInstance'],
		[{ greenApi: { idInstance: 1, apiTokenInstance: '' } }, 'apiTokenInstance'],
		[{ greenApi: { apiUrl: 'ftp://x', idInstance: 1, apiTokenInstance: 'tok1' } }, 'apiUrl'],
		[{ multiSession: { serverUrl: 'not a url', apiKey: 'k' } }, 'serverUrl'],
	])('rejects %j naming %s', (options, name) => {
		expect(() => createClient(options as never)).toThrow(
			expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(name) }),
		);
	});
	it('never puts a rejected secret into the error', () => {
		const token = 'secret-token-0123456789';
		try {
			createClient({ greenApi: { apiUrl: `ftp://${token}`, idInstance: 1, apiTokenInstance: token } });
			expect.unreachable();
		} catch (error) {
			expect(JSON.stringify(error)).not.toContain(token);
			expect(String((error as Error).stack)).not.toContain(token);
		}
	});
});

describe('validation', () => {
	it.each(['79001234567@c.us', '120363043968066561@g.us', '79001234567-1581234048@g.us'])('accepts chatId %s', (chatId) => {
		expect(validateChatId(chatId)).toBe(chatId);
	});
	it.each(['', '79001234567', '+7 900 123@c.us', 'abc@s.whatsapp.net', 42])('rejects chatId %j', (chatId) => {
		expect(() => validateChatId(chatId)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', details: { field: 'chatId' } }));
	});
	it('checks idMessage and idInstance', () => {
		expect(validateIdMessage('A322F800D3F12CD4858CC947DAFB77A2')).toBe('A322F800D3F12CD4858CC947DAFB77A2');
		expect(() => validateIdMessage('x y')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
		expect(validateIdInstance(1101000001)).toBe('1101000001');
		expect(() => validateIdInstance('11a')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
	});
});
