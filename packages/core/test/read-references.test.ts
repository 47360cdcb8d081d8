import { describe, expect, it } from 'vitest';
import { maxInputBytes, readReferences } from '../src/index.js';
import { parseReference } from '../src/providers/parse-reference.js';

const body = (idMessage: string) => ({
	typeWebhook: 'incomingMessageReceived',
	idMessage,
	senderData: { chatId: '79001234568@c.us' },
	messageData: { typeMessage: 'imageMessage', fileMessageData: { downloadUrl: `https://storage.example/${idMessage}.jpg` } },
});

// What readReferences gives for one media of a body: its ids side by side, and the body with the media's place.
const read = (idMessage: string) => ({
	provider: 'green-api',
	chatId: '79001234568@c.us',
	idMessage,
	mimeType: 'image/jpeg',
	type: 'image',
	body: body(idMessage),
	mediaIndex: 0,
});
const pair = { chatId: '1@c.us', idMessage: 'X' };
const readPair = { provider: 'green-api', ...pair, body: pair, mediaIndex: 0 };

const invalidInput = (message: RegExp | string = /./) =>
	expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });

function nested(levels: number): string {
	return `${'['.repeat(levels)}${']'.repeat(levels)}`;
}

describe('readReferences', () => {
	it('reads one JSON body, a JSON array and NDJSON', () => {
		expect(readReferences(JSON.stringify(body('A1')))).toEqual([read('A1')]);
		expect(readReferences(JSON.stringify([body('A1'), body('A2')], null, 2))).toEqual([read('A1'), read('A2')]);
		const ndjson = `${JSON.stringify(body('A1'))}\n\n${JSON.stringify(pair)}\r\n${JSON.stringify([body('A3')])}\n`;
		expect(readReferences(ndjson)).toEqual([read('A1'), readPair, read('A3')]);
		expect(readReferences(Buffer.from(`\uFEFF${JSON.stringify(body('A1'))}`))).toEqual([read('A1')]);
	});

	it('reads parsed bodies and arrays of them', () => {
		const link = { downloadUrl: 'https://x.example/a.jpg' };
		const list = [body('A1'), link];
		const references = readReferences(list);
		expect(references).toEqual([read('A1'), { provider: 'direct', body: link, mediaIndex: 0 }]);
		expect(readReferences(body('A1'))).toEqual([read('A1')]);
		// Read again — as objects, or written out as JSON and read back — a reference stays the same.
		expect(readReferences(references)).toEqual(references);
		expect(readReferences(JSON.stringify(references))).toEqual(references);
		expect(parseReference(references[0])).toEqual(parseReference(body('A1')));
	});

	it('keeps every item as given, so that a bad item fails alone', () => {
		const references = readReferences(`[1, {"foo": 1}, ${JSON.stringify(body('A1'))}]`);
		expect(references).toHaveLength(3);
		expect(() => parseReference(references[0])).toThrow(invalidInput());
		expect(() => parseReference(references[1])).toThrow(invalidInput('Unrecognized'));
		expect(parseReference(references[2])).toMatchObject({ idMessage: 'A1' });
	});

	it('gives no references for blank text and an empty array', () => {
		expect(readReferences('  \n\n')).toEqual([]);
		expect(readReferences('[]')).toEqual([]);
	});

	it('refuses text that is neither JSON nor NDJSON, without echoing it', () => {
		let error: Error | undefined;
		try {
			readReferences('{"token": "s3cr3t-value", oops}');
		} catch (caught) {
			error = caught as Error;
		}
		expect(error).toEqual(invalidInput('^The input is not JSON'));
		expect(error?.message).not.toContain('s3cr3t');
		expect(() => readReferences(`${JSON.stringify(body('A1'))}\n${JSON.stringify(body('A2'))}\n{broken\n`)).toThrow(
			invalidInput('^Line 3 of the input is not JSON'),
		);
	});

	it('refuses more than 16 MiB of text, as a string or as bytes', () => {
		const fits = `${' '.repeat(maxInputBytes - 2)}{}`;
		expect(readReferences(fits)).toEqual([{}]);
		expect(() => readReferences(`${fits} `)).toThrow(invalidInput('larger than 16 MiB'));
		expect(() => readReferences(Buffer.alloc(maxInputBytes + 1, 0x20))).toThrow(invalidInput('larger than 16 MiB'));
		// Multi-byte characters count as their UTF-8 bytes.
		expect(() => readReferences(`"${'я'.repeat(maxInputBytes / 2)}"`)).toThrow(invalidInput('larger than 16 MiB'));
	});

	it('refuses text nested deeper than 64 levels, also 100,000 deep, and ignores brackets in strings', () => {
		expect(readReferences(nested(64))).toHaveLength(1);
		expect(() => readReferences(nested(65))).toThrow(invalidInput('deeper than 64'));
		expect(() => readReferences(nested(100_000))).toThrow(invalidInput('deeper than 64'));
		expect(readReferences(JSON.stringify({ caption: `${'['.repeat(1000)}\\"{{` }))).toHaveLength(1);
	});

	it('refuses parsed objects nested deeper than 64 levels without recursion, and walks cycles once', () => {
		let deep: Record<string, unknown> = {};
		for (let level = 0; level < 100_000; level++) deep = { receiptId: level, body: deep };
		expect(() => readReferences(deep)).toThrow(invalidInput('deeper than 64'));
		expect(() => readReferences([deep])).toThrow(invalidInput('deeper than 64'));
		const cyclic: Record<string, unknown> = { downloadUrl: 'https://x.example/a.jpg' };
		cyclic.self = cyclic;
		cyclic.again = { back: cyclic };
		expect(readReferences(cyclic)).toEqual([{ provider: 'direct', body: cyclic, mediaIndex: 0 }]);
	});

	it('refuses input that is not text, a body or an array', () => {
		for (const value of [null, 42, true, undefined]) {
			expect(() => readReferences(value as never)).toThrow(invalidInput('must be given as'));
		}
	});
});
