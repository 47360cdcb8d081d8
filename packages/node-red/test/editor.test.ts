// The editor file registers the node types with the defaults the runtime expects, and its texts exist.
import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { readSettings } from '@wamedia/core/inputs';
import { describe, expect, it } from 'vitest';
import { connectionCredentials, connectionDefaults, downloadDefaults, syncDefaults } from '../src/defaults.js';

const source = (path: string) => readFileSync(new URL(`../src/${path}`, import.meta.url), 'utf8');
const editor = source('wamedia.html');
const help = source('locales/en-US/wamedia.html');
const messages = JSON.parse(source('locales/en-US/wamedia.json')) as Record<string, unknown>;

interface Definition {
	oneditprepare?: () => void;
	category: string;
	defaults: Record<string, { value: unknown; required?: boolean; type?: string; validate?: (value: unknown) => boolean }>;
	paletteLabel?: string;
	credentials?: Record<string, { type: string }>;
	inputs?: number;
	outputs?: number;
	icon?: string;
	color?: string;
	label: (this: Record<string, unknown>) => string;
	outputLabels?: (this: Record<string, unknown>) => string;
}

/** One `.form-row` or `.form-tips` of an edit dialog, with the inputs and the texts inside it. */
interface DialogRow {
	classes: string[];
	inputs: string[];
	texts: string[];
	visible: boolean;
}

/** An edit dialog built from the editor's template, for the small part of jQuery the dialogs use. */
class Dialog {
	readonly rows: DialogRow[];
	readonly values = new Map<string, string>();
	readonly #handlers = new Map<string, Array<(event: { target: string }) => void>>();

