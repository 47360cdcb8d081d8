#!/usr/bin/env -S node --liftoff-only --initial-old-space-size=32
// The `wamedia` command. It is committed rather than built, so that installing links it even before the first
// build; it runs the built CLI, or says how to build it. `--liftoff-only` keeps V8 from compiling undici's HTTP
// parser (WebAssembly) a second time with its optimizing compiler: that compilation's memory is the largest
// part of the CLI's peak beyond Node itself (docs/transfer.md#memory). The parser only skims bodies, so its
// baseline code is fast enough. `--initial-old-space-size=32` lets the old generation reach 32 MB before V8 starts
// collecting it: a batch of small files promotes some of every in-flight download's objects, and with V8's
// tight first limits that meant a full collection every 60 files (docs/transfer.md#start-up). The heap
// itself stays near 12 MB, so the peak does not move. Both flags only take effect at start, hence this line.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/bin.js', import.meta.url);
if (existsSync(cli)) {
	await import(cli.href);
} else {
	process.stderr.write('wamedia is not built yet. In the repository, run: npx -y pnpm@10.34.9 build\n');
	process.exitCode = 1;
}
