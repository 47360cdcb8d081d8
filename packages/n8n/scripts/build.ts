// Builds dist/ as n8n loads a community package: one CommonJS file per node and per credential (n8n
// `require`s each path of the package.json `n8n` block and takes the export named after the file), with
// @wamedia/core bundled in so the package has no runtime dependencies, and the icon beside each file that
// names it. n8n-workflow stays external: n8n hands its own copy to community nodes (docs/n8n.md).
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const credentials = (await readdir(`${root}src/credentials`)).filter((name) => name.endsWith('.credentials.ts'));

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
	entryPoints: [`${root}src/nodes/Wamedia/Wamedia.node.ts`, ...credentials.map((name) => `${root}src/credentials/${name}`)],
	outbase: `${root}src`,
	outdir: dist,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node22.9',
	external: ['n8n-workflow'],
	legalComments: 'linked',
	logLevel: 'warning',
});
// The package is "type": "module" for its scripts and tests; this marks the bundles as CommonJS.
await writeFile(`${dist}/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, '\t')}\n`);
await cp(`${root}src/nodes/Wamedia/wamedia.svg`, `${dist}/nodes/Wamedia/wamedia.svg`);
await cp(`${root}src/nodes/Wamedia/wamedia.svg`, `${dist}/credentials/wamedia.svg`);
