#!/usr/bin/env node
// The `wamedia-sandbox` command. It is committed rather than built, so that installing links it even before the
// first build; it runs the built sandbox, or says how to build it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bin.js', import.meta.url);
if (existsSync(cli)) {
	await import(cli.href);
} else {
	process.stderr.write('wamedia-sandbox is not built yet. In the repository, run: npx -y pnpm@10.34.9 build\n');
	process.exitCode = 1;
}
