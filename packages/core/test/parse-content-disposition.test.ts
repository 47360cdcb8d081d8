import { describe, expect, it } from 'vitest';
import { parseContentDisposition } from '../src/naming/parse-content-disposition.js';

describe('parseContentDisposition', () => {
	it.each([
		[`attachment; filename="Schet 42.pdf"; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%9642.pdf`, 'Счёт №42.pdf'],
		[`attachment; filename*=utf-8'ru'%D0%A4%D0%BE%D1%82%D0%BE.jpg`, 'Фото.jpg'],
		[`attachment; filename*=iso-8859-1'en'%A3%20rates.txt`, '£ rates.txt'],
		[`inline; filename="screenshot.png"`, 'screenshot.png'],
		['attachment; filename=plain name.jpg', 'plain name.jpg'],
		[`attachment; filename="say \\"hi\\".txt"`, 'say "hi".txt'],
		['attachment; FILENAME="upper.PDF"', 'upper.PDF'],
		// Raw UTF-8 bytes in a quoted filename arrive as latin1 characters through fetch.
		[`attachment; filename="${Buffer.from('Отчёт.pdf').toString('latin1')}"`, 'Отчёт.pdf'],
		// A broken filename* falls back to filename.
		[`attachment; filename*=UTF-8''%E0%A4%A; filename="fallback.bin"`, 'fallback.bin'],
	])('%s', (header, expected) => {
		expect(parseContentDisposition(header)).toBe(expected);
	});

	it.each([null, undefined, '', 'inline', 'attachment; filename=""'])('no name in %j', (header) => {
		expect(parseContentDisposition(header)).toBeUndefined();
	});
});
