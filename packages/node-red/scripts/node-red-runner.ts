// Runs a real Node-RED with this package installed, for the end-to-end test and `pnpm node-red`: a user
// directory with the package copied in as npm would install it, a settings file, the child process, and
// deployment through the admin API. Everything listens on 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** This package's root directory. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The Node-RED packages this repository installs: 5.x as `node-red`, 4.x as the alias `node-red-4`. */
export type NodeRedPackage = 'node-red' | 'node-red-4';

/** Which Node-RED version a package name holds. */
export async function nodeRedVersion(name: NodeRedPackage): Promise<string> {
	const manifest = JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
	return manifest.version;
}

/**
 * Copies the files npm would publish (package.json and its `files` list) into `<userDir>/node_modules/@wamedia/node-red`,
 * which is where `npm install @wamedia/node-red` in the user directory puts them. The package must be built.
 */
export async function installPackage(userDir: string): Promise<string> {
	const manifest = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { files: string[] };
	const target = join(userDir, 'node_modules', '@wamedia', 'node-red');
	await mkdir(target, { recursive: true });
	await cp(join(packageRoot, 'package.json'), join(target, 'package.json'));
	for (const entry of manifest.files) await cp(join(packageRoot, entry), join(target, entry), { recursive: true });
	return target;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(preferred = 0): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => {
			if (preferred !== 0 && error.code === 'EADDRINUSE') resolve(freePort(0));
			else reject(error);
		});
		server.listen(preferred, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : preferred));
		});
	});
}

/** Writes `<userDir>/settings.js`: loopback only, no telemetry, no palette installs, and quick to start. */
export async function writeSettings(userDir: string, port: number): Promise<string> {
	const settings = {
		uiHost: '127.0.0.1',
		uiPort: port,
		flowFile: 'flows.json',
		credentialSecret: 'wamedia-local-secret',
		// Relative directories of the File nodes and of wamedia-download resolve here.
		fileWorkingDirectory: userDir,
		debugMaxLength: 10_000,
		logging: { console: { level: 'warn', metrics: false, audit: false } },
		telemetry: { enabled: false, updateNotification: false },
		diagnostics: { enabled: false, ui: false },
		externalModules: { autoInstall: false, palette: { allowInstall: false, allowUpdate: false, allowUpload: false } },
		editorTheme: { tours: false },
	};
	const path = join(userDir, 'settings.js');
	await writeFile(path, `module.exports = ${JSON.stringify(settings, null, '\t')};\n`);
	return path;
}

/** A running Node-RED child process. */
export interface NodeRed {
	url: string;
	child: ChildProcess;
	/** Everything it printed so far. */
	output(): string;
	/** Stops it (SIGTERM, then SIGKILL after 15 s) and resolves when it has exited. */
	stop(): Promise<void>;
}

/**
 * Starts Node-RED on `port` with `userDir` (which must hold settings.js), on the Node.js running this code, and
 * resolves once its admin API answers. Rejects when it exits first or is not up within `limit` ms.
 */
