// End to end: a real Node-RED 5 and 4, each a child process with a temporary user directory where the built
// package is installed as npm would; the example flows deployed through the admin API against the sandbox;
// driven through http in and POST /inject/:id; checked by the bytes that come out and the runtime's own
// messages on the editor's websocket (/comms).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatBytes } from '@wamedia/core';
import { type Sandbox, specialMessages, startSandbox } from '@wamedia/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	type Comms,
	connectComms,
	deploy,
	type FlowNode,
	freePort,
	installPackage,
	type NodeRed,
	type NodeRedPackage,
	nodeRedVersion,
	onTab,
	packageRoot,
	readExample,
	startNodeRed,
	uniqueNodes,
	writeSettings,
} from '../scripts/node-red-runner.ts';

// Ids in the example files.
const webhookExample = { saveMedia: '6d8f0a2c4e1b3957', saved: '9a1c3e5f7b2d4068' };
const idExample = { inject: '4f6a8c0e2b4d6f81', download: '8c0e2a4b6d8f1a39', media: '2a4c6e8f0b1d3f57', errorCode: 'a0c2e4f6b8d13e5a' };
const multiSessionExample = { download: '4d6f8a0c2e1b3579', media: '6f8a0c2e4b1d3579' };
const syncExample = { sync: '5e9a3c7f1d2b4068', archived: '2f4b6d8a0c1e3579', other: '4b6d8f0a2c1e3957' };

/** A test-only tab: http in → download (Buffer) → http response, and an inject whose message has no file, caught. */
function testTab(connection: string, sandbox: Sandbox): FlowNode[] {
	const z = 'e2e0000000000001';
	return [
		{ id: z, type: 'tab', label: 'e2e', disabled: false, info: '' },
		{ id: 'e2e-in', type: 'http in', z, url: '/e2e/bytes', method: 'post', upload: false, swaggerDoc: '', wires: [['e2e-download']] },
		{ id: 'e2e-download', type: 'wamedia-download', z, connection, format: 'buffer', wires: [['e2e-response']] },
		{ id: 'e2e-response', type: 'http response', z, statusCode: '', headers: {}, wires: [] },
		{
			id: 'e2e-inject',
			type: 'inject',
			z,
			props: [
				{ p: 'chatId', v: sandbox.chatId, vt: 'str' },
				{ p: 'idMessage', v: specialMessages.noMedia, vt: 'str' },
			],
			repeat: '',
			once: false,
			wires: [['e2e-failing']],
		},
		{ id: 'e2e-failing', type: 'wamedia-download', z, connection, format: 'buffer', wires: [[]] },
		{ id: 'e2e-catch', type: 'catch', z, scope: ['e2e-failing'], uncaught: false, wires: [['e2e-error']] },
		{ id: 'e2e-error', type: 'debug', z, active: true, tosidebar: true, complete: 'error', targetType: 'msg', wires: [] },
	];
}

function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

let sandbox: Sandbox;

beforeAll(async () => {
	if (!existsSync(join(packageRoot, 'dist', 'wamedia.js'))) throw new Error('Build the package first: pnpm build');
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox?.close();
});

