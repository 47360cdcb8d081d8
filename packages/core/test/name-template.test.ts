import { describe, expect, it } from 'vitest';
import { checkNameTemplate, dateOf, renderFileName } from '../src/naming/name-template.js';
import { createSecretCheck } from '../src/security/redact.js';

const fields = {
	name: 'receipt.jpg',
	idMessage: 'BAE5F4886F6F2D05',
	chatId: '79001234567@c.us',
	provider: 'green-api',
	type: 'image',
	ext: 'jpg',
	date: '2026-01-01',
	timestamp: '1767225600',
};
const none = () => false;

describe('name templates', () => {
	it('fills every field, with / for folders', () => {
		expect(renderFileName('{chatId}/{date}/{idMessage}.{ext}', fields, none)).toBe('79001234567@c.us/2026-01-01/BAE5F4886F6F2D05.jpg');
		expect(renderFileName('{provider}-{type}-{timestamp}-{name}', fields, none)).toBe('green-api-image-1767225600-receipt.jpg');
		expect(renderFileName('{name}', fields, none)).toBe('receipt.jpg');
	});

	it('sanitizes each value like a file name: no folders, no control characters, no secret', () => {
		const hostile = { ...fields, idMessage: '../../etc/pass\u202ewd', chatId: 'a/b\\c' };
		expect(renderFileName('{chatId}/{idMessage}.{ext}', hostile, none)).toBe('a_b_c/_.._etc_passwd.jpg');
		const secret = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
		expect(renderFileName('{idMessage}-{name}', { ...fields, idMessage: `x${secret}` }, createSecretCheck([secret]))).toBe(
			'unknown-receipt.jpg',
		);
	});

	it('gives a missing field a word, and a missing chat the archive folder name', () => {
		expect(renderFileName('{chatId}/{mediaId}.{ext}', { name: 'a.jpg', ext: 'jpg' }, none)).toBe('unknown-chat/unknown.jpg');
	});

	it('refuses unknown fields and templates that leave the directory, before any request', () => {
		for (const template of ['{nope}', '{name', 'x}', '/abs/{name}', '../{name}', '{chatId}/../../{name}', 'C:\\{name}', './{name}', '']) {
			expect(() => checkNameTemplate(template), template).toThrow(
				expect.objectContaining({ code: 'INVALID_INPUT', details: { field: 'fileName' } }),
			);
		}
		expect(() => checkNameTemplate('{chatId}/{date}/{name}')).not.toThrow();
		expect(() => checkNameTemplate('photo.jpg')).not.toThrow();
	});

	it('takes a function, whose answer may not leave the directory either', () => {
		expect(renderFileName((f) => `${f.type}/${f.idMessage}.${f.ext}`, fields, none)).toBe('image/BAE5F4886F6F2D05.jpg');
		expect(() => renderFileName(() => '../x.jpg', fields, none)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
		expect(() => renderFileName(() => 42 as never, fields, none)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
	});

	it('dates a message in UTC', () => {
		expect(dateOf(1767225599)).toBe('2025-12-31');
		expect(dateOf(1767225600)).toBe('2026-01-01');
		expect(dateOf(undefined)).toBeUndefined();
	});
});