export async function startNodeRed(name: NodeRedPackage, userDir: string, port: number, limit = 30_000): Promise<NodeRed> {
	const redJs = join(dirname(require.resolve(`${name}/package.json`)), 'red.js');
	const child = spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', join(userDir, 'settings.js')], {
		cwd: userDir,
		env: { ...process.env, NODE_OPTIONS: '' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = `http://127.0.0.1:${port}`;
	const nodeRed: NodeRed = {
		url,
		child,
		output: () => output,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		},
	};
	const started = Date.now();
	while (Date.now() - started < limit) {
		if (child.exitCode !== null) throw new Error(`Node-RED exited with ${child.exitCode}:\n${output}`);
		try {
			const response = await fetch(`${url}/settings`, { signal: AbortSignal.timeout(2_000) });
			if (response.ok) return nodeRed;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	await nodeRed.stop();
	throw new Error(`Node-RED did not answer within ${limit} ms:\n${output}`);
}

/** A flow node as the admin API takes it; a config node may carry `credentials`. */
export type FlowNode = Record<string, unknown> & { id: string; type: string };

/**
 * Replaces every flow with these nodes (`POST /flows`, API v2, full deployment) and returns the new revision.
 * Node-RED answers before the flows have started: wait for `notification/runtime-deploy` with this revision.
 */
export async function deploy(url: string, flows: FlowNode[]): Promise<string> {
	const response = await fetch(`${url}/flows`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'Node-RED-API-Version': 'v2', 'Node-RED-Deployment-Type': 'full' },
		body: JSON.stringify({ flows }),
	});
	if (!response.ok) throw new Error(`POST /flows answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { rev: string }).rev;
}

/** One message of the editor's websocket. */
export interface CommsEvent {
	topic: string;
	data: Record<string, unknown>;
}

/** The editor's websocket, subscribed to debug messages, node status and runtime notifications. */
export interface Comms {
	/** Every message so far. */
	events: CommsEvent[];
	/** The first message, earlier or coming, that matches; rejects after `limit` ms. */
	next(match: (event: CommsEvent) => boolean, limit?: number): Promise<CommsEvent>;
	close(): void;
}

/** Connects to `/comms` as the editor does (no admin authentication is configured). */
export async function connectComms(url: string): Promise<Comms> {
	const events: CommsEvent[] = [];
	const waiting = new Set<{ match: (event: CommsEvent) => boolean; resolve: (event: CommsEvent) => void }>();
	const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/comms`);
	socket.addEventListener('message', (message) => {
		const parsed = JSON.parse(String(message.data)) as CommsEvent | CommsEvent[];
		for (const event of Array.isArray(parsed) ? parsed : [parsed]) {
			events.push(event);
			for (const waiter of waiting) {
				if (waiter.match(event)) {
					waiting.delete(waiter);
					waiter.resolve(event);
				}
			}
		}
	});
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}/comms`)), { once: true });
	});
	for (const topic of ['debug', 'status/#', 'notification/#']) socket.send(JSON.stringify({ subscribe: topic }));
	return {
		events,
		next(match, limit = 20_000) {
			const earlier = events.find(match);
			if (earlier) return Promise.resolve(earlier);
			return new Promise((resolve, reject) => {
				const waiter = { match, resolve };
				waiting.add(waiter);
				setTimeout(() => {
					if (waiting.delete(waiter)) reject(new Error(`no such message on /comms within ${limit} ms`));
				}, limit).unref();
			});
		},
		close: () => socket.close(),
	};
}

/** The example flow files, by file name. */
export async function readExample(fileName: string): Promise<FlowNode[]> {
	return JSON.parse(await readFile(join(packageRoot, 'examples', fileName), 'utf8')) as FlowNode[];
}

/** The sandbox facts the example flows need. */
export interface SandboxFacts {
	greenApi: { apiUrl: string; idInstance: string; apiTokenInstance: string };
	multiSession: { serverUrl: string; apiKey: string };
	meta: { graphUrl: string; apiVersion: string; accessToken: string; phoneNumberId: string };
	waha: { serverUrl: string; apiKey: string; session: string };
	evolution: { serverUrl: string; apiKey: string; instance: string };
	chatId: string;
}

/** Each provider's connection, pointed at the sandbox: URL and id as properties, the secret as credentials. */
function sandboxConnection(node: FlowNode, sandbox: SandboxFacts): FlowNode {
	if (node.provider === 'multi-session') {
		const { serverUrl, apiKey } = sandbox.multiSession;
		return { ...node, name: 'Sandbox Multi-Session', serverUrl, credentials: { apiKey } };
	}
	if (node.provider === 'meta') {
		const { graphUrl, apiVersion, accessToken, phoneNumberId } = sandbox.meta;
		return { ...node, name: 'Sandbox Meta', graphUrl, apiVersion, phoneNumberId, credentials: { accessToken } };
	}
	if (node.provider === 'waha') {
		const { serverUrl, apiKey, session } = sandbox.waha;
		return { ...node, name: 'Sandbox WAHA', serverUrl, session, credentials: { apiKey } };
	}
	if (node.provider === 'evolution') {
		const { serverUrl, apiKey, instance } = sandbox.evolution;
		return { ...node, name: 'Sandbox Evolution', serverUrl, instance, credentials: { apiKey } };
	}
	const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
	return { ...node, name: 'Sandbox Green-API', apiUrl, idInstance, credentials: { apiTokenInstance } };
}

/**
 * An example on its own tab, its connection pointed at the sandbox, and the `replace` properties set on the
 * nodes they name. The examples share one connection per provider (the same id in every file); deploy
 * several with {@link uniqueNodes}.
 */
export function onTab(
	example: FlowNode[],
	tab: { id: string; label: string },
	sandbox: SandboxFacts,
	replace: Record<string, Record<string, unknown>> = {},
): FlowNode[] {
	const nodes = example.map((node): FlowNode => {
		const patched: FlowNode = { ...node, ...replace[node.id] };
		if (node.type === 'wamedia-connection') return sandboxConnection(patched, sandbox);
		return 'z' in node ? { ...patched, z: tab.id } : patched;
	});
	return [{ id: tab.id, type: 'tab', label: tab.label, disabled: false, info: '' }, ...nodes];
}

/** The nodes of several flows with each id once: the config nodes that examples share are deployed once. */
export function uniqueNodes(nodes: FlowNode[]): FlowNode[] {
	return [...new Map(nodes.map((node) => [node.id, node])).values()];
}