describe.each<NodeRedPackage>(['node-red', 'node-red-4'])('%s', (name) => {
	let userDir: string;
	let nodeRed: NodeRed | undefined;
	let comms: Comms | undefined;

	beforeAll(async () => {
		userDir = await mkdtemp(join(tmpdir(), 'wamedia-e2e-'));
		await installPackage(userDir);
		const port = await freePort();
		await writeSettings(userDir, port);
		nodeRed = await startNodeRed(name, userDir, port);
		comms = await connectComms(nodeRed.url);
	}, 60_000);

	afterAll(async () => {
		comms?.close();
		await nodeRed?.stop();
		await rm(userDir, { recursive: true, force: true });
	}, 30_000);

	it('runs the expected major version', async () => {
		expect((await nodeRedVersion(name)).split('.')[0]).toBe(name === 'node-red' ? '5' : '4');
	});

	it('loads the node types from the installed package', async () => {
		const response = await fetch(`${nodeRed?.url}/nodes`, { headers: { accept: 'application/json' } });
		const sets = (await response.json()) as Array<{ id: string; module: string; types: string[]; enabled: boolean; err?: string }>;
		const ours = sets.filter((set) => set.module === '@wamedia/node-red');
		expect(ours).toHaveLength(1);
		expect(ours[0]).toMatchObject({
			id: '@wamedia/node-red/wamedia',
			types: ['wamedia-connection', 'wamedia-download', 'wamedia-sync'],
			enabled: true,
		});
		expect(ours[0]?.err).toBeUndefined();
		const editor = await (await fetch(`${nodeRed?.url}/nodes`, { headers: { accept: 'text/html' } })).text();
		expect(editor).toContain("RED.nodes.registerType('wamedia-download'");
		expect(editor).toContain('data-help-name="wamedia-download"');
		expect(editor).toContain("RED.nodes.registerType('wamedia-sync'");
		expect(editor).toContain('data-help-name="wamedia-sync"');
	});

	it('deploys the example flows and a test tab through the admin API', async () => {
		const webhook = onTab(await readExample('Green-API webhook to file.json'), { id: 'tab0000000000001', label: 'webhook' }, sandbox);
		const byId = onTab(await readExample('Download by message id.json'), { id: 'tab0000000000002', label: 'by id' }, sandbox, {
			[idExample.inject]: {
				props: [
					{ p: 'chatId', v: sandbox.chatId, vt: 'str' },
					{ p: 'idMessage', v: sandbox.media.get('document').idMessage, vt: 'str' },
				],
			},
		});
		const multiSession = onTab(await readExample('Multi-Session webhook to Buffer.json'), { id: 'tab0000000000003', label: 'ms' }, sandbox);
		const sync = onTab(await readExample('Green-API sync to files.json'), { id: 'tab0000000000004', label: 'sync' }, sandbox);
		const connection = byId.find((node) => node.type === 'wamedia-connection')?.id ?? '';
		const flow = uniqueNodes([...webhook, ...byId, ...multiSession, ...sync, ...testTab(connection, sandbox)]);
		const revision = await deploy(nodeRed?.url ?? '', flow);
		// The admin API answers before the new flows have started; the runtime announces when they have.
		await comms?.next((event) => event.topic === 'notification/runtime-deploy' && event.data.revision === revision);
		const flows = (await (await fetch(`${nodeRed?.url}/flows`)).json()) as FlowNode[];
		expect(flows.filter((node) => node.type === 'wamedia-download')).toHaveLength(5);
		expect(flows.filter((node) => node.type === 'wamedia-sync')).toHaveLength(1);
		// The examples share one connection per provider, each with its own name.
		const connections = flows.filter((node) => node.type === 'wamedia-connection');
		expect(connections.map((node) => [node.provider, node.name]).sort()).toEqual([
			['green-api', 'Sandbox Green-API'],
			['multi-session', 'Sandbox Multi-Session'],
		]);
		// Credentials are stored apart from the flow and never sent back.
		expect(JSON.stringify(flows)).not.toContain(sandbox.greenApi.apiTokenInstance);
		expect(JSON.stringify(flows)).not.toContain(sandbox.multiSession.apiKey);
	});

	it('example "Green-API webhook to file": a webhook posted to http in becomes a file', async () => {
		const response = await fetch(`${nodeRed?.url}/green-api/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(sandbox.webhooks.greenApi('image')),
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('');
		const debug = await comms?.next((event) => event.topic === 'debug' && event.data.id === webhookExample.saved);
		const media = JSON.parse(String(debug?.data.msg)) as { path: string; sha256: string; size: number };
		const image = sandbox.media.get('image');
		expect(media).toMatchObject({ sha256: image.sha256, size: image.size });
		expect(dirname(media.path)).toBe(join(userDir, 'whatsapp-media'));
		expect(sha256(await readFile(media.path))).toBe(image.sha256);
		const status = await comms?.next((event) => event.topic === `status/${webhookExample.saveMedia}` && event.data.fill === 'green');
		expect(status?.data).toMatchObject({ fill: 'green', shape: 'dot', text: formatBytes(image.size) });
	});

	it('example "Download by message id": POST /inject/:id sends chatId + idMessage, the debug node gets msg.media', async () => {
		const response = await fetch(`${nodeRed?.url}/inject/${idExample.inject}`, { method: 'POST' });
		expect(response.status).toBe(200);
		const debug = await comms?.next((event) => event.topic === 'debug' && event.data.id === idExample.media);
		const document = sandbox.media.get('document');
		expect(JSON.parse(String(debug?.data.msg))).toMatchObject({ format: 'binary', sha256: document.sha256, size: document.size });
	});

	it('example "Multi-Session webhook to Buffer": a webhook posted to http in becomes a Buffer, its size in the status', async () => {
		const response = await fetch(`${nodeRed?.url}/multi-session/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(sandbox.webhooks.multiSession('voice')),
		});
		expect(response.status).toBe(200);
		const debug = await comms?.next((event) => event.topic === 'debug' && event.data.id === multiSessionExample.media);
		const voice = sandbox.media.get('voice');
		expect(JSON.parse(String(debug?.data.msg))).toMatchObject({ format: 'binary', provider: 'multi-session', sha256: voice.sha256 });
		const status = await comms?.next((event) => event.topic === `status/${multiSessionExample.download}` && event.data.fill === 'green');
		expect(status?.data).toMatchObject({ text: formatBytes(voice.size) });
	});

	it('example "Green-API sync to files": notifications in the queue become files, journal lines and debug messages', async () => {
		// The sync node has been draining since the deploy: it is idle, with nothing archived yet.
		await comms?.next((event) => event.topic === `status/${syncExample.sync}` && event.data.fill === 'green');
		const text = sandbox.notifications.enqueue({ type: 'text', text: 'hello from e2e' });
		const photo = sandbox.notifications.enqueue({ type: 'file', media: 'png', caption: 'e2e' });
		const archived = await comms?.next((event) => event.topic === 'debug' && event.data.id === syncExample.archived);
		const path = String(archived?.data.msg);
		expect(dirname(path)).toBe(join(userDir, 'whatsapp-archive', sandbox.chatId));
		expect(sha256(await readFile(path))).toBe(sandbox.media.get('png').sha256);
		const other = await comms?.next((event) => event.topic === 'debug' && event.data.id === syncExample.other);
		expect(JSON.parse(String(other?.data.msg))).toMatchObject({ source: 'queue', receiptId: text.receiptId, body: text.body });
		const journal = (await readFile(join(userDir, 'whatsapp-archive', 'wamedia-journal.ndjson'), 'utf8')).trim().split('\n');
		expect(journal.map((line) => (JSON.parse(line) as { receiptId: number }).receiptId)).toEqual([text.receiptId, photo.receiptId]);
		expect(sandbox.notifications.list()).toEqual([]);
		const status = await comms?.next(
			(event) => event.topic === `status/${syncExample.sync}` && event.data.fill === 'green' && event.data.text !== 'idle · 0 files',
		);
		expect(status?.data).toMatchObject({ shape: 'dot', text: 'idle · 1 file' });
	});

	it('http in → download (Buffer) → http response returns the exact bytes', async () => {
		const png = sandbox.media.get('png');
		const response = await fetch(`${nodeRed?.url}/e2e/bytes`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ chatId: sandbox.chatId, idMessage: png.idMessage }),
		});
		expect(response.status).toBe(200);
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(png.sha256);
	});

	it('a real Catch node receives msg.error.code', async () => {
		const response = await fetch(`${nodeRed?.url}/inject/e2e-inject`, { method: 'POST' });
		expect(response.status).toBe(200);
		const debug = await comms?.next((event) => event.topic === 'debug' && event.data.id === 'e2e-error');
		const error = JSON.parse(String(debug?.data.msg)) as { code: string; message: string; source: { id: string } };
		expect(error).toMatchObject({ code: 'NO_MEDIA', source: { id: 'e2e-failing' } });
		expect(error.message).toContain('The message has no file');
		const status = await comms?.next((event) => event.topic === 'status/e2e-failing' && event.data.fill === 'red');
		expect(status?.data).toMatchObject({ shape: 'ring', text: 'NO_MEDIA' });
	});

	it('stops cleanly, and its log has no error, no crash and no secret', async () => {
		await nodeRed?.stop();
		const output = nodeRed?.output() ?? '';
		// The log was captured: Node-RED's first-start warning is in it.
		expect(output).toContain('[warn] Encrypted credentials not found');
		expect(output).not.toMatch(/\[error\]/);
		expect(output).not.toMatch(/uncaught|unhandled/i);
		expect(output).not.toMatch(/wamedia/i);
		expect(output).not.toContain(sandbox.greenApi.apiTokenInstance);
		expect(output).not.toContain(sandbox.multiSession.apiKey);
	});
});
