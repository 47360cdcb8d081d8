import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../scripts/bundle.ts';
import { bundlePath, packageDirectory } from './run-action.js';

let built: Promise<Buffer> | undefined;
/** One build for the file, in memory, from the sources of this package and of core (about a second). */
function fresh(): Promise<Buffer> {
	built ??= build({ ...bundleOptions, write: false }).then((result) => {
		const [output] = result.outputFiles;
		if (!output) throw new Error('esbuild wrote nothing');
		return Buffer.from(output.contents);
	});
	return built;
}

const stale = 'dist/index.js is not the build of the current sources: run `pnpm build` and commit packages/action/dist/';

describe('dist/index.js', () => {
	// The runner runs what is committed, so that is what must match (actions/typescript-action's check-dist does
	// the same with `git diff`); an edited source without its rebuilt and committed bundle fails here.
	it('as committed is the build of the current sources', async () => {
		const committed = execFileSync('git', ['show', 'HEAD:./dist/index.js'], { cwd: packageDirectory, maxBuffer: 64 * 1024 * 1024 });
		expect(committed.equals(await fresh()), stale).toBe(true);
	});

	it('on disk is the build of the current sources', async () => {
		expect((await readFile(bundlePath)).equals(await fresh()), stale).toBe(true);
	});

	it('is one ESM file that needs no node_modules', async () => {
		const bundle = await readFile(bundlePath, 'utf8');
		expect(bundle.startsWith("import { createRequire as __wamediaCreateRequire } from 'node:module';")).toBe(true);
		const imports = [...bundle.matchAll(/^import\s.*?from\s+["']([^"']+)["']/gm)].map((match) => match[1] ?? '');
		const requires = [...bundle.matchAll(/\b(?:__)?require\(["']([^"']+)["']\)/g)].map((match) => match[1] ?? '');
		expect(imports.length).toBeGreaterThan(10);
		expect(requires.length).toBeGreaterThan(10);
		expect([...imports, ...requires].filter((specifier) => !isBuiltin(specifier))).toEqual([]);
		expect(bundle).not.toMatch(/sourceMappingURL/);
	});

	it('is built from core’s sources, so a stale build of core cannot change it', async () => {
		const bundle = (await fresh()).toString('utf8');
		expect(bundle).toContain('// ../core/src/client.ts');
		expect(bundle).not.toContain('../core/dist/');
	});
});
