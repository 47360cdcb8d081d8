import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type PublishedPackage, publishedPackages } from './published-packages.ts';

const run = promisify(execFile);

/** The repository root. */
export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** pnpm's own script, from the root's devDependencies (its package exports nothing), so packing needs no global pnpm. */
function pnpmScript(): string {
	return join(repositoryRoot, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
}

/**
 * Packs each package with `pnpm pack` into `destination` and returns the tarball of each, by package name.
 * pnpm (unlike npm) rewrites `workspace:` ranges into versions, as `pnpm publish` does; the packages must be built
 * (`pnpm build`), since packing only collects their `files`.
 */
export async function packPackages(
	destination: string,
	packages: readonly PublishedPackage[] = publishedPackages,
): Promise<Map<string, string>> {
	const tarballs = new Map<string, string>();
	for (const { name, directory } of packages) {
		const before = new Set(await readdir(destination));
		await run(process.execPath, [pnpmScript(), 'pack', '--pack-destination', destination], {
			cwd: join(repositoryRoot, directory),
			maxBuffer: 16 * 1024 * 1024,
		});
		const added = (await readdir(destination)).filter((file) => file.endsWith('.tgz') && !before.has(file));
		if (added.length !== 1) throw new Error(`pnpm pack of ${name} left ${added.length} new tarballs in ${destination}`);
		tarballs.set(name, join(destination, added[0] as string));
	}
	return tarballs;
}
