import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { documentsWithCodes, repositoryRoot, withTable } from '../scripts/error-codes-table.ts';
import { errorCodes } from '../src/errors/error-codes.js';

describe('the error codes in the READMEs and guides', () => {
	it.each(documentsWithCodes)('%s lists all 17, rendered from error-codes.ts', async (file) => {
		const text = await readFile(`${repositoryRoot}${file}`, 'utf8');
		// Up to date: rendering the block again changes nothing (node scripts/error-codes-table.ts rewrites it).
		expect(text).toBe(withTable(text, file));
		const listed = [...text.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((match) => match[1]);
		expect(listed.filter((code) => code !== undefined && code in errorCodes)).toEqual(expect.arrayContaining(Object.keys(errorCodes)));
		expect(Object.keys(errorCodes)).toHaveLength(17);
	});
});
