import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

/**
 * undici's HTTP/2 client requires `node:http2` as undici loads, though wamedia never asks for HTTP/2; building
 * that module costs the CLI about a tenth of its start (docs/transfer.md#start-up). undici runs on Node builds
 * without `http2` (its client then gets an empty `constants` object): the CLI's bundle hands it exactly that.
 * Only that one require of that one file is answered so; the library loads undici as it is.
 */
const withoutHttp2: Plugin = {
	name: 'without-http2',
	setup(builder) {
		builder.onResolve({ filter: /^(node:)?http2$/ }, (args) =>
			/[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/.test(args.importer)
				? { path: 'http2-unused', namespace: 'wamedia' }
				: undefined,
		);
		builder.onLoad({ filter: /.*/, namespace: 'wamedia' }, () => ({ contents: 'module.exports = { constants: {} };', loader: 'js' }));
	},
};

/**
 * The `wamedia` command as one ESM entry (`dist/cli/bin.js`) and the chunks it loads on demand: the CLI and its
 * dependencies bundled, so that a run reads a few files instead of resolving and loading some two hundred
 * modules one by one (docs/transfer.md#start-up). What a command does not use — `serve` and its metrics,
 * the progress bar, file-type's sniffer — stays in chunks of its own, loaded on first use.
 */
export const cliBundleOptions = {
	absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
	entryPoints: { bin: 'src/cli/bin.ts' },
	outdir: 'dist/cli',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	charset: 'utf8',
	logLevel: 'warning',
	plugins: [withoutHttp2],
	// CommonJS dependencies (undici, cli-progress) call require() for Node built-ins, which an ESM bundle lacks.
	banner: {
		js: "import { createRequire as __wamediaCreateRequire } from 'node:module';\nconst require = __wamediaCreateRequire(import.meta.url);",
	},
} satisfies BuildOptions;

if (import.meta.main) await build(cliBundleOptions);
