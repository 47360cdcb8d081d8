// The editor file registers both types with the defaults the runtime expects, and its texts exist.
import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { connectionCredentials, connectionDefaults, downloadDefaults } from '../src/defaults.js';

const source = (path: string) => readFileSync(new URL(`../src/${path}`, import.meta.url), 'utf8');
const editor = source('wamedia.html');
const help = source('locales/en-US/wamedia.html');
const messages = JSON.parse(source('locales/en-US/wamedia.json')) as Record<string, unknown>;

interface Definition {
	category: string;
	defaults: Record<string, { value: unknown; required?: boolean; type?: string; validate?: (value: unknown) => boolean }>;
	credentials?: Record<string, { type: string }>;
	inputs?: number;
	outputs?: number;
	icon?: string;
	color?: string;
	label: (this: Record<string, unknown>) => string;
	outputLabels?: (this: Record<string, unknown>) => string;
}

/** Runs the editor's script block against a stub RED, as the editor would, and returns what it registered. */
function register(): Map<string, Definition> {
	const scripts = [...editor.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
	expect(scripts).toHaveLength(1);
	const registered = new Map<string, Definition>();
	const validator = () => () => true;
	const RED = {
		nodes: { registerType: (type: string, definition: Definition) => registered.set(type, definition) },
		validators: { number: validator, typedInput: validator, regex: validator },
	};
	// No dialog is open while the file loads: jQuery finds nothing.
	const $ = () => ({ length: 0, val: () => undefined });
	runInNewContext(scripts[0] ?? '', { RED, $ });
	return registered;
}

function values(definition: Definition | undefined): Record<string, unknown> {
	return Object.fromEntries(Object.entries(definition?.defaults ?? {}).map(([key, property]) => [key, property.value]));
}

function message(key: string): unknown {
	return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('wamedia.html', () => {
	const types = register();

	it('registers exactly the two types, with literal type names the scorecard can read', () => {
		expect([...types.keys()]).toEqual(['wamedia-connection', 'wamedia-download']);
		expect(editor).toContain("RED.nodes.registerType('wamedia-connection', {");
		expect(editor).toContain("RED.nodes.registerType('wamedia-download', {");
	});

	it('wamedia-connection: the runtime defaults and credentials', () => {
		const connection = types.get('wamedia-connection');
		expect(connection?.category).toBe('config');
		expect(values(connection)).toEqual(connectionDefaults);
		expect(connection?.credentials).toEqual(connectionCredentials);
	});

	it('wamedia-download: the runtime defaults, one input, one output, an icon that exists', () => {
		const download = types.get('wamedia-download');
		expect(values(download)).toEqual(downloadDefaults);
		expect(download?.defaults.connection).toMatchObject({ type: 'wamedia-connection', required: true });
		expect(download).toMatchObject({ category: 'network', inputs: 1, outputs: 1, icon: 'wamedia.svg' });
		expect(download?.color).toMatch(/^#[0-9A-F]{6}$/i);
		expect(existsSync(new URL(`../src/icons/${download?.icon}`, import.meta.url))).toBe(true);
	});

	it('the select options are the values the runtime accepts', () => {
		const options = (id: string) => {
			const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(editor)?.[1] ?? '';
			return [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]);
		};
		expect(options('node-input-source')).toEqual(['auto', 'reference', 'message', 'mediaUrl', 'downloadUrl']);
		expect(options('node-input-format')).toEqual(['buffer', 'base64', 'file']);
		expect(options('node-config-input-provider')).toEqual(['green-api', 'multi-session']);
	});

	it('every property has an input in its edit dialog', () => {
		for (const key of Object.keys(downloadDefaults)) expect(editor).toContain(`id="node-input-${key}"`);
		for (const key of [...Object.keys(connectionDefaults), ...Object.keys(connectionCredentials)]) {
			expect(editor).toContain(`id="node-config-input-${key}"`);
		}
	});

	it('labels read well', () => {
		const download = types.get('wamedia-download');
		const connection = types.get('wamedia-connection');
		expect(download?.label.call({ name: '' })).toBe('whatsapp media');
		expect(download?.label.call({ name: 'Save photos' })).toBe('Save photos');
		expect(connection?.label.call({ provider: 'green-api', idInstance: '7103000000' })).toBe('Green-API 7103000000');
		expect(connection?.label.call({ provider: 'multi-session', serverUrl: 'http://localhost:8080' })).toBe(
			'Multi-Session http://localhost:8080',
		);
	});

	it('a file output needs a directory', () => {
		const validate = types.get('wamedia-download')?.defaults.directory?.validate;
		expect(validate?.call({ format: 'file' }, '')).toBe(false);
		expect(validate?.call({ format: 'file' }, 'media')).toBe(true);
		expect(validate?.call({ format: 'buffer' }, '')).toBe(true);
	});
});

describe('messages and help', () => {
	it('every key the editor and the runtime use is in the catalog', () => {
		const keys = new Set([...editor.matchAll(/data-i18n="(?:\[[a-z]+\])?([\w.-]+)"/g)].map((match) => match[1] ?? ''));
		for (const format of ['buffer', 'base64', 'file']) keys.add(`wamedia-download.format.${format}`);
		keys.add('wamedia-download.label.input');
		keys.add('wamedia-download.status.downloading');
		keys.add('wamedia-download.status.no-connection');
		expect(keys.size).toBeGreaterThan(30);
		for (const key of keys) expect(typeof message(key), key).toBe('string');
	});

	it('has help for both types, opening with a one-paragraph summary', () => {
		for (const type of ['wamedia-connection', 'wamedia-download']) {
			const block = new RegExp(`<script type="text/html" data-help-name="${type}">([\\s\\S]*?)</script>`).exec(help)?.[1];
			expect(block, type).toBeDefined();
			expect(block?.trim().startsWith('<p>')).toBe(true);
		}
		const download = /data-help-name="wamedia-download">([\s\S]*?)<\/script>/.exec(help)?.[1] ?? '';
		for (const heading of ['Inputs', 'Outputs', 'Details']) expect(download).toContain(`<h3>${heading}</h3>`);
		for (const property of ['payload', 'chatId', 'idMessage', 'mediaUrl', 'downloadUrl', 'filename', 'media']) {
			expect(download).toMatch(new RegExp(`<dt( class="optional")?>${property} <span class="property-type">`));
		}
	});
});
