import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSettings, type Settings } from '@wamedia/core/inputs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaults, settingInputs } from '../src/inputs.js';
import { packageDirectory, readMetadata } from './run-action.js';

// docs/actions.md#inputs-and-outputs.
const designInputs = [
	'mode',
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
	// How files are named, and the download record (docs/transfer.md#name-templates, #download-records).
	'name',
	'record',
	// The inputs of the providers Meta, WAHA and Evolution API (docs/providers.md).
	'session',
	'instance',
	'access-token',
	'graph-url',
	'api-version',
	'phone-number-id',
	'media-id',
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
	'if-no-files-found',
	// Sync and back-fill (docs/sync.md).
	'minutes',
	'outgoing',
	'count',
	'retry-failed',
];
const designOutputs = [
	'files',
	'files-path',
	'count',
	'failed-count',
	'path',
	'download-url',
	'artifact-id',
	'artifact-url',
	'artifact-digest',
];

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

	it('is also the repository root action.yml for the Marketplace, the same but for the path of the bundle', async () => {
		const metadata = await readMetadata();
		const root = parse(await readFile(join(packageDirectory, '..', '..', 'action.yml'), 'utf8')) as typeof metadata;
		expect(root.runs).toEqual({ using: 'node24', main: 'packages/action/dist/index.js' });
		expect({ ...root, runs: metadata.runs }).toEqual(metadata);
		// The Marketplace refuses a release whose description has 125 characters or more; it needs branding too.
		expect(root.name.length).toBeGreaterThan(5);
		expect(root.description.length).toBeLessThan(125);
		expect(root.branding).toEqual({ icon: 'download-cloud', color: 'green' });
	});

	// test/inputs.test.ts checks that each input is read.
	it('has the defaults of src/inputs.ts for the action’s own inputs, and defaults core accepts for its settings', async () => {
		const metadata = await readMetadata();
		const declared = Object.fromEntries(
			Object.entries(metadata.inputs).flatMap(([name, input]) => (input.default === undefined ? [] : [[name, input.default]])),
		);
		const own = Object.fromEntries(Object.entries(declared).filter(([name]) => name in defaults));
		expect(own).toEqual(defaults);
		const settingOf = Object.fromEntries(Object.entries(settingInputs).map(([id, name]) => [name, id]));
		const settings = Object.entries(declared).filter(([name]) => !(name in defaults));
		expect(settings.map(([name]) => name).sort()).toEqual(['allow-private-network', 'provider']);
		for (const [name, value] of settings) {
			expect(() => readSettings({ [settingOf[name] as keyof Settings]: value }), name).not.toThrow();
		}
	});

	it('offers the three modes, download by default, and says which inputs go with back-fill', async () => {
		const { inputs } = await readMetadata();
		expect(inputs.mode?.default).toBe('download');
		for (const mode of ['download', 'sync', 'backfill']) expect(inputs.mode?.description).toContain(mode);
		for (const name of ['minutes', 'outgoing', 'count', 'chat-id']) expect(inputs[name]?.description, name).toMatch(/backfill/);
		// Core's own defaults, stated, not declared: an empty input leaves them to core.
		for (const name of ['minutes', 'outgoing', 'count']) expect(inputs[name]?.default, name).toBeUndefined();
		expect(inputs.minutes?.description).toContain('1440');
		expect(inputs.count?.description).toContain('100');
	});

	it('offers the five providers, and marks the Meta access token and the API keys as masked secrets', async () => {
		const metadata = await readMetadata();
		for (const provider of ['green-api', 'multi-session', 'meta', 'waha', 'evolution']) {
			expect(metadata.inputs.provider?.description).toContain(provider);
			expect(() => readSettings({ provider })).not.toThrow();
		}
		for (const secret of ['api-token-instance', 'api-key', 'access-token'])
			expect(metadata.inputs[secret]?.description).toContain('Masked');
		expect(metadata.inputs['media-id']?.description).toMatch(/one per line/);
	});

	it('documents if-no-files-found as actions/upload-artifact does', async () => {
		const metadata = await readMetadata();
		expect(metadata.inputs['if-no-files-found']).toMatchObject({ default: 'warn' });
		for (const word of ['warn', 'error', 'ignore']) expect(metadata.inputs['if-no-files-found']?.description).toContain(word);
	});
});
