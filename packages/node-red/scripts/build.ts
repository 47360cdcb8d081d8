// Builds dist/: the runtime bundle (this package's TypeScript and @wamedia/core in one CommonJS file, so it
// loads on Node-RED 4.x `require` and 5.x `import` with no runtime dependencies), and beside it the editor
// file, the message catalogs, the help and the icon, where Node-RED's loader looks for them.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
	// A CommonJS entry, so `module.exports` is the node function itself rather than `{ default }`.
	stdin: { contents: "module.exports = require('./src/index.ts').default;", resolveDir: root, sourcefile: 'wamedia.cjs' },
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node22',
	outfile: `${dist}/wamedia.js`,
	legalComments: 'linked',
	logLevel: 'warning',
});
// The package is "type": "module" for its scripts and tests; this marks the bundle as CommonJS.
await writeFile(`${dist}/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, '\t')}\n`);
await cp(`${root}src/wamedia.html`, `${dist}/wamedia.html`);
await cp(`${root}src/locales`, `${dist}/locales`, { recursive: true });
await cp(`${root}src/icons`, `${dist}/icons`, { recursive: true });
