import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../src/inputs.js';
import { packageDirectory, readMetadata } from './run-action.js';

// docs/actions.md#inputs-and-outputs.
const designInputs = [
	'provider',
	'api-url',
	'id-instance',
	'api-token-instance',
	'chat-id',
	'id-message',
	'webhook-payload',
	'server-url',
	'api-key',
	'media-url',
	'path',
	'upload-artifact',
	'artifact-name',
	'retention-days',
	'compression-level',
	'overwrite',
	'max-bytes',
	'concurrency',
	'fail-on-error',
	'allow-private-network',
];
const designOutputs = ['files', 'count', 'failed-count', 'path', 'download-url', 'artifact-id', 'artifact-url', 'artifact-digest'];

describe('action.yml', () => {
	it('declares every input and output of the contract, each with a description', async () => {
		const metadata = await readMetadata();
		expect(Object.keys(metadata.inputs).sort()).toEqual([...designInputs].sort());
		expect(Object.keys(metadata.outputs).sort()).toEqual([...designOutputs].sort());
		for (const entry of [...Object.values(metadata.inputs), ...Object.values(metadata.outputs)]) {
			expect(entry.description?.length).toBeGreaterThan(20);
		}
		expect(metadata.name).toBeTruthy();
		expect(metadata.description).toBeTruthy();
		expect(metadata.branding).toEqual({ icon: 'download-cloud', color: 'green' });
	});

	it('runs the committed ESM bundle on node24', async () => {
		const metadata = await readMetadata();
		expect(metadata.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
		const manifest = JSON.parse(await readFile(join(packageDirectory, 'package.json'), 'utf8')) as { type?: string };
		expect(manifest.type).toBe('module');
	});

	it('has the same defaults as src/inputs.ts, and every input is read there', async () => {
		const metadata = await readMetadata();
		const declared = Object.fromEntries(
			Object.entries(metadata.inputs).flatMap(([name, input]) => (input.default === undefined ? [] : [[name, input.default]])),
		);
		expect(declared).toEqual(Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, String(value)])));
		const source = await readFile(join(packageDirectory, 'src', 'inputs.ts'), 'utf8');
		for (const name of designInputs) expect(source).toContain(`'${name}'`);
	});
});
