import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

/**
 * The esbuild settings of `dist/index.js`: one ESM file for Node 24 holding the action and its dependencies.
 * Deterministic (no sourcemap, no timestamps), so the committed bundle can be checked against the sources.
 * Core is bundled from its sources, so the bundle depends on them alone and not on whether core was built.
 */
export const bundleOptions = {
	absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
	entryPoints: ['src/index.ts'],
	alias: { '@wamedia/core/inputs': '../core/src/inputs/index.ts', '@wamedia/core': '../core/src/index.ts' },
	outfile: 'dist/index.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node24',
	charset: 'utf8',
	logLevel: 'warning',
	// CommonJS dependencies (tunnel, under @actions/http-client) call require() for Node built-ins, which an
	// ESM bundle lacks without this banner (docs/actions.md#bundling).
	banner: {
		js: "import { createRequire as __wamediaCreateRequire } from 'node:module';\nconst require = __wamediaCreateRequire(import.meta.url);",
	},
} satisfies BuildOptions;

if (import.meta.main) await build(bundleOptions);
