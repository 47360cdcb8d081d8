import { describe, expect, it } from 'vitest';
import { chooseFileName, numberedFileName, sanitizeFileName, splitExtension, withExtension } from '../src/naming/file-name.js';
import { createSecretCheck } from '../src/security/redact.js';

describe('sanitizeFileName', () => {
	it.each([
		['../../etc/passwd', 'passwd'],
		['..\\..\\windows\\win.ini', 'win.ini'],
		['..', ''],
		['.hidden', 'hidden'],
		['report.pdf.', 'report.pdf'],
		['a\u0000b\u001fc\u202e.jpg', 'abc.jpg'],
		['what?<now>|"x":y*.txt', 'what__now___x__y_.txt'],
		['CON', '_CON'],
		['nul.txt', '_nul.txt'],
		['  spaced   out  name .png ', 'spaced out name .png'],
		['Счёт №42.pdf', 'Счёт №42.pdf'],
	])('%j → %j', (input, expected) => {
		expect(sanitizeFileName(input)).toBe(expected);
	});

	it.each([
		['nul.tar.gz', '_nul.tar.gz'],
		['COM1.jpg.png', '_COM1.jpg.png'],
		['con .txt', '_con .txt'],
		['Aux', '_Aux'],
		['lpt9.log.1', '_lpt9.log.1'],
		['com0', '_com0'],
		['COM¹', '_COM¹'],
		['com².txt', '_com².txt'],
		['LPT³.tar.gz', '_LPT³.tar.gz'],
		['CONIN$.txt', '_CONIN$.txt'],
		['conout$', '_conout$'],
		['dir/PRN.a.b.c', '_PRN.a.b.c'],
		['  nul  ', '_nul'],
		['console.txt', 'console.txt'],
		['com10.txt', 'com10.txt'],
		['lpt.txt', 'lpt.txt'],
		['null.tar.gz', 'null.tar.gz'],
		['my nul.txt', 'my nul.txt'],
	])('Windows device name %j → %j', (input, expected) => {
		expect(sanitizeFileName(input)).toBe(expected);
	});

	it.each([
		['\u061c', 'arabic letter mark'],
		['\u200e', 'left-to-right mark'],
		['\u200f', 'right-to-left mark'],
		['\u202a', 'left-to-right embedding'],
		['\u202b', 'right-to-left embedding'],
		['\u202c', 'pop directional formatting'],
		['\u202d', 'left-to-right override'],
		['\u202e', 'right-to-left override'],
		['\u2066', 'left-to-right isolate'],
		['\u2067', 'right-to-left isolate'],
		['\u2068', 'first strong isolate'],
		['\u2069', 'pop directional isolate'],
	])('removes the bidirectional control %j (%s)', (control) => {
		expect(sanitizeFileName(`invoice${control}gpj.exe`)).toBe('invoicegpj.exe');
		expect(sanitizeFileName(`${control}${control}.${control}`)).toBe('');
	});

	it('caps names at 200 UTF-8 bytes and keeps the extension', () => {
		const name = sanitizeFileName(`${'я'.repeat(300)}.jpeg`);
		expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
		expect(name.endsWith('я.jpeg')).toBe(true);
	});

	it.each([
		['40 KB', 40_000],
		['1 MB', 1_000_000],
	])('cuts a %s name to 200 bytes in one pass, keeping the extension', (_size, length) => {
		for (const unit of ['a', 'я', '😀', 'a😀']) {
			const name = sanitizeFileName(`${unit.repeat(length / unit.length)}.jpeg`);
			expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
			expect(Buffer.byteLength(name)).toBeGreaterThan(190);
			expect(name.endsWith('.jpeg')).toBe(true);
			expect([...name.slice(0, -'.jpeg'.length)].every((character) => unit.includes(character))).toBe(true);
			// No surrogate pair is split: the name survives a round trip through UTF-8 unchanged.
			expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
		}
	});

	it('cuts a long name without an extension, and one made of dots and spaces between letters', () => {
		expect(sanitizeFileName('b'.repeat(1_000_000))).toBe('b'.repeat(200));
		// The cut leaves `x . . … .`, whose trailing dots and spaces go as well.
		expect(sanitizeFileName(`x${' .'.repeat(500_000)}y.txt`)).toBe('x.txt');
		expect(sanitizeFileName(`${'.'.repeat(500_000)}x${' .'.repeat(500_000)}`)).toBe('x');
		expect(sanitizeFileName(`${'.'.repeat(500_000)} ${' '.repeat(500_000)}`)).toBe('');
	});

	it('normalizes to NFC', () => {
		expect(sanitizeFileName('e\u0301.txt')).toBe('\u00e9.txt');
	});
});

