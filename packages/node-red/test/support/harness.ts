// Shared set-up of the tests that run the nodes inside Node-RED's runtime through node-red-node-test-helper.
import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import wamedia from '../../src/index.js';
import type { NodeMessage, NodeStatus } from '../../src/node-red.js';

const require = createRequire(import.meta.url);

/** A node of a running test flow, with the helper's `call:<method>` events. */
export interface TestNode extends EventEmitter {
	id: string;
	credentials?: Record<string, string>;
	receive(message: NodeMessage): void;
}

interface SpyCall {
	args: unknown[];
}

interface Helper {
	init(runtimePath: string): void;
	settings(settings: Record<string, unknown>): Record<string, unknown>;
	load(nodes: unknown, flow: object[], credentials?: Record<string, Record<string, string>>): Promise<void>;
	unload(): Promise<void>;
	startServer(): Promise<void>;
	stopServer(): Promise<void>;
	getNode(id: string): TestNode | null;
	log(): { getCalls(): SpyCall[] };
}

/**
 * The helper finds Node-RED's internal packages (`@node-red/registry`, …) beside `node-red` itself, the npm
 * layout. pnpm keeps them apart, so they are linked side by side in `node_modules/.node-red-runtime` of this
 * package, and the helper gets the `node-red` found there. Node caches modules by real path, so the runtime
 * and the helper share one copy of each package.
 */
function linkRuntime(): string {
	const nodeRed = realpathSync(dirname(require.resolve('node-red/package.json')));
	const runtime = realpathSync(dirname(require.resolve('@node-red/runtime/package.json', { paths: [nodeRed] })));
	// Each is resolved from the package that depends on it: pnpm also hoists other versions where a plain search finds them.
	const from = (name: string, parent: string) => realpathSync(dirname(require.resolve(`${name}/package.json`, { paths: [parent] })));
	const packages: Record<string, string> = {
		'node-red': nodeRed,
		'@node-red/runtime': runtime,
		'@node-red/registry': from('@node-red/registry', runtime),
		'@node-red/util': from('@node-red/util', nodeRed),
		'@node-red/nodes': from('@node-red/nodes', nodeRed),
		'@node-red/editor-api': from('@node-red/editor-api', nodeRed),
	};
	const root = fileURLToPath(new URL('../../node_modules/.node-red-runtime', import.meta.url));
	const current = () =>
		Object.entries(packages).every(
			([name, target]) => existsSync(join(root, 'node_modules', name)) && realpathSync(join(root, 'node_modules', name)) === target,
		);
	if (!current()) {
		// Links to another Node-RED version (after an upgrade) are replaced.
		if (existsSync(root)) rmSync(root, { recursive: true, force: true });
		// Test files run in parallel processes: each builds the links aside and moves them in at once.
		const staging = mkdtempSync(`${root}-`);
		for (const [name, target] of Object.entries(packages)) {
			const link = join(staging, 'node_modules', name);
			mkdirSync(dirname(link), { recursive: true });
			symlinkSync(target, link, 'dir');
		}
		try {
			renameSync(staging, root);
		} catch {
			rmSync(staging, { recursive: true, force: true }); // another process was quicker
		}
	}
	return join(root, 'node_modules', 'node-red', 'lib', 'red.js');
}

function loadHelper(): Helper {
	// Requiring the helper makes it look for Node-RED in the npm layout at once; under pnpm that fails and it
	// prints the error before the init() below succeeds. The print is silenced, not the failure.
	const print = console.log;
	console.log = () => {};
	try {
		return require('node-red-node-test-helper');
	} finally {
		console.log = print;
	}
}

export const helper = loadHelper();
helper.init(linkRuntime());

/** Flow node shapes. */
export type FlowNode = Record<string, unknown> & { id: string; type: string };

export const tab: FlowNode = { id: 'tab', type: 'tab', label: 'test' };

/** A Green-API connection to the sandbox, and its credentials. */
export function greenApiConnection(sandbox: Sandbox, overrides: Record<string, unknown> = {}): FlowNode {
	return {
		id: 'conn',
		type: 'wamedia-connection',
		provider: 'green-api',
		apiUrl: sandbox.greenApi.apiUrl,
		idInstance: sandbox.greenApi.idInstance,
		...overrides,
	};
}

/** A Multi-Session connection to the sandbox. */
export function multiSessionConnection(sandbox: Sandbox): FlowNode {
	return { id: 'conn', type: 'wamedia-connection', provider: 'multi-session', serverUrl: sandbox.multiSession.serverUrl };
}

/** Both secrets of the sandbox, keyed by the connection's id as the helper expects. */
export function credentials(sandbox: Sandbox): Record<string, Record<string, string>> {
	return { conn: { apiTokenInstance: sandbox.greenApi.apiTokenInstance, apiKey: sandbox.multiSession.apiKey } };
}

/**
 * The flow under test: connection → `dl` (wamedia-download) → `out`, and a Catch node on the tab that
 * forwards to `caught`. `catchErrors: false` leaves errors uncaught, so they go to the log.
 */
