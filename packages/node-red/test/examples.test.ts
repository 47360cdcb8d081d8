// The example flows are importable: valid flow JSON whose wires, scopes and connections all resolve.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { downloadDefaults, syncDefaults } from '../src/defaults.js';

type FlowNode = Record<string, unknown> & { id: string; type: string; z?: string; wires?: string[][] };

const directory = new URL('../examples/', import.meta.url);
const files = readdirSync(directory).filter((file) => file.endsWith('.json'));
// Core nodes the examples may use: Node-RED's examples guideline asks for no third-party nodes.
/** The gateway an example is for, from its file name. */
function providerOf(file: string): string {
	const prefixes: Record<string, string> = { 'Multi-Session': 'multi-session', Meta: 'meta', WAHA: 'waha', Evolution: 'evolution' };
	return Object.entries(prefixes).find(([prefix]) => file.startsWith(prefix))?.[1] ?? 'green-api';
}

const coreTypes = new Set(['comment', 'http in', 'http response', 'switch', 'change', 'debug', 'catch', 'inject', 'file']);

describe('examples', () => {
	it('include a flow for each way in: each gateway’s webhook, a message id, the Green-API queue', () => {
		expect(files.sort()).toEqual([
			'Download by message id.json',
			'Evolution webhook to file.json',
			'Green-API sync to files.json',
			'Green-API webhook to file.json',
			'Meta webhook to file.json',
			'Multi-Session webhook to Buffer.json',
			'WAHA webhook to file.json',
		]);
	});

	// Imported one after the other, the examples reuse one connection per provider instead of adding a second one
	// of the same name: Node-RED's import keeps a config node whose id is already in the workspace.
	it('share one connection per provider, with the same id and settings in every file, and a name per provider', () => {
		const connections = files.flatMap((file) =>
			(JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as FlowNode[]).filter((node) => node.type === 'wamedia-connection'),
		);
		const byProvider = new Map<string, FlowNode[]>();
		for (const node of connections) byProvider.set(String(node.provider), [...(byProvider.get(String(node.provider)) ?? []), node]);
		expect([...byProvider.keys()].sort()).toEqual(['evolution', 'green-api', 'meta', 'multi-session', 'waha']);
		for (const [provider, nodes] of byProvider) {
			expect(new Set(nodes.map((node) => JSON.stringify(node))).size, provider).toBe(1);
		}
		const names = [...byProvider.values()].map((nodes) => nodes[0]?.name);
		expect(new Set(names).size).toBe(names.length);
		// No default of the node's own: an empty apiUrl is core's default.
		for (const node of connections) expect(node).toMatchObject({ apiUrl: '', idInstance: '', serverUrl: '' });
	});

	describe.each(files)('%s', (file) => {
		const flow = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as FlowNode[];
		const ids = new Set(flow.map((node) => node.id));
		const byType = (type: string) => flow.filter((node) => node.type === type);

		it('is an array of nodes with unique ids, all on one tab, of core or wamedia types', () => {
			expect(Array.isArray(flow)).toBe(true);
			expect(ids.size).toBe(flow.length);
			const tabs = new Set(flow.filter((node) => node.type !== 'wamedia-connection').map((node) => node.z));
			expect(tabs.size).toBe(1);
			for (const node of flow) expect(coreTypes.has(node.type) || node.type.startsWith('wamedia-'), node.type).toBe(true);
		});

		it('wires and Catch scopes point at nodes of the flow', () => {
			for (const node of flow) {
				for (const target of (node.wires ?? []).flat()) expect(ids.has(target), `${node.id} → ${target}`).toBe(true);
				for (const target of (node.scope as string[] | null | undefined) ?? []) expect(ids.has(target)).toBe(true);
			}
		});

		it('has a Comment, a download or sync node with every property, its connection without secrets, and a Catch', () => {
			expect(byType('comment').length).toBeGreaterThan(0);
			expect(String(byType('comment')[0]?.info).length).toBeGreaterThan(200);
			const wamedia = flow.filter((node) => node.type === 'wamedia-download' || node.type === 'wamedia-sync');
			expect(wamedia).toHaveLength(1);
			const [main] = wamedia;
			const defaults = main?.type === 'wamedia-sync' ? syncDefaults : downloadDefaults;
			expect(Object.keys(main ?? {})).toEqual(expect.arrayContaining(Object.keys(defaults)));
			const connection = flow.find((node) => node.id === main?.connection);
			expect(connection).toMatchObject({
				type: 'wamedia-connection',
				provider: providerOf(file),
			});
			expect(connection).not.toHaveProperty('credentials');
			expect(byType('catch')[0]).toMatchObject({ scope: [main?.id] });
		});
	});
});

describe('Green-API sync to files.json', () => {
	const flow = JSON.parse(readFileSync(new URL('Green-API sync to files.json', directory), 'utf8')) as FlowNode[];

	it('sorts the journal lines into saved files, files that could not be fetched, and notifications without a file', () => {
		const [sync] = flow.filter((node) => node.type === 'wamedia-sync');
		expect(sync).toMatchObject({ directory: 'whatsapp-archive' });
		const router = flow.find((node) => node.id === sync?.wires?.[0]?.[0]);
		expect(router).toMatchObject({
			type: 'switch',
			property: 'payload.success',
			rules: [{ t: 'true' }, { t: 'false' }, { t: 'else' }],
			checkall: 'false',
			outputs: 3,
		});
		const shows = (router?.wires ?? []).map((targets) => flow.find((node) => node.id === targets[0])?.complete);
		expect(shows).toEqual(['filename', 'payload.error', 'journal']);
	});
});