describe('withExtension', () => {
	it('gives images, audio and video one extension per type, whichever gateway named them', () => {
		expect(withExtension('photo.jpeg', 'image/jpeg', 'jpg')).toBe('photo.jpg');
		expect(withExtension('photo.JPG', 'image/jpeg', 'jpg')).toBe('photo.jpg');
		expect(withExtension('false_79001234567@c.us_3EB0A1.oga', 'audio/ogg', 'ogg')).toBe('false_79001234567@c.us_3EB0A1.ogg');
		expect(withExtension('clip.m4v', 'video/mp4', 'mp4')).toBe('clip.mp4');
		expect(withExtension('sticker.png', 'image/webp', 'webp')).toBe('sticker.webp');
		// What follows a dot and is no extension stays part of the name.
		expect(withExtension('false_79001234567@c.us_3EB0A1', 'image/jpeg', 'jpg')).toBe('false_79001234567@c.us_3EB0A1.jpg');
	});
	it('keeps a matching extension of a document the gateway named', () => {
		expect(withExtension('scan.jpeg', 'image/jpeg', 'jpg', true)).toBe('scan.jpeg');
		expect(withExtension('contract.PDF', 'application/pdf', 'pdf')).toBe('contract.PDF');
		expect(withExtension('contract', 'application/pdf', 'pdf', true)).toBe('contract.pdf');
	});
	it('adds a missing one', () => {
		expect(withExtension('3f1c2a', 'audio/ogg', 'ogg')).toBe('3f1c2a.ogg');
	});
	it('replaces a generic or wrong media extension', () => {
		expect(withExtension('voice.bin', 'audio/ogg', 'ogg')).toBe('voice.ogg');
		expect(withExtension('image.jpg', 'image/png', 'png')).toBe('image.png');
	});
	it('appends to a non-media name instead of losing its extension', () => {
		expect(withExtension('notes.txt', 'application/zip', 'zip')).toBe('notes.txt.zip');
	});
	it('leaves names alone for unknown types', () => {
		expect(withExtension('data.xyz', 'application/x-custom', undefined)).toBe('data.xyz');
	});
});

describe('helpers', () => {
	it('splits extensions but not sentences', () => {
		expect(splitExtension('a.b.tar')).toEqual(['a.b', 'tar']);
		expect(splitExtension('Dr. Who notes')).toEqual(['Dr. Who notes', '']);
		expect(splitExtension('.env')).toEqual(['.env', '']);
	});
	it('numbers names before the extension', () => {
		expect(numberedFileName('photo.jpg', 2)).toBe('photo (2).jpg');
		expect(numberedFileName('README', 1)).toBe('README (1)');
	});
	it('chooses the first usable candidate', () => {
		expect(chooseFileName([undefined, '..', '', 'x/real.png', 'later.png'])).toBe('real.png');
		expect(chooseFileName([undefined, '/'])).toBe('media');
	});
});

describe('names that carry a secret', () => {
	const token = 'd4e4276df8044c259611ee08aefc198482b441126d517a466d';
	const key = 'wams_0123456789abcdef0123';
	// 14 characters: split in two halves of 7, neither half is a piece the check would find.
	const password = 'Sx9kQ2mZr7Lp4W';
	const containsSecret = createSecretCheck([token, key, password]);

	it.each([
		['the token as a URL path name', `${token}.jpg`],
		['a piece of the token', `photo-${token.slice(5, 20)}.jpg`],
		['the key percent-encoded in lower case', `${encodeURIComponent(`${key}/x`).toLowerCase()}.pdf`],
		['the key in base64url', `${Buffer.from(key).toString('base64url')}.png`],
		['a secret split by a bidirectional control, whole once sanitized', `${password.slice(0, 7)}\u202e${password.slice(7)}.png`],
		['a secret split by a control character, whole once sanitized', `${password.slice(0, 7)}\u0007${password.slice(7)}`],
	])('skips %s', (_kind, name) => {
		expect(chooseFileName([name, undefined, 'BAE5F4886F6F2D05'], containsSecret)).toBe('BAE5F4886F6F2D05');
	});
	it('falls through every name that holds a secret to the later candidates, or to media', () => {
		expect(chooseFileName([`${token}.jpg`, `x/${key}.jpg`, 'photo.jpg'], containsSecret)).toBe('photo.jpg');
		expect(chooseFileName([`${token}.jpg`, token.slice(0, 12)], containsSecret)).toBe('media');
	});
	it('checks the name before and after sanitizing', () => {
		expect(containsSecret(`${password.slice(0, 7)}\u202e${password.slice(7)}.png`)).toBe(false);
		expect(containsSecret(sanitizeFileName(`${password.slice(0, 7)}\u202e${password.slice(7)}.png`))).toBe(true);
	});
	it('keeps names without a secret', () => {
		expect(chooseFileName(['report.pdf'], containsSecret)).toBe('report.pdf');
	});
});
