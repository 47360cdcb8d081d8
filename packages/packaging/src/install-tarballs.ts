import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Makes `project` an empty npm project and installs the tarballs into it with npm, as a user without a clone
 * would. Their dependencies come from npm's cache when it has them (`--prefer-offline`) and from the registry
 * otherwise. Returns npm's output.
 */
export async function installTarballs(project: string, tarballs: readonly string[]): Promise<string> {
	await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'wamedia-packed-install', private: true }, null, '\t')}\n`);
	const { stdout, stderr } = await run(
		'npm',
		['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-update-notifier', ...tarballs],
		{ cwd: project, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_loglevel: 'warn' } },
	);
	return stdout + stderr;
}
