// End to end on the real n8n (pinned, installed into a cache folder outside the lockfile): this package packed
// and installed where n8n installs community packages, credentials and workflows imported with n8n's CLI,
// each workflow run with `n8n execute` against the sandbox, and checked by the bytes in n8n's binary-data
// store, the codes in the run data, and the absence of every secret from n8n's output and database.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureN8n, n8nCacheDir, n8nVersion, RegistryUnavailable } from '../scripts/n8n-install.ts';
import { type CredentialFile, type Execution, N8nInstance, packageRoot, packPackage, type WorkflowFile } from '../scripts/n8n-instance.ts';

const nodeType = 'n8n-nodes-wamedia.wamedia';
const credentialIds: Record<string, string> = {
	wamediaGreenApi: 'wamediaGreenApi1',
	wamediaMultiSessionApi: 'wamediaMultiSess',
	wamediaMetaCloudApi: 'wamediaMetaCloud',
	wamediaWahaApi: 'wamediaWahaApi01',
	wamediaEvolutionApi: 'wamediaEvolution',
};
const wrongCredentialId = 'wamediaWrongKey1';
const wrongKey = 'wams_wrong-key-e2e';
const credentialOf: Record<string, string> = {
	greenApi: 'wamediaGreenApi',
	multiSession: 'wamediaMultiSessionApi',
	meta: 'wamediaMetaCloudApi',
	waha: 'wamediaWahaApi',
	evolution: 'wamediaEvolutionApi',
};

