// Installs the real n8n (pinned, outside the lockfile) into a cache folder that outlives test runs, the way
// docs/n8n.md describes: npm with --omit=dev --ignore-scripts (a postinstall of a Kafka client downloads a
// native library, which fails offline and rolls the whole install back), then sqlite3 built from source
// against the headers of the Node that runs the tests. A marker file says the cache is complete.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** The n8n the package is tested on (2.41.3 needs a package the registry here lacks: docs/n8n.md). */
export const n8nVersion = '2.41.1';

/** Where n8n is installed: `$WAMEDIA_N8N_CACHE`, else `~/.cache/wamedia-n8n` (the OS temp dir without a home). */
export function n8nCacheDir(): string {
	const configured = process.env.WAMEDIA_N8N_CACHE;
	if (configured !== undefined && configured !== '') return configured;
	const home = homedir();
	return join(home === '' ? tmpdir() : home, '.cache', 'wamedia-n8n');
}

/** Environment for npm and node-gyp: the Node that runs this script first on the PATH. */
export function nodeEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/** Runs a command, collecting its output; rejects with the tail of the output when it fails. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? nodeEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(output);
			else reject(Object.assign(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`), { output }));
		});
	});
}

/** An install that failed because the registry could not be reached or lacks a package: the e2e test skips. */
export class RegistryUnavailable extends Error {}

const registryFailure = /\b(E404|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ETARGET)\b/;

/**
 * A directory with the C headers of this Node (`include/node/node.h`) for node-gyp's `--nodedir`. The
 * `node` npm package the project installs ships them in its platform package; otherwise that package
 * (`node-<platform>-<arch>` at this Node's version) is fetched from the npm registry into the cache.
 */
export async function nodeHeaders(cache: string): Promise<string> {
	const platformPackage = `node-${process.platform}-${process.arch}`;
	const candidates = [
		join(dirname(process.execPath), '..'),
		join(dirname(process.execPath), '..', 'node_modules', platformPackage),
		join(cache, 'headers', 'node_modules', platformPackage),
	];
	const found = candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node.h')));
	if (found !== undefined) return found;
	const target = join(cache, 'headers');
	await mkdir(target, { recursive: true });
	await writeFile(join(target, 'package.json'), '{"private":true}\n');
	const version = process.versions.node;
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `${platformPackage}@${version}`], {
		cwd: target,
	});
	return join(target, 'node_modules', platformPackage);
}

/** The n8n entry script in a complete cache, or undefined. */
async function installed(cache: string): Promise<string | undefined> {
	const marker = join(cache, '.wamedia-n8n');
	const bin = join(cache, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(marker) || !existsSync(bin)) return undefined;
	return (await readFile(marker, 'utf8')).trim() === `${n8nVersion} node ${process.versions.modules}` ? bin : undefined;
}

/**
 * The path of n8n's entry script, installing n8n into the cache first when it is not there (about 4 minutes
 * and 3 GB the first time). Throws {@link RegistryUnavailable} when the registry cannot serve the install.
 */
export async function ensureN8n(log: (line: string) => void = () => {}): Promise<string> {
	const cache = n8nCacheDir();
	const ready = await installed(cache);
	if (ready !== undefined) return ready;
	log(`Installing n8n ${n8nVersion} into ${cache} (the first time takes about 4 minutes and 3 GB)`);
	await mkdir(cache, { recursive: true });
	await rm(join(cache, '.wamedia-n8n'), { force: true });
	await writeFile(join(cache, 'package.json'), '{"private":true,"description":"n8n for the n8n-nodes-wamedia tests"}\n');
	try {
		await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${n8nVersion}`], {
			cwd: cache,
		});
	} catch (error) {
		const output = String((error as { output?: string }).output ?? '');
		if (registryFailure.test(output)) throw new RegistryUnavailable(`npm could not install n8n@${n8nVersion}: ${output.slice(-600)}`);
		throw error;
	}
	const headers = await nodeHeaders(cache);
	log(`Building sqlite3 from source against ${headers}`);
	// n8n keeps its database in SQLite; --ignore-scripts skipped the native build, and no prebuilt binary can be fetched.
	// sqlite3's install script is `prebuild-install || node-gyp rebuild`: build_from_source skips the download, nodedir
	// points node-gyp at local headers instead of downloading them from nodejs.org.
	await run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
		cwd: cache,
		env: nodeEnvironment({ npm_config_build_from_source: 'true', npm_config_nodedir: headers }),
	});
	await writeFile(join(cache, '.wamedia-n8n'), `${n8nVersion} node ${process.versions.modules}\n`);
	return join(cache, 'node_modules', 'n8n', 'bin', 'n8n');
}
