#!/usr/bin/env node
const argv = process.argv.slice(2);

if (argv.length === 1 && argv[0] === '--version') {
	// The most frequent quick call loads nothing but the version.
	const { version } = await import('../version.js');
	process.stdout.write(`${version}\n`);
} else {
	const { enableCompileCache } = await import('./compile-cache.js');
	enableCompileCache(process.env);
	const [{ runCli }, { boundMemory }] = await Promise.all([import('./run-cli.js'), import('./bound-memory.js')]);
	await boundMemory();
	// Ctrl-C cancels the downloads: their temporary files are removed before the process exits.
	const controller = new AbortController();
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			controller.abort(new Error(`Interrupted by ${signal}`));
			process.exitCode = 130;
		});
	}
	const status = await runCli(argv, {
		env: process.env,
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: process.stderr,
		signal: controller.signal,
	});
	// A command that finished its own way after the signal (serve exits 0 on SIGTERM) keeps its status.
	process.exitCode = controller.signal.aborted && status !== 0 ? 130 : status;
}
