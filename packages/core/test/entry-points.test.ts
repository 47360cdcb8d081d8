import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as inputs from '../src/inputs/index.js';

const faceHelpers = [
	'inFaceWords',
	'readSettings',
	'settingNames',
	'readItems',
	'readMessageIds',
	'readText',
	'readTextFile',
	'readSyncSettings',
	'readBackfillSettings',
];

describe('entry points', () => {
	it('keeps the face helpers out of the library entry', () => {
		for (const name of faceHelpers) expect(Object.keys(main)).not.toContain(name);
		expect(Object.keys(main)).toEqual(expect.arrayContaining(['createClient', 'download', 'isWamediaError', 'readReferences']));
	});

	it('offers them as @wamedia/core/inputs', async () => {
		for (const name of faceHelpers) expect(typeof (inputs as Record<string, unknown>)[name]).toMatch(/function|object/);
		const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
		expect(manifest.exports['./inputs']).toEqual({ types: './dist/inputs/index.d.ts', default: './dist/inputs/index.js' });
	});
});