	constructor(type: string) {
		const template = new RegExp(`<script type="text/html" data-template-name="${type}">([\\s\\S]*?)</script>`).exec(editor)?.[1] ?? '';
		this.rows = [...template.matchAll(/<div class="([^"]*)"([^>]*)>([\s\S]*?)<\/div>/g)].map((match) => ({
			classes: (match[1] ?? '').split(/\s+/),
			inputs: [...(match[3] ?? '').matchAll(/<(?:input|select)[^>]*\bid="([^"]+)"/g)].map((input) => input[1] ?? ''),
			// A row's label (a span) or a tip's own text; not the options of a select or a placeholder.
			texts: [...`${match[2]}${match[3]}`.matchAll(/(?:<span |^\s*)data-i18n="(?:\[html\])?([\w.-]+)"/g)].map((key) =>
				String(message(key[1] ?? '')),
			),
			visible: true,
		}));
	}

	/** `$(selector)`: '#id' finds an input, '.class' the rows with that class; `$(event.target)` its input again. */
	readonly $ = (selector: string) => {
		const id = selector.replace(/^#/, '');
		const rows = selector.startsWith('.') ? this.rows.filter((row) => row.classes.includes(selector.slice(1))) : [];
		const found = {
			length: selector.startsWith('.') ? rows.length : Number(this.rows.some((row) => row.inputs.includes(id))),
			val: () => this.values.get(id),
			toggle: (visible: boolean) => {
				for (const row of rows) row.visible = visible;
				return found;
			},
			show: () => found.toggle(true),
			hide: () => found.toggle(false),
			typedInput: () => found,
			on: (event: string, handler: (event: { target: string }) => void) => {
				this.#handlers.set(`${id} ${event}`, [...(this.#handlers.get(`${id} ${event}`) ?? []), handler]);
				return found;
			},
			trigger: (event: string) => {
				for (const handler of this.#handlers.get(`${id} ${event}`) ?? []) handler({ target: selector });
				return found;
			},
		};
		return found;
	};

	/** Chooses a value in a select, as the user does, and lets the dialog react. */
	choose(id: string, value: string): void {
		this.values.set(id, value);
		this.$(`#${id}`).trigger('change');
	}

	/** The texts (labels and tips) of the rows on screen. */
	shown(): string[] {
		return this.rows.filter((row) => row.visible).flatMap((row) => row.texts);
	}

	/** The inputs on screen. */
	inputs(): string[] {
		return this.rows.filter((row) => row.visible).flatMap((row) => row.inputs);
	}
}

/** The `$` the editor's script sees: no dialog while the file loads, then the one opened. */
let dialog: Dialog | undefined;
/** The config nodes of the workspace, for `RED.nodes.node(id)`. */
const workspace = new Map<string, Record<string, unknown>>();

/** Runs the editor's script block against a stub RED, as the editor would, and returns what it registered. */
function register(): Map<string, Definition> {
	const scripts = [...editor.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
	expect(scripts).toHaveLength(1);
	const registered = new Map<string, Definition>();
	const validator = () => () => true;
	const RED = {
		nodes: {
			registerType: (type: string, definition: Definition) => registered.set(type, definition),
			node: (id: string) => workspace.get(id),
		},
		validators: { number: validator, typedInput: validator, regex: validator },
	};
	const $ = (selector: string) => dialog?.$(selector) ?? { length: 0, val: () => undefined };
	runInNewContext(scripts[0] ?? '', { RED, $ });
	return registered;
}

/** Opens the edit dialog of a type with its properties set, as the editor does before oneditprepare. */
function openDialog(definition: Definition | undefined, type: string, values: Record<string, string>): Dialog {
	dialog = new Dialog(type);
	for (const [key, value] of Object.entries(values)) dialog.values.set(`node-config-input-${key}`, value);
	definition?.oneditprepare?.();
	return dialog;
}

function values(definition: Definition | undefined): Record<string, unknown> {
	return Object.fromEntries(Object.entries(definition?.defaults ?? {}).map(([key, property]) => [key, property.value]));
}

function message(key: string): unknown {
	return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('wamedia.html', () => {
	const types = register();

	it('registers exactly the three types, with literal type names the scorecard can read', () => {
		expect([...types.keys()]).toEqual(['wamedia-connection', 'wamedia-download', 'wamedia-sync']);
		expect(editor).toContain("RED.nodes.registerType('wamedia-connection', {");
		expect(editor).toContain("RED.nodes.registerType('wamedia-download', {");
		expect(editor).toContain("RED.nodes.registerType('wamedia-sync', {");
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

	it('wamedia-sync: the runtime defaults, no input (it runs while deployed), one output, its own palette label', () => {
		const sync = types.get('wamedia-sync');
		expect(values(sync)).toEqual(syncDefaults);
		expect(sync?.defaults.connection).toMatchObject({ type: 'wamedia-connection', required: true });
		expect(sync?.defaults.directory).toMatchObject({ required: true });
		expect(sync).toMatchObject({ category: 'network', inputs: 0, outputs: 1, icon: 'wamedia.svg', paletteLabel: 'whatsapp sync' });
		expect(sync?.color).toBe(types.get('wamedia-download')?.color);
		expect(sync?.label.call({ name: '' })).toBe('whatsapp sync');
		expect(sync?.label.call({ name: 'Archive' })).toBe('Archive');
		expect(sync?.outputLabels?.call({ _: (key: string) => message(key) })).toBe('one message per journal line');
	});

	it('wamedia-sync: Green-API only, in the dialog and in the check of its connection', () => {
		const view = openDialog(types.get('wamedia-sync'), 'wamedia-sync', {});
		const ids = view.inputs().map((id) => id.replace('node-input-', ''));
		expect(ids.sort()).toEqual(Object.keys(syncDefaults).sort());
		const tip = view.shown().filter((text) => text.length > 60);
		expect(tip).toHaveLength(1);
		expect(tip[0]).toMatch(/^Green-API only: choose a Green-API connection\./);
		expect(tip[0]).toContain('webhookUrl must be empty');
		const validate = types.get('wamedia-sync')?.defaults.connection?.validate;
		workspace.set('green', { provider: 'green-api' });
		workspace.set('multi', { provider: 'multi-session' });
		expect(validate?.('green')).toBe(true);
		expect(validate?.('multi')).toBe(false);
		// A connection not loaded yet is left to the required check.
		expect(validate?.('unknown')).toBe(true);
	});

	it('the select options are the values the runtime accepts', () => {
		const options = (id: string) => {
			const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(editor)?.[1] ?? '';
			return [...select.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]);
		};
		expect(options('node-input-source')).toEqual(['auto', 'reference', 'message', 'mediaUrl', 'downloadUrl', 'mediaId']);
		expect(options('node-input-format')).toEqual(['buffer', 'base64', 'file']);
		expect(options('node-config-input-provider')).toEqual(['green-api', 'multi-session', 'meta', 'waha', 'evolution']);
		// Each provider the editor offers is one core accepts.
		for (const provider of options('node-config-input-provider')) expect(() => readSettings({ provider })).not.toThrow();
	});

	it('every property has an input in its edit dialog', () => {
		for (const key of Object.keys(downloadDefaults)) expect(editor).toContain(`id="node-input-${key}"`);
		const sync = /data-template-name="wamedia-sync">([\s\S]*?)<\/script>/.exec(editor)?.[1] ?? '';
		for (const key of Object.keys(syncDefaults)) expect(sync).toContain(`id="node-input-${key}"`);
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
		expect(connection?.label.call({ provider: 'meta', phoneNumberId: '106540352242922' })).toBe('Meta 106540352242922');
		expect(connection?.label.call({ provider: 'meta' })).toBe('Meta Cloud API');
		expect(connection?.label.call({ provider: 'waha', serverUrl: 'http://localhost:3000' })).toBe('WAHA http://localhost:3000');
		expect(connection?.label.call({ provider: 'evolution', instance: 'shop1' })).toBe('Evolution shop1');
	});

	it('wamedia-connection: the tip, labels and fields follow the chosen provider', () => {
		const connection = types.get('wamedia-connection');
		const green = {
			shown: ['Name', 'Provider', 'apiUrl', 'idInstance', 'apiTokenInstance', 'Allow links to private and loopback addresses'],
			inputs: ['name', 'provider', 'apiUrl', 'idInstance', 'apiTokenInstance', 'allowPrivateNetwork'],
		};
		const multi = {
			shown: ['Name', 'Provider', 'Server URL', 'API key', 'Allow links to private and loopback addresses'],
			inputs: ['name', 'provider', 'serverUrl', 'apiKey', 'allowPrivateNetwork'],
		};
		const tip = (view: Dialog) => view.shown().filter((text) => text.length > 60);
		const ids = (view: Dialog) => view.inputs().map((id) => id.replace('node-config-input-', ''));

		const view = openDialog(connection, 'wamedia-connection', { provider: 'green-api' });
		expect(tip(view)).toHaveLength(1);
		expect(tip(view)[0]).toMatch(/^Copy idInstance and apiTokenInstance from the Green-API console/);
		expect(view.shown().filter((text) => text.length <= 60)).toEqual(green.shown);
		expect(ids(view)).toEqual(green.inputs);

		view.choose('node-config-input-provider', 'multi-session');
		expect(tip(view)).toHaveLength(1);
		expect(tip(view)[0]).toMatch(/WhatsApp Multi-Session server and its API key/);
		expect(tip(view)[0]).not.toContain('Green-API');
		expect(view.shown().filter((text) => text.length <= 60)).toEqual(multi.shown);
		expect(ids(view)).toEqual(multi.inputs);

		view.choose('node-config-input-provider', 'green-api');
		expect(ids(view)).toEqual(green.inputs);
		// A saved Multi-Session connection opens with its own tip.
		expect(tip(openDialog(connection, 'wamedia-connection', { provider: 'multi-session' }))[0]).toMatch(/Multi-Session/);
	});

	it.each([
		[
			'meta',
			[
				'Name',
				'Provider',
				'Access token',
				'Graph API URL',
				'API version',
				'Phone number id',
				'Allow links to private and loopback addresses',
			],
			['name', 'provider', 'accessToken', 'graphUrl', 'apiVersion', 'phoneNumberId', 'allowPrivateNetwork'],
			/^Enter the access token of your WhatsApp Business account.*Bearer token to the Graph API/,
		],
		[
			'waha',
			['Name', 'Provider', 'Server URL', 'API key', 'Session', 'Allow links to private and loopback addresses'],
			['name', 'provider', 'serverUrl', 'apiKey', 'session', 'allowPrivateNetwork'],
			/^Enter the URL of your WAHA server.*<code>X-Api-Key<\/code> to that server only/,
		],
		[
			'evolution',
			['Name', 'Provider', 'Server URL', 'API key', 'Instance', 'Allow links to private and loopback addresses'],
			['name', 'provider', 'serverUrl', 'apiKey', 'instance', 'allowPrivateNetwork'],
			/^Enter the URL of your Evolution API server.*<code>apikey<\/code> header to that server only/,
		],
	])('wamedia-connection: %s shows its own fields, labels and tip, and none of the others', (provider, shown, inputs, tipText) => {
		const connection = types.get('wamedia-connection');
		const tip = (view: Dialog) => view.shown().filter((text) => text.length > 60);
		const ids = (view: Dialog) => view.inputs().map((id) => id.replace('node-config-input-', ''));
		// Chosen in the dialog, and opened as saved: the same rows.
		const chosen = openDialog(connection, 'wamedia-connection', { provider: 'green-api' });
		chosen.choose('node-config-input-provider', provider);
		const saved = openDialog(connection, 'wamedia-connection', { provider });
		for (const view of [chosen, saved]) {
			expect(view.shown().filter((text) => text.length <= 60)).toEqual(shown);
			expect(ids(view)).toEqual(inputs);
			expect(tip(view)).toHaveLength(1);
			expect(tip(view)[0]).toMatch(tipText);
			expect(tip(view)[0]).toMatch(/stored as a credential and left out of exports/);
		}
		// The secret fields are password inputs, and credentials of the node.
		const secret = provider === 'meta' ? 'accessToken' : 'apiKey';
		expect(editor).toMatch(new RegExp(`<input type="password" id="node-config-input-${secret}">`));
		expect(connection?.credentials?.[secret]).toEqual({ type: 'password' });
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
		keys.add('wamedia-sync.label.output');
		keys.add('wamedia-sync.status.no-connection');
		expect(keys.size).toBeGreaterThan(30);
		for (const key of keys) expect(typeof message(key), key).toBe('string');
	});

	it('has help for every type, opening with a one-paragraph summary', () => {
		for (const type of ['wamedia-connection', 'wamedia-download', 'wamedia-sync']) {
			const block = new RegExp(`<script type="text/html" data-help-name="${type}">([\\s\\S]*?)</script>`).exec(help)?.[1];
			expect(block, type).toBeDefined();
			expect(block?.trim().startsWith('<p>')).toBe(true);
		}
		const download = /data-help-name="wamedia-download">([\s\S]*?)<\/script>/.exec(help)?.[1] ?? '';
		for (const heading of ['Inputs', 'Outputs', 'Details']) expect(download).toContain(`<h3>${heading}</h3>`);
		for (const property of ['payload', 'chatId', 'idMessage', 'mediaUrl', 'downloadUrl', 'filename', 'media']) {
			expect(download).toMatch(new RegExp(`<dt( class="optional")?>${property} <span class="property-type">`));
		}
		const sync = /data-help-name="wamedia-sync">([\s\S]*?)<\/script>/.exec(help)?.[1] ?? '';
		for (const heading of ['Outputs', 'Details']) expect(sync).toContain(`<h3>${heading}</h3>`);
		expect(sync).not.toContain('<h3>Inputs</h3>');
		for (const property of ['payload', 'journal', 'filename']) {
			expect(sync).toMatch(new RegExp(`<dt( class="optional")?>${property} <span class="property-type">`));
		}
		expect(sync).toContain('Green-API only');
	});
});