/** A workflow: Manual Trigger → (a Set node giving `input` as the item) → the wamedia node with `parameters`. */
function workflow(
	id: string,
	parameters: Record<string, unknown>,
	options: { input?: unknown; onError?: string; credentialId?: string } = {},
): WorkflowFile {
	const credential = credentialOf[String(parameters.provider)] ?? '';
	const nodes: Array<Record<string, unknown>> = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-media`,
			name: 'WhatsApp Media',
			type: nodeType,
			typeVersion: 1,
			position: [440, 0],
			parameters,
			credentials: { [credential]: { id: options.credentialId ?? credentialIds[credential], name: `${credential} sandbox` } },
			...(options.onError === undefined ? {} : { onError: options.onError }),
		},
	];
	const connections: Record<string, unknown> = {};
	if (options.input === undefined) {
		connections.Start = { main: [[{ node: 'WhatsApp Media', type: 'main', index: 0 }]] };
	} else {
		nodes.push({
			id: `${id}-input`,
			name: 'Webhook Body',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(options.input), options: {} },
		});
		connections.Start = { main: [[{ node: 'Webhook Body', type: 'main', index: 0 }]] };
		connections['Webhook Body'] = { main: [[{ node: 'WhatsApp Media', type: 'main', index: 0 }]] };
	}
	return { id, name: id, nodes, connections, active: false, settings: { executionOrder: 'v1' } };
}

let sandbox: Sandbox;
let n8n: N8nInstance | undefined;
let skipReason: string | undefined;
const executions = new Map<string, Execution>();
const outputs: string[] = [];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function workflows(): WorkflowFile[] {
	// With a Multi-Session credential whose key the server refuses.
	const wrong = (id: string, onError?: string) =>
		workflow(
			id,
			{ provider: 'multiSession', source: 'mediaUrl', mediaUrl: sandbox.multiSessionPath('image') },
			{ credentialId: wrongCredentialId, ...(onError === undefined ? {} : { onError }) },
		);
	return [
		workflow('seedCase', {
			provider: 'multiSession',
			source: 'mediaUrl',
			sessionId: 'session-1',
			phoneNumber: '6281234567890',
			mediaUrl: sandbox.multiSessionPath('video'),
			outputFormat: 'file',
			binaryPropertyName: 'media',
		}),
		workflow('base64', {
			provider: 'greenApi',
			source: 'messageId',
			chatId: sandbox.chatId,
			idMessage: sandbox.media.get('image').idMessage,
		}),
		workflow(
			'greenWebhook',
			{ provider: 'greenApi', source: 'webhook', outputFormat: 'binary' },
			{ input: sandbox.webhooks.greenApi('document') },
		),
		workflow(
			'expiredLink',
			{ provider: 'greenApi', source: 'webhook', outputFormat: 'file' },
			{ input: sandbox.webhooks.greenApi('voice', { expired: true }) },
		),
		workflow('metaMediaId', { provider: 'meta', source: 'mediaId', mediaId: sandbox.meta.mediaId('png'), outputFormat: 'binary' }),
		workflow('wahaWebhook', { provider: 'waha', source: 'webhook', outputFormat: 'file' }, { input: sandbox.webhooks.waha('sticker') }),
		workflow(
			'evolutionWebhook',
			{ provider: 'evolution', source: 'webhook', outputFormat: 'file', binaryPropertyName: 'file' },
			{ input: sandbox.webhooks.evolution('image') },
		),
		wrong('authFailedStops'),
		wrong('authFailedContinues', 'continueRegularOutput'),
	];
}

/** Each example of the package, which gateway's webhook it takes, the media sent and the field it lands in. */
const examples: Array<[file: string, body: (sandbox: Sandbox) => unknown, media: string, field: string]> = [
	['Green-API webhook to binary.json', (box) => box.webhooks.greenApi('image'), 'image', 'data'],
	['Multi-Session media URL to file.json', (box) => box.webhooks.multiSession('document'), 'document', 'media'],
	['Meta webhook to binary.json', (box) => box.webhooks.meta(['voice']), 'voice', 'data'],
	['WAHA webhook to file.json', (box) => box.webhooks.waha('video'), 'video', 'data'],
	['Evolution webhook to base64.json', (box) => box.webhooks.evolution('sticker'), 'sticker', ''],
];

/**
 * An example workflow made runnable from the CLI: its Webhook trigger becomes a Set node of the same name that
 * gives what n8n's Webhook node would (`{body}`), behind a Manual Trigger, and its credentials the imported ones.
 */
async function exampleWorkflow(file: string, id: string, body: unknown): Promise<WorkflowFile> {
	const example = JSON.parse(await readFile(join(packageRoot, 'examples', file), 'utf8')) as WorkflowFile;
	const nodes = example.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.webhook') {
			return {
				...node,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ body }), options: {} },
			};
		}
		const credential = Object.keys((node.credentials as Record<string, unknown> | undefined) ?? {})[0];
		return credential === undefined
			? node
			: { ...node, credentials: { [credential]: { id: credentialIds[credential], name: `${credential} sandbox` } } };
	});
	const trigger = nodes.find((node) => node.type === 'n8n-nodes-base.set');
	nodes.push({
		id: `${id}-start`,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [-220, 0],
		parameters: {},
	});
	const connections = { ...example.connections, Start: { main: [[{ node: trigger?.name, type: 'main', index: 0 }]] } };
	return { ...example, id, name: `${example.name} (e2e)`, nodes, connections, active: false };
}

/** The sandbox's credentials, and a Multi-Session one with a key the server refuses. */
function credentials(): CredentialFile[] {
	const data: Record<string, Record<string, unknown>> = {
		wamediaGreenApi: { ...sandbox.greenApi },
		wamediaMultiSessionApi: { serverUrl: sandbox.multiSession.serverUrl, apiKey: sandbox.multiSession.apiKey },
		wamediaMetaCloudApi: { accessToken: sandbox.meta.accessToken, graphUrl: sandbox.meta.graphUrl, apiVersion: sandbox.meta.apiVersion },
		wamediaWahaApi: { serverUrl: sandbox.waha.serverUrl, apiKey: sandbox.waha.apiKey, session: 'default' },
		wamediaEvolutionApi: { serverUrl: sandbox.evolution.serverUrl, apiKey: sandbox.evolution.apiKey, instance: sandbox.evolution.instance },
	};
	const wrong: CredentialFile = {
		id: wrongCredentialId,
		name: 'wrong key',
		type: 'wamediaMultiSessionApi',
		data: { serverUrl: sandbox.multiSession.serverUrl, apiKey: wrongKey },
	};
	return [
		...Object.entries(data).map(([type, values]) => ({ id: credentialIds[type] ?? type, name: `${type} sandbox`, type, data: values })),
		wrong,
	];
}

/**
 * Many workflows as one, so that a single `n8n execute` (each start of the CLI costs seconds) runs them all:
 * every node is renamed `<workflow id>: <name>`, and one Manual Trigger feeds what each workflow's trigger fed.
 */
function combine(id: string, parts: WorkflowFile[]): WorkflowFile {
	const nodes: Array<Record<string, unknown>> = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const starts: unknown[] = [];
	const connections: Record<string, { main: Array<Array<{ node: string }>> }> = {};
	for (const [row, part] of parts.entries()) {
		const renamed = (name: string) => `${part.id}: ${name}`;
		for (const node of part.nodes) {
			if (node.type === 'n8n-nodes-base.manualTrigger') continue;
			const [x = 0] = (node.position as number[] | undefined) ?? [];
			nodes.push({ ...node, id: `${part.id}-${String(node.id)}`, name: renamed(String(node.name)), position: [x + 220, row * 200] });
		}
		const triggers = new Set(part.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger').map((node) => node.name));
		for (const [source, value] of Object.entries(part.connections as Record<string, { main: Array<Array<{ node: string }>> }>)) {
			const main = value.main.map((outputs) => outputs.map((target) => ({ ...target, node: renamed(target.node) })));
			if (triggers.has(source)) starts.push(...(main[0] ?? []));
			else connections[renamed(source)] = { main };
		}
	}
	return {
		id,
		name: id,
		nodes,
		connections: { ...connections, Start: { main: [starts] } },
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	let bin: string;
	try {
		bin = await ensureN8n((line) => console.log(line));
	} catch (error) {
		if (!(error instanceof RegistryUnavailable)) throw error;
		skipReason = `n8n ${n8nVersion} could not be installed into ${n8nCacheDir()} from the npm registry: ${error.message}`;
		console.warn(`Skipping the n8n end-to-end test: ${skipReason}`);
		return;
	}
	if (!existsSync(join(packageRoot, 'dist', 'nodes', 'Wamedia', 'Wamedia.node.js'))) throw new Error('Build the package first: pnpm build');
	sandbox = await startSandbox();
	n8n = await N8nInstance.create(bin);
	const packDir = await mkdtemp(join(tmpdir(), 'wamedia-n8n-pack-'));
	try {
		await n8n.installPackage(await packPackage(packDir));
	} finally {
		await rm(packDir, { recursive: true, force: true });
	}
	await n8n.importCredentials(credentials());
	const cases = workflows();
	for (const [index, [file, body]] of examples.entries()) cases.push(await exampleWorkflow(file, `example${index}`, body(sandbox)));
	// AUTH_FAILED without Continue On Fail stops its run: it runs alone.
	const stops = cases.filter((flow) => flow.id === 'authFailedStops');
	await n8n.importWorkflows([
		combine(
			'allCases',
			cases.filter((flow) => flow.id !== 'authFailedStops'),
		),
		...stops,
	]);
	for (const id of ['allCases', 'authFailedStops']) {
		const execution = await n8n.execute(id);
		executions.set(id, execution);
		outputs.push(execution.output);
	}
}, 1_800_000);

afterAll(async () => {
	await n8n?.remove();
	await sandbox?.close();
});

/** The wamedia node's output items of a workflow's run. */
/** An output item as n8n's run data holds it. */
interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, { id?: string; data?: string }>;
	pairedItem?: unknown;
}

function itemsOf(id: string): RunItem[] {
	const execution = executions.get('allCases');
	if (execution === undefined) throw new Error('the workflows did not run');
	const items = execution.nodes[`${id}: WhatsApp Media`];
	if (items === undefined) throw new Error(`no run data for ${id}:\n${execution.output.slice(-3000)}`);
	return items as unknown as RunItem[];
}

/** The bytes of a binary field of an output item, read from n8n's binary-data store. */
async function binaryOf(item: RunItem | undefined, field: string): Promise<Buffer> {
	const binary = item?.binary?.[field];
	if (binary === undefined) throw new Error(`no binary field ${field}: ${JSON.stringify(Object.keys(item?.binary ?? {}))}`);
	if (binary.id === undefined) return Buffer.from(String(binary.data), 'base64');
	return (n8n as N8nInstance).binaryBytes(binary.id);
}

describe(`n8n ${n8nVersion} with the packed package`, () => {
	it('loads the node and downloads a Multi-Session media URL to a file in the named binary field (the seed’s case)', async (context) => {
		if (skipReason !== undefined) context.skip(skipReason);
		const [item] = itemsOf('seedCase');
		const media = sandbox.media.get('video');
		expect(item?.json).toMatchObject({ success: true, sha256: media.sha256, size: media.size, format: 'file', sessionId: 'session-1' });
		expect(Object.keys(item?.binary ?? {})).toEqual(['media']);
		expect(sha256(await binaryOf(item, 'media'))).toBe(media.sha256);
		expect(item?.pairedItem).toEqual({ item: 0 });
	});

	it('base64 by Green-API message id', (context) => {
		if (skipReason !== undefined) context.skip(skipReason);
		const json = itemsOf('base64')[0]?.json as Record<string, unknown>;
		expect(sha256(Buffer.from(String(json.data), 'base64'))).toBe(sandbox.media.get('image').sha256);
	});

	it.for([
		['greenWebhook', 'document', 'data'],
		['expiredLink', 'voice', 'data'],
		['metaMediaId', 'png', 'data'],
		['wahaWebhook', 'sticker', 'data'],
		['evolutionWebhook', 'image', 'file'],
	] as const)('%s: the bytes of %s in binary field %s', async ([id, mediaId, field], context) => {
		if (skipReason !== undefined) context.skip(skipReason);
		const [item] = itemsOf(id);
		expect(item?.json).toMatchObject({ success: true, sha256: sandbox.media.get(mediaId).sha256 });
		expect(sha256(await binaryOf(item, field))).toBe(sandbox.media.get(mediaId).sha256);
	});

	it.for(examples.map(([file, , media, field], index) => [file, index, media, field] as const))(
		'example "%s" runs on n8n',
		async ([, index, media, field], context) => {
			if (skipReason !== undefined) context.skip(skipReason);
			const [item] = itemsOf(`example${index}`);
			const expected = sandbox.media.get(media).sha256;
			expect(item?.json).toMatchObject({ success: true, sha256: expected });
			const bytes = field === '' ? Buffer.from(String(item?.json.data), 'base64') : await binaryOf(item, field);
			expect(sha256(bytes)).toBe(expected);
		},
	);

	it('AUTH_FAILED stops the run, naming the code and the hint', (context) => {
		if (skipReason !== undefined) context.skip(skipReason);
		const execution = executions.get('authFailedStops') as Execution;
		expect(execution.exitCode).not.toBe(0);
		expect(execution.output).toContain('AUTH_FAILED');
	});

	it('AUTH_FAILED with Continue On Fail is an item {success: false, error: {code: AUTH_FAILED, …}}', (context) => {
		if (skipReason !== undefined) context.skip(skipReason);
		const [item] = itemsOf('authFailedContinues');
		expect(item?.json).toMatchObject({ success: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false } });
		expect(String((item?.json.error as { hint?: string } | undefined)?.hint).length).toBeGreaterThan(10);
	});

	it('no secret in n8n’s output, its database or its binary-data store', async (context) => {
		if (skipReason !== undefined) context.skip(skipReason);
		const instance = n8n as N8nInstance;
		const database = await readFile(join(instance.userFolder, '.n8n', 'database.sqlite'));
		const stored = existsSync(instance.binaryStore)
			? await readdir(instance.binaryStore, { recursive: true }).then((names) => names.join('\n'))
			: '';
		const secrets = [
			sandbox.greenApi.apiTokenInstance,
			sandbox.multiSession.apiKey,
			wrongKey,
			sandbox.meta.accessToken,
			sandbox.waha.apiKey,
			sandbox.evolution.apiKey,
		];
		for (const secret of secrets) {
			for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
				expect(outputs.join('\n')).not.toContain(form);
				expect(database.includes(Buffer.from(form))).toBe(false);
				expect(stored).not.toContain(form);
			}
		}
	});
});
