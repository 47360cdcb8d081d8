import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Base64Decoder } from '../src/transport/base64-decoder.js';
import { Base64JsonBody } from '../src/transport/base64-json-body.js';

/** Feeds a body in the given pieces; answers the decoded bytes, the kept fields and where the text started. */
function read(pieces: readonly Buffer[], keep: readonly string[] = ['mimetype', 'fileName']) {
	const chunks: Buffer[] = [];
	const fields: Record<string, string> = {};
	let start: number | undefined;
	const body = new Base64JsonBody(
		{
			consume: (chunk) => {
				chunks.push(chunk);
				return undefined;
			},
			field: (name, value) => {
				fields[name] = value;
			},
			start: (offset) => {
				start = offset;
			},
			malformed: (why) => Object.assign(new Error(why), { kind: 'malformed' }),
			truncated: () => Object.assign(new Error('truncated'), { kind: 'truncated' }),
		},
		keep,
	);
	for (const piece of pieces) body.write(piece);
	body.end();
	return { bytes: Buffer.concat(chunks), fields, start, chunks: chunks.length };
}

function split(text: string, size: number): Buffer[] {
	const bytes = Buffer.from(text);
	const pieces: Buffer[] = [];
	for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
	return pieces;
}

const file = randomBytes(1000);
const answer = JSON.stringify({
	mediaType: 'documentMessage',
	fileName: 'Счёт "№42".pdf',
	caption: 'a {tricky} "caption" with base64: "AAAA"',
	size: { fileLength: { low: 1000, high: 0, unsigned: true }, list: ['}', ']'] },
	mimetype: 'application/pdf',
	base64: file.toString('base64'),
	buffer: null,
});

describe('Base64JsonBody', () => {
	it('decodes the base64 field and keeps the named fields, however the body is cut', () => {
		for (const size of [1, 2, 3, 5, 7, 64, 4096]) {
			const { bytes, fields, start } = read(split(answer, size));
			expect(bytes.equals(file)).toBe(true);
			expect(fields).toEqual({ fileName: 'Счёт "№42".pdf', mimetype: 'application/pdf' });
			expect(start).toBe(Buffer.byteLength(answer.slice(0, answer.indexOf('"base64":"') + 10)));
		}
	});

	it('hands over one decoded piece per body chunk', () => {
		expect(read(split(answer, 300)).chunks).toBeLessThanOrEqual(split(answer, 300).length);
	});

	it('reads escaped slashes, wrapped lines, base64url and unpadded text', () => {
		const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x01]);
		const escaped = `{"base64":"${bytes.toString('base64').replaceAll('/', '\\/')}"}`;
		expect(read(split(escaped, 3)).bytes.equals(bytes)).toBe(true);
		const wrapped = `{"base64":"${file.toString('base64').replace(/(.{76})/g, '$1\\n')}"}`;
		expect(read(split(wrapped, 50)).bytes.equals(file)).toBe(true);
		expect(read([Buffer.from(`{"base64":"${bytes.toString('base64url')}"}`)]).bytes.equals(bytes)).toBe(true);
		expect(read([Buffer.from('{"base64":"QUI"}')]).bytes.toString()).toBe('AB');
	});

	it.each([
		['text that is not base64', '{"base64":"AAAA$$$$"}', 'malformed'],
		['data after the padding', '{"base64":"QQ==QUJD"}', 'malformed'],
		['a group cut short', '{"base64":"QUJDR"}', 'malformed'],
		['no base64 field', '{"mimetype":"image/jpeg"}', 'malformed'],
		['a base64 field that is not a string', '{"base64":null}', 'malformed'],
		['an array', '["base64"]', 'malformed'],
		['an escape in the text', '{"base64":"QUJD\\u0041"}', 'malformed'],
		['a body cut in the text', '{"base64":"QUJD', 'truncated'],
		['a body cut after the text', '{"base64":"QUJD",', 'truncated'],
		['a second object after the first', '{"base64":"QUJD"}{"base64":"AAAA"}', 'malformed'],
		['garbage after the object', '{"base64":"QUJD"} garbage', 'malformed'],
		['two base64 keys (JSON.parse takes the last)', '{"base64":"QUJD","base64":"AAAA"}', 'malformed'],
		['two base64 keys, one escaped', '{"base64":"QUJD","base\\u0036\\u0034":"AAAA"}', 'malformed'],
		['two equal kept keys', '{"fileName":"a.jpg","fileName":"b.exe","base64":"QUJD"}', 'malformed'],
		['a literal that is not JSON', '{"size":12x,"base64":"QUJD"}', 'malformed'],
		['a nested value that is not JSON', '{"size":{"a":tru},"base64":"QUJD"}', 'malformed'],
		['a leading comma', '{,"base64":"QUJD"}', 'malformed'],
		['a trailing comma', '{"base64":"QUJD",}', 'malformed'],
	])('refuses %s', (_name, text, kind) => {
		expect(() => read(split(text, 4))).toThrow(expect.objectContaining({ kind }));
		expect(() => read([Buffer.from(text)])).toThrow(expect.objectContaining({ kind }));
	});

	it('names the problem: data after the object, or the key given twice', () => {
		expect(() => read([Buffer.from('{"base64":"QUJD"}{"base64":"AAAA"}')])).toThrow(/data after the JSON object/);
		expect(() => read([Buffer.from('{"base64":"QUJD","base64":"AAAA"}')])).toThrow(/names the key "base64" twice/);
	});

	it('takes white space after the object, and every JSON value beside the file', () => {
		const text = '{"n":-1.5e3,"t":true,"z":null,"o":{"a":[1,"}"]},"base64":"QUJD"} \r\n';
		expect(read(split(text, 3)).bytes.toString()).toBe('ABC');
		expect(JSON.parse(text)).toMatchObject({ base64: 'QUJD' });
	});
});

describe('Base64Decoder', () => {
	it('decodes text pushed in pieces of any length', () => {
		const text = file.toString('base64');
		for (const size of [1, 3, 4, 5, 1000]) {
			const decoder = new Base64Decoder((why) => new Error(why));
			const pieces: Buffer[] = [];
			for (let offset = 0; offset < text.length; offset += size)
				pieces.push(decoder.push(text.slice(offset, offset + size)) ?? Buffer.alloc(0));
			pieces.push(decoder.end() ?? Buffer.alloc(0));
			expect(Buffer.concat(pieces).equals(file)).toBe(true);
		}
	});
});
