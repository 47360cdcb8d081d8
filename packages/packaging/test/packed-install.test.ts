// The published packages as a user gets them: `pnpm pack` of each (workspace ranges rewritten), `npm install`
// of the tarballs in an empty project, then the installed `wamedia` bin, the library's two entries and the
// Node-RED nodes are used against the sandbox. Checked by hashes of the bytes that came out.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	connectComms,
	deploy,
	type FlowNode,
	freePort,
	type NodeRed,
	startNodeRed,
	writeSettings,
} from '../../node-red/scripts/node-red-runner.ts';
import { installTarballs } from '../src/install-tarballs.ts';
import { packPackages, repositoryRoot } from '../src/pack-packages.ts';
import { publishedPackages } from '../src/published-packages.ts';

const run = promisify(execFile);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let sandbox: Sandbox;
let work: string;
let project: string;
let tarballs: Map<string, string>;

/** The settings a user exports for the sandbox's Green-API, and nothing else of the caller's WAMEDIA_*. */
function greenApiEnvironment(): NodeJS.ProcessEnv {
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('WAMEDIA_')));
	return {
		...env,
		WAMEDIA_API_URL: sandbox.greenApi.apiUrl,
		WAMEDIA_ID_INSTANCE: sandbox.greenApi.idInstance,
		WAMEDIA_API_TOKEN_INSTANCE: sandbox.greenApi.apiTokenInstance,
	};
}

beforeAll(async () => {
	for (const built of [
		'packages/core/dist/cli/bin.js',
		'packages/node-red/dist/wamedia.js',
		'packages/n8n/dist/nodes/Wamedia/Wamedia.node.js',
	]) {
		if (!existsSync(join(repositoryRoot, built))) throw new Error(`Build first (pnpm build): ${built} is missing`);
	}
	sandbox = await startSandbox();
	work = await mkdtemp(join(tmpdir(), 'wamedia-packed-'));
	await mkdir(join(work, 'tarballs'));
	project = join(work, 'project');
	await mkdir(project);
	tarballs = await packPackages(join(work, 'tarballs'));
	await installTarballs(project, [...tarballs.values()]);
});

