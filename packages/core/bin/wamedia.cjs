#!/usr/bin/env -S node --liftoff-only --initial-old-space-size=32 --expose-gc --semi-space-growth-factor=1 --single-threaded
// The `wamedia` command. It is committed rather than built, so that installing links it even before the first
// build; it runs the built CLI (one bundle, dist/cli/bin.js), or says how to build it. It is CommonJS, so that
// `wamedia --version` never starts Node's ES module loader (its built-ins are compiled anew when Node runs with
// flags of its own, such as these). Node's flags only take effect at start, hence this line
// (docs/transfer.md#start-up):
// - `--liftoff-only` keeps V8 from compiling undici's HTTP parser (WebAssembly, loaded for API calls only)
//   a second time with its optimizing compiler, whose memory would be the largest part of the CLI's peak
//   beyond Node itself. The parser only skims JSON answers, so its baseline code is fast enough.
// - `--initial-old-space-size=32` lets the old generation reach 32 MB before V8 starts collecting it: a batch of
//   small files promotes some of every in-flight download's objects, and with V8's tight first limits that
//   meant a full collection every 60 files. The heap itself stays near 12 MB, so the peak does not move.
// - `--expose-gc` and `--semi-space-growth-factor=1` are the CLI's memory bound (src/cli/bound-memory.ts):
//   set here, they cost no module at start; started another way, the CLI sets them itself.
// - `--single-threaded` keeps V8's compilers and garbage collector on the main thread. A command lives for
//   seconds: V8's helper threads cost more CPU in hand-offs and speculative work than they save, and on a
//   machine whose other cores are busy (the server, the disk's work) that CPU is the batch's time. A batch
//   of 1,000 small files used 11 % less CPU and 20 MB less memory, and finished sooner on a busy machine;
//   `serve` answers a burst's slowest webhooks about 10 ms later (docs/transfer.md#where-a-batchs-time-goes-now).
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const cli = join(__dirname, '..', 'dist', 'cli', 'bin.js');
if (process.argv.length === 3 && process.argv[2] === '--version') {
	// The most frequent quick call: answered from package.json, with no module of the CLI loaded.
	const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
	process.stdout.write(`${version}\n`);
} else if (existsSync(cli)) {
	import(pathToFileURL(cli).href);
} else {
	process.stderr.write('wamedia is not built yet. In the repository, run: npx -y pnpm@10.34.9 build\n');
	process.exitCode = 1;
}