export function downloadFlow(connection: FlowNode | undefined, settings: Record<string, unknown> = {}, catchErrors = true): FlowNode[] {
	const flow: FlowNode[] = [
		tab,
		{ id: 'dl', type: 'wamedia-download', z: 'tab', connection: connection?.id ?? '', wires: [['out']], ...settings },
		{ id: 'out', type: 'helper', z: 'tab', wires: [] },
	];
	if (connection !== undefined) flow.push(connection);
	if (catchErrors) {
		// Ids differ from type names: the runtime takes a property equal to a config node's id for a reference.
		flow.push({ id: 'catcher', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['caught']] });
		flow.push({ id: 'caught', type: 'helper', z: 'tab', wires: [] });
	}
	return flow;
}

/** A node of the running flow; throws when there is none. */
export function node(id: string): TestNode {
	const found = helper.getNode(id);
	if (!found) throw new Error(`no node ${id} in the running flow`);
	return found;
}

/**
 * Collects unhandled promise rejections while a test file runs (Node-RED would log them as crashes).
 * Call the returned function in afterAll to stop listening.
 */
export function collectUnhandledRejections(): { reasons: unknown[]; stop(): void } {
	const reasons: unknown[] = [];
	const listener = (reason: unknown) => reasons.push(reason);
	process.on('unhandledRejection', listener);
	return { reasons, stop: () => process.off('unhandledRejection', listener) };
}

/**
 * The setup every helper-based test file shares: one sandbox and the test helper's server for the file, the
 * flow unloaded and faults cleared after each test, and no unhandled rejection allowed. Returns the sandbox.
 */
export function useNodeRedHelper(): () => Sandbox {
	let sandbox: Sandbox | undefined;
	const rejections = collectUnhandledRejections();
	beforeAll(async () => {
		sandbox = await startSandbox();
		await helper.startServer();
	});
	afterEach(async () => {
		sandbox?.faults.clear();
		await helper.unload();
	});
	afterAll(async () => {
		await helper.stopServer();
		await sandbox?.close();
		rejections.stop();
		expect(rejections.reasons).toEqual([]);
	});
	return () => {
		if (sandbox === undefined) throw new Error('the sandbox is not started yet');
		return sandbox;
	};
}

/** Loads a flow with this package's nodes. */
export async function load(flow: FlowNode[], flowCredentials: Record<string, Record<string, string>> = {}): Promise<void> {
	await helper.load(wamedia, flow, flowCredentials);
}

/** What became of one message: sent on (`output`) or handed to the Catch node (`caught`). */
export type Outcome = { output: NodeMessage; caught?: never } | { caught: NodeMessage & { error: CaughtError }; output?: never };

export interface CaughtError {
	message: string;
	code?: string;
	source: { id: string; type: string };
	stack?: string;
	cause?: unknown;
}

/** Waits for the next message on `out` or `caught`; rejects after `limit` ms so a broken node fails the test. */
export function nextOutcome(limit = 20_000): Promise<Outcome> {
	const out = node('out');
	const caught = helper.getNode('caught');
	return new Promise((resolve, reject) => {
		const finish = (outcome: Outcome) => {
			clearTimeout(timer);
			out.removeListener('input', onOutput);
			caught?.removeListener('input', onCaught);
			resolve(outcome);
		};
		const onOutput = (message: NodeMessage) => finish({ output: message });
		const onCaught = (message: NodeMessage & { error: CaughtError }) => finish({ caught: message });
		const timer = setTimeout(() => reject(new Error(`no output and no caught error within ${limit} ms`)), limit);
		out.on('input', onOutput);
		caught?.on('input', onCaught);
	});
}

/** Sends a message into `dl` and waits for its outcome. */
export async function send(message: NodeMessage): Promise<Outcome> {
	const outcome = nextOutcome();
	node('dl').receive(message);
	return outcome;
}

/** Sends a message and returns the output, failing with the caught error when there is one. */
export async function sendExpectingOutput(message: NodeMessage): Promise<NodeMessage> {
	const outcome = await send(message);
	if (outcome.caught) throw new Error(`expected an output, caught ${outcome.caught.error.code}: ${outcome.caught.error.message}`);
	return outcome.output;
}

/** Sends a message and returns what the Catch node received, failing when the download succeeded. */
export async function sendExpectingError(message: NodeMessage): Promise<NodeMessage & { error: CaughtError }> {
	const outcome = await send(message);
	if (outcome.output) throw new Error('expected an error, got an output');
	return outcome.caught;
}

/** Records every status `dl` sets from now on. */
export function recordStatus(id = 'dl'): NodeStatus[] {
	const statuses: NodeStatus[] = [];
	node(id).on('call:status', (call: SpyCall) => statuses.push(call.args[0] as NodeStatus));
	return statuses;
}

/** Every string a value holds, errors' stacks and causes included, for secret scans. */
export function dump(value: unknown): string {
	return inspect(value, {
		depth: 20,
		maxArrayLength: 20,
		maxStringLength: Number.POSITIVE_INFINITY,
		breakLength: Number.POSITIVE_INFINITY,
	});
}

/** Resolves once a recorded status matches (polls, bounded by `limit` ms). */
export function waitForStatus(statuses: NodeStatus[], predicate: (status: NodeStatus) => boolean, limit = 20_000): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const check = () => {
			if (statuses.some(predicate)) resolve();
			else if (Date.now() - started > limit) reject(new Error('the expected status never came'));
			else setTimeout(check, 20);
		};
		check();
	});
}
