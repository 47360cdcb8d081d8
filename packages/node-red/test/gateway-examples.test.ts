// The Meta, WAHA and Evolution example flows in a real Node-RED 5, as `pnpm node-red` deploys them: each
// gateway's webhook posted to its flow's http in becomes a file whose bytes are the sandbox's media.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	type Comms,
	connectComms,
	deploy,
	freePort,
	installPackage,
	type NodeRed,
	onTab,
	packageRoot,
	readExample,
	startNodeRed,
	uniqueNodes,
	writeSettings,
} from '../scripts/node-red-runner.ts';

const examples = [
	{ file: 'Meta webhook to file.json', path: 'meta', webhook: 'meta/image' },
	{ file: 'WAHA webhook to file.json', path: 'waha', webhook: 'waha/image' },
	{ file: 'Evolution webhook to file.json', path: 'evolution', webhook: 'evolution/image' },
] as const;

let sandbox: Sandbox;
let userDir: string;
let nodeRed: NodeRed | undefined;
let comms: Comms | undefined;

beforeAll(async () => {
	if (!existsSync(join(packageRoot, 'dist', 'wamedia.js'))) throw new Error('Build the package first: pnpm build');
	sandbox = await startSandbox();
	userDir = await mkdtemp(join(tmpdir(), 'wamedia-gateways-'));
	await installPackage(userDir);
	const port = await freePort();
	await writeSettings(userDir, port);
	nodeRed = await startNodeRed('node-red', userDir, port);
	comms = await connectComms(nodeRed.url);
	const tabs = await Promise.all(
		examples.map(async ({ file }, index) => onTab(await readExample(file), { id: `gw00000000000${index + 1}`, label: file }, sandbox)),
	);
	const revision = await deploy(nodeRed.url, uniqueNodes(tabs.flat()));
	await comms.next((event) => event.topic === 'notification/runtime-deploy' && event.data.revision === revision);
}, 60_000);

afterAll(async () => {
	comms?.close();
	await nodeRed?.stop();
	await sandbox?.close();
	if (userDir !== undefined) await rm(userDir, { recursive: true, force: true });
}, 30_000);

describe('the Meta, WAHA and Evolution examples', () => {
	it.each(examples)('$file saves the file of a posted webhook', async ({ path, webhook }) => {
		const body = await (await fetch(`${sandbox.controlUrl}/webhooks/${webhook}`)).text();
		const before = comms?.events.length ?? 0;
		const response = await fetch(`${nodeRed?.url}/${path}/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
		});
		expect(response.status).toBe(200);
		const saved = await comms?.next(
			(event) => event.topic === 'debug' && event.data.name === 'saved' && (comms?.events.indexOf(event) ?? 0) >= before,
		);
		const media = JSON.parse(String(saved?.data.msg)) as { path: string; sha256: string; provider: string };
		expect(media.provider).toBe(path);
		expect(media.sha256).toBe(sandbox.media.get('image').sha256);
		expect(
			createHash('sha256')
				.update(await readFile(media.path))
				.digest('hex'),
		).toBe(media.sha256);
	});
});