afterAll(async () => {
	await sandbox?.close();
	if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('packed packages', () => {
	it('install as real folders with no workspace range or link left', async () => {
		expect([...tarballs.keys()]).toEqual(publishedPackages.map((entry) => entry.name));
		for (const { name } of publishedPackages) {
			const folder = join(project, 'node_modules', name);
			expect((await lstat(folder)).isSymbolicLink()).toBe(false);
			expect(await realpath(folder)).toBe(join(await realpath(project), 'node_modules', name));
			const manifest = await readFile(join(folder, 'package.json'), 'utf8');
			expect(manifest).not.toContain('workspace:');
			expect(JSON.parse(manifest).engines.node).toMatch(/^>=\d+/);
		}
		// Node-RED's package bundles core into dist/wamedia.js: it needs nothing else at runtime (docs/node-red.md).
		const nodeRed = JSON.parse(await readFile(join(project, 'node_modules/@wamedia/node-red/package.json'), 'utf8'));
		expect(nodeRed.dependencies ?? {}).toEqual({});
		// Only built files ship: no sources, tests or source maps.
		const coreFiles = await readdir(join(project, 'node_modules/@wamedia/core'), { recursive: true });
		expect(coreFiles).toContain(join('dist', 'inputs', 'index.js'));
		expect(coreFiles.filter((file) => /(^|\/)(src|test)\/|\.map$/.test(file))).toEqual([]);
	});

	it('gives a wamedia command that runs and downloads', async () => {
		const bin = join(project, 'node_modules', '.bin', 'wamedia');
		const { stdout: version } = await run(bin, ['--version'], { cwd: project });
		const core = JSON.parse(await readFile(join(repositoryRoot, 'packages/core/package.json'), 'utf8'));
		expect(version.trim()).toBe(core.version);

		const image = sandbox.media.get('image');
		const out = join(work, 'cli-out');
		const { stdout } = await run(bin, ['download', '--chat-id', sandbox.chatId, '--id-message', image.idMessage, '-o', out, '--json'], {
			cwd: project,
			env: greenApiEnvironment(),
		});
		const result = JSON.parse(stdout);
		expect(result).toMatchObject({ success: true, sha256: image.sha256, mimeType: image.mimeType });
		expect(sha256(await readFile(result.path))).toBe(image.sha256);
	});

	it('imports the library and its inputs entry and downloads', async () => {
		const voice = sandbox.media.get('voice');
		const script = join(project, 'use-library.mjs');
		await writeFile(
			script,
			[
				"import { createHash } from 'node:crypto';",
				"import * as core from '@wamedia/core';",
				"import { readSettings } from '@wamedia/core/inputs';",
				'const { client: options } = readSettings({ apiUrl: process.env.WAMEDIA_API_URL, idInstance: process.env.WAMEDIA_ID_INSTANCE, apiTokenInstance: process.env.WAMEDIA_API_TOKEN_INSTANCE });',
				'const client = core.createClient(options);',
				`const result = await client.download({ chatId: '${sandbox.chatId}', idMessage: '${voice.idMessage}' }, { format: 'binary' });`,
				"const hash = createHash('sha256').update(result.data).digest('hex');",
				"console.log(JSON.stringify({ success: result.success, hash, faceHelpersInMain: 'readSettings' in core }));",
			].join('\n'),
		);
		const { stdout } = await run(process.execPath, [script], { cwd: project, env: greenApiEnvironment() });
		expect(JSON.parse(stdout)).toEqual({ success: true, hash: voice.sha256, faceHelpersInMain: false });
	});

	describe('in Node-RED', () => {
		let nodeRed: NodeRed | undefined;

		beforeAll(async () => {
			// The project is the Node-RED user directory, as after `cd ~/.node-red && npm install <tarball>`.
			const port = await freePort();
			await writeSettings(project, port);
			nodeRed = await startNodeRed('node-red', project, port);
		});
		afterAll(async () => {
			await nodeRed?.stop();
		});

		it('loads the nodes from the installed package and downloads with them', async () => {
			const url = nodeRed?.url ?? '';
			const sets = (await (await fetch(`${url}/nodes`, { headers: { accept: 'application/json' } })).json()) as Array<{
				module: string;
				types: string[];
				enabled: boolean;
				err?: string;
			}>;
			const ours = sets.find((set) => set.module === '@wamedia/node-red');
			expect(ours).toMatchObject({ enabled: true, types: expect.arrayContaining(['wamedia-connection', 'wamedia-download']) });
			expect(ours?.err).toBeUndefined();

			const z = 'a0a0a0a0a0a0a0a1';
			const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
			const flow: FlowNode[] = [
				{ id: z, type: 'tab', label: 'packed', disabled: false, info: '' },
				{
					id: 'a0a0a0a0a0a0a0a2',
					type: 'wamedia-connection',
					provider: 'green-api',
					apiUrl,
					idInstance,
					credentials: { apiTokenInstance },
				},
				{
					id: 'a0a0a0a0a0a0a0a3',
					type: 'http in',
					z,
					url: '/packed',
					method: 'post',
					upload: false,
					swaggerDoc: '',
					wires: [['a0a0a0a0a0a0a0a4']],
				},
				{
					id: 'a0a0a0a0a0a0a0a4',
					type: 'wamedia-download',
					z,
					connection: 'a0a0a0a0a0a0a0a2',
					format: 'buffer',
					wires: [['a0a0a0a0a0a0a0a5']],
				},
				{ id: 'a0a0a0a0a0a0a0a5', type: 'http response', z, statusCode: '', headers: {}, wires: [] },
			];
			const comms = await connectComms(url);
			try {
				const revision = await deploy(url, flow);
				// The admin API answers before the flow has started; the runtime announces when it has.
				await comms.next((event) => event.topic === 'notification/runtime-deploy' && event.data.revision === revision);
			} finally {
				comms.close();
			}
			const png = sandbox.media.get('png');
			const response = await fetch(`${url}/packed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ chatId: sandbox.chatId, idMessage: png.idMessage }),
			});
			expect(response.status).toBe(200);
			expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(png.sha256);
		});
	});
	// n8n installs a community package with npm and keeps no dependencies but its peers: the node and its
	// credentials must load from the installed folder alone, with core bundled (docs/n8n.md).
	it('gives n8n a node package that loads alone: the node and every credential type it lists', async () => {
		const folder = join(project, 'node_modules', 'n8n-nodes-wamedia');
		const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.keywords).toContain('n8n-community-node-package');
		const script = [
			"const { join } = require('node:path');",
			`const folder = ${JSON.stringify(folder)};`,
			"const manifest = require(join(folder, 'package.json'));",
			'const load = (file) => Object.values(require(join(folder, file)))[0];',
			'const nodes = manifest.n8n.nodes.map((file) => new (load(file))().description.name);',
			'const credentials = manifest.n8n.credentials.map((file) => new (load(file))().name);',
			'console.log(JSON.stringify({ nodes, credentials }));',
		].join('\n');
		const { stdout } = await run(process.execPath, ['-e', script], { cwd: project });
		expect(JSON.parse(stdout)).toEqual({
			nodes: ['wamedia'],
			credentials: expect.arrayContaining([
				'wamediaGreenApi',
				'wamediaMultiSessionApi',
				'wamediaMetaCloudApi',
				'wamediaWahaApi',
				'wamediaEvolutionApi',
			]),
		});
	});
});
