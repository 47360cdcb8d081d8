#!/usr/bin/env node
import { runCli } from './run-cli.js';

// Ctrl-C cancels the downloads: their temporary files are removed before the process exits.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		controller.abort(new Error(`Interrupted by ${signal}`));
		process.exitCode = 130;
	});
}

const status = await runCli(process.argv.slice(2), {
	env: process.env,
	stdin: process.stdin,
	stdout: process.stdout,
	stderr: process.stderr,
	signal: controller.signal,
});
process.exitCode = controller.signal.aborted ? 130 : status;
