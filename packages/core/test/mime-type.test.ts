import { describe, expect, it } from 'vitest';
import { baseMimeType, detectMimeType, isGenericMimeType } from '../src/naming/mime-type.js';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');

describe('detectMimeType', () => {
	it('trusts a specific Content-Type', async () => {
		expect(await detectMimeType('application/pdf; charset=binary', pdf, undefined)).toEqual({
			mimeType: 'application/pdf',
			extension: 'pdf',
		});
	});
	it('sniffs the bytes when Content-Type is generic or missing', async () => {
		expect(await detectMimeType('application/octet-stream', jpeg, undefined)).toEqual({ mimeType: 'image/jpeg', extension: 'jpg' });
		expect(await detectMimeType(null, pdf, undefined)).toEqual({ mimeType: 'application/pdf', extension: 'pdf' });
	});
	it('lets the signature win over a wrong image type', async () => {
		expect(await detectMimeType('image/jpeg', png, undefined)).toEqual({ mimeType: 'image/png', extension: 'png' });
	});
	it('falls back to the gateway hint, then to octet-stream', async () => {
		expect(await detectMimeType('', Buffer.from('hello'), 'text/plain')).toEqual({ mimeType: 'text/plain', extension: 'txt' });
		expect(await detectMimeType('', Buffer.from('hello'), undefined)).toEqual({
			mimeType: 'application/octet-stream',
			extension: undefined,
		});
	});
	it('keeps a specific type that has no signature', async () => {
		expect(await detectMimeType('text/csv', Buffer.from('a,b\n1,2\n'), undefined)).toEqual({ mimeType: 'text/csv', extension: 'csv' });
	});
});

describe('mime helpers', () => {
	it('strips parameters and rejects junk', () => {
		expect(baseMimeType('Audio/OGG; codecs=opus')).toBe('audio/ogg');
		expect(baseMimeType('nonsense')).toBe('');
		expect(baseMimeType(null)).toBe('');
	});
	it('knows generic types', () => {
		expect(isGenericMimeType('binary/octet-stream')).toBe(true);
		expect(isGenericMimeType('image/jpeg')).toBe(false);
	});
});
