// A throwaway n8n for the end-to-end test: a temporary user folder (SQLite, encryption key, binary-data
// store), this package packed and installed where n8n installs community packages, and n8n's own CLI to
// import credentials and workflows and execute them (docs/n8n.md#testing-on-the-real-n8n).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeEnvironment, run } from './n8n-install.ts';

/** This package's root directory. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
		});
	});
}

/** A credential as `n8n import:credentials` reads it (`data` in plain text; n8n encrypts it on import). */
export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as `n8n import:workflow` reads it. */
export interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
}

/** What `n8n execute --rawOutput` printed, and the run data cut out of it. */
export interface Execution {
	exitCode: number;
	/** Everything n8n printed, for secret checks and messages. */
	output: string;
	/** The run data of each node by name (each run's `data.main[0]` items), when n8n printed them. */
	nodes: Record<string, Array<Record<string, unknown>>>;
	/** The error n8n reported for the run, when it failed. */
	error: Record<string, unknown> | undefined;
}

/**
 * Packs this package with pnpm (which turns `workspace:` ranges into versions, as publishing does) into `dir`
 * and returns the tarball's path.
 */
export async function packPackage(dir: string): Promise<string> {
	await run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', dir], { cwd: packageRoot });
	const tarball = (await readdir(dir)).find((name) => name.startsWith('n8n-nodes-wamedia-') && name.endsWith('.tgz'));
	if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball into ${dir}`);
	return join(dir, tarball);
}

/** Finds the JSON value that starts at `start` in `text` (balanced braces, strings respected). */
function jsonAt(text: string, start: number): unknown {
	let depth = 0;
	let inString = false;
	for (let index = start; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') {
			depth--;
			if (depth === 0) return JSON.parse(text.slice(start, index + 1));
		}
	}
	return undefined;
}

/** The run data in n8n's output: the first JSON object that has `resultData`. */
function runData(output: string): {
	resultData?: { runData?: Record<string, Array<Record<string, unknown>>>; error?: Record<string, unknown> };
} {
	for (let index = output.indexOf('{'); index !== -1; index = output.indexOf('{', index + 1)) {
		try {
			const value = jsonAt(output, index) as Record<string, unknown> | undefined;
			if (value !== undefined && typeof value === 'object' && ('resultData' in value || 'data' in value)) {
				const data = ('data' in value ? value.data : value) as Record<string, unknown>;
				if (data !== null && typeof data === 'object' && 'resultData' in data) return data as never;
			}
		} catch {
			// Not JSON from here: a log line with braces.
		}
	}
	return {};
}

/** A throwaway n8n with its own user folder. */
export class N8nInstance {
	readonly root: string;
	readonly userFolder: string;
	readonly binaryStore: string;
	readonly #bin: string;
	readonly #env: NodeJS.ProcessEnv;

	private constructor(bin: string, root: string, brokerPort: number) {
		this.#bin = bin;
		this.root = root;
		this.userFolder = join(root, 'user');
		this.binaryStore = join(root, 'binary');
		const environment = nodeEnvironment({
			HOME: root,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			DB_TYPE: 'sqlite',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_BINARY_DATA_STORAGE_PATH: this.binaryStore,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			// isolated-vm is not built by the install (docs/n8n.md), so expressions use the legacy engine.
			N8N_EXPRESSION_ENGINE: 'legacy',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			// `n8n execute` prints the run data through its logger at level info.
			N8N_LOG_LEVEL: 'info',
			NO_PROXY: '127.0.0.1,localhost,::1',
			no_proxy: '127.0.0.1,localhost,::1',
		});
		// Under a test runner NODE_ENV is `test`, and n8n's logger then prints nothing, the run data included.
		for (const name of Object.keys(environment)) if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete environment[name];
		this.#env = { ...environment, NODE_ENV: 'production' };
	}

	/** A new instance in a temporary folder, for the n8n entry script `bin`. */
	static async create(bin: string): Promise<N8nInstance> {
		const root = await mkdtemp(join(tmpdir(), 'wamedia-n8n-'));
		return new N8nInstance(bin, root, await freePort());
	}

	/** Runs an n8n CLI command; resolves with its exit code and output. */
	n8n(args: string[]): Promise<{ exitCode: number; output: string }> {
		return run(process.execPath, [this.#bin, ...args], { cwd: this.root, env: this.#env }).then(
			(output) => ({ exitCode: 0, output }),
			(error: Error & { output?: string }) => {
				const match = /exited with (\d+)/.exec(error.message);
				if (error.output === undefined) throw error;
				return { exitCode: Number(match?.[1] ?? 1), output: error.output };
			},
		);
	}

	/**
	 * Installs a packed tarball as n8n installs a community package: extracted into
	 * `<user folder>/.n8n/nodes/node_modules/<name>`, its dev, peer and optional dependencies dropped, and
	 * `npm install` run there (which must succeed without any dependency: the package is self-contained).
	 */
	async installPackage(tarball: string): Promise<string> {
		const target = join(this.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-wamedia');
		await mkdir(target, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { cwd: this.root });
		const manifestPath = join(target, 'package.json');
		const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
		for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
		await writeFile(manifestPath, `${JSON.stringify(manifest, null, '\t')}\n`);
		await run(
			'npm',
			[
				'install',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts',
				'--package-lock=false',
				'--offline',
				'--loglevel=error',
			],
			{ cwd: target },
		);
		return target;
	}

	/** Imports credentials (their `data` in plain text: n8n encrypts it). */
	async importCredentials(credentials: CredentialFile[]): Promise<void> {
		const file = join(this.root, 'credentials.json');
		await writeFile(file, JSON.stringify(credentials));
		const result = await this.n8n(['import:credentials', `--input=${file}`]);
		await rm(file, { force: true });
		if (result.exitCode !== 0) throw new Error(`n8n import:credentials failed:\n${result.output}`);
	}

	/** Imports workflows. */
	async importWorkflows(workflows: WorkflowFile[]): Promise<void> {
		const file = join(this.root, 'workflows.json');
		await writeFile(file, JSON.stringify(workflows));
		const result = await this.n8n(['import:workflow', `--input=${file}`]);
		if (result.exitCode !== 0) throw new Error(`n8n import:workflow failed:\n${result.output}`);
	}

	/** Executes an imported workflow with `n8n execute --rawOutput` and reads its run data. */
	async execute(id: string): Promise<Execution> {
		const { exitCode, output } = await this.n8n(['execute', `--id=${id}`, '--rawOutput']);
		const { resultData = {} } = runData(output);
		const nodes: Execution['nodes'] = {};
		for (const [name, runs] of Object.entries(resultData.runData ?? {})) {
			const main = (runs[0]?.data as { main?: Array<Array<Record<string, unknown>> | null> } | undefined)?.main;
			nodes[name] = main?.[0] ?? [];
		}
		return { exitCode, output, nodes, error: resultData.error };
	}

	/** The bytes n8n's filesystem binary-data store holds for a binary field's `id`. */
	async binaryBytes(id: string): Promise<Buffer> {
		const [, path = ''] = /^filesystem(?:-v2)?:(.*)$/.exec(id) ?? [];
		return readFile(join(this.binaryStore, path));
	}

	/** Removes the instance's folder. */
	async remove(): Promise<void> {
		await rm(this.root, { recursive: true, force: true });
	}
}
