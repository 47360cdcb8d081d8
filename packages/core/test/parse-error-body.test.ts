import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../src/utils/parse-error-body.js';

describe('parseErrorBody', () => {
	it('reads a bare JSON string (Green-API v3)', () => {
		expect(parseErrorBody('"File message encrypted url not found by chatId 1 and idMessage 2"').text).toBe(
			'File message encrypted url not found by chatId 1 and idMessage 2',
		);
	});
	it('reads message-like keys of JSON objects, nested too', () => {
		expect(parseErrorBody('{"message":"Validation failed"}').text).toBe('Validation failed');
		expect(parseErrorBody('{"code":401,"description":"Unauthorized"}').text).toBe('Unauthorized');
		expect(parseErrorBody('{"invokeStatus":{"status":"QUOTE_EXCEEDED","description":"Monthly quota"}}').text).toBe(
			'{"invokeStatus":{"status":"QUOTE_EXCEEDED","description":"Monthly quota"}}',
		);
		expect(parseErrorBody('{"error":{"message":"deep"}}').text).toBe('deep');
	});
	it('reads S3-style XML with its code', () => {
		const body = parseErrorBody('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
		expect(body).toEqual({ text: 'AccessDenied: Request has expired', code: 'AccessDenied' });
	});
	it('reads the title of an HTML page', () => {
		expect(parseErrorBody('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>').text).toBe('502 Bad Gateway');
	});
	it('keeps plain text, clipped', () => {
		expect(parseErrorBody('  Invalid API key \n').text).toBe('Invalid API key');
		expect(parseErrorBody('x'.repeat(1000)).text).toHaveLength(300);
		expect(parseErrorBody('{not json').text).toBe('{not json');
		expect(parseErrorBody('').text).toBe('');
	});
});
