#!/usr/bin/env node
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArguments, usage } from './cli-arguments.js';
import { formatBanner } from './cli-banner.js';
import { summarizeSandbox } from './sandbox-summary.js';
import { startSandbox } from './start-sandbox.js';

function write(text: string): Promise<void> {
	return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

async function main(): Promise<void> {
	let cli: ReturnType<typeof parseCliArguments>;
	try {
		cli = parseCliArguments(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`wamedia-sandbox: ${(error as Error).message}\n\n${usage}`);
		process.exitCode = 2;
		return;
	}
	if (cli.help) {
		await write(usage);
		return;
	}
	const sandbox = await startSandbox(cli.options);
	// The printed commands write into a folder of their own, never into the working directory (a clone).
	const banner = cli.json ? '' : formatBanner(sandbox, { directory: await mkdtemp(join(tmpdir(), 'wamedia-try-')) });
	await write(cli.json ? `${JSON.stringify(summarizeSandbox(sandbox))}\n` : banner);
	const stop = (): void => {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		void sandbox.close();
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`wamedia-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
