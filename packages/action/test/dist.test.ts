import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../scripts/bundle.ts';
import { bundlePath, packageDirectory } from './run-action.js';

async function rebuild(): Promise<Buffer> {
	const result = await build({ ...bundleOptions, write: false });
	const [output] = result.outputFiles;
	if (!output) throw new Error('esbuild wrote nothing');
	return Buffer.from(output.contents);
}

const stale = 'dist/index.js is not the build of the current sources: run `pnpm build` and commit packages/action/dist/';

describe('dist/index.js', () => {
	it('on disk is the build of the current sources', async () => {
		const [fresh, onDisk] = await Promise.all([rebuild(), readFile(bundlePath)]);
		expect(onDisk.equals(fresh), stale).toBe(true);
	});

	// Locally a rebuilt but uncommitted bundle is normal; in CI (after `turbo run build` rewrote the file) only the
	// committed blob tells whether the commit carried a current bundle, as actions/typescript-action's check-dist does.
	it.runIf(process.env.CI)('as committed is the build of the current sources', async () => {
		const committed = execFileSync('git', ['show', 'HEAD:./dist/index.js'], { cwd: packageDirectory, maxBuffer: 64 * 1024 * 1024 });
		expect(committed.equals(await rebuild()), stale).toBe(true);
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
});
