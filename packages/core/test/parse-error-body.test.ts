import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../src/errors/parse-error-body.js';
import { createRedactor } from '../src/security/redact.js';

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
		expect(body).toEqual({ text: 'AccessDenied: Request has expired' });
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

	describe('redacts before it shortens', () => {
		const token = 'd4e4276df8044c259611ee08aefc198482b441126d517a466d';
		const redact = createRedactor([token]);
		const filler = 'x'.repeat(298);

		it.each([
			['plain text', `${filler}${token}`],
			['a JSON message', JSON.stringify({ message: `${filler}${token}` })],
			['a bare JSON string', JSON.stringify(`${filler}${token}`)],
			['an XML message', `<Error><Message>${filler}${token}</Message></Error>`],
			['an HTML page', `<html><body><p>${filler}${token}</p></body></html>`],
		])('%s whose secret crosses the cut', (_kind, body) => {
			const { text } = parseErrorBody(body, redact);
			expect(text).toHaveLength(300);
			expect(text).toBe(`${filler}*…`);
		});
		it('the JSON and the XML code too', () => {
			expect(parseErrorBody(JSON.stringify({ message: 'no', echo: { path: `/downloadFile/${token}` } }), redact).json).toEqual({
				message: 'no',
				echo: { path: '/downloadFile/***' },
			});
			expect(parseErrorBody(`<Error><Code>${token}</Code></Error>`, redact)).toEqual({ text: '***' });
		});
		it('a JSON-escaped secret is found after parsing', () => {
			const escaped = `{"message":"${[...token].map((char) => `\\u00${char.charCodeAt(0).toString(16)}`).join('')}"}`;
			expect(parseErrorBody(escaped, redact).text).toBe('***');
		});
	});
});
