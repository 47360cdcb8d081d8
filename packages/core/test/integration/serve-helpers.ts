import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from '@wamedia/sandbox';
import { readJournal } from './archive-helpers.js';
import { startWamedia } from './cli.js';
import { temporaryDirectory } from './helpers.js';

/** A running `wamedia serve` child process. */
export interface ServeProcess {
	child: ChildProcessWithoutNullStreams;
	url: string;
	stdout: () => string;
	stderr: () => string;
	/** Resolves to the exit status (or the signal's name) once the process ended. */
	exited: Promise<number | string>;
}

/** The environment of a serve run: every secret through variables, so that none is on the command line. */
export function serveEnvironment(sandbox: Sandbox): Record<string, string> {
	return {
		META_TOKEN: sandbox.meta.accessToken,
		WAHA_KEY: sandbox.waha.apiKey,
		EVOLUTION_KEY: sandbox.evolution.apiKey,
		MULTI_SESSION_KEY: sandbox.multiSession.apiKey,
		APP_SECRET: sandbox.webhookSecrets.metaAppSecret,
		HMAC_KEY: sandbox.webhookSecrets.wahaHmacKey,
		WEBHOOK_TOKEN: sandbox.webhookSecrets.webhookToken,
		VERIFY_TOKEN: 'verify-token-of-the-test',
	};
}

/** A --config file naming every sandbox gateway, each secret as {"env": NAME}. */
export async function serveConfig(sandbox: Sandbox, webhooks: Record<string, string> = defaultWebhookVariables): Promise<string> {
	const path = join(await temporaryDirectory(), 'wamedia.json');
	const config = {
		meta: { accessToken: { env: 'META_TOKEN' }, graphUrl: sandbox.meta.graphUrl },
		waha: { serverUrl: sandbox.waha.serverUrl, apiKey: { env: 'WAHA_KEY' } },
		evolution: { serverUrl: sandbox.evolution.serverUrl, apiKey: { env: 'EVOLUTION_KEY' }, instance: sandbox.evolution.instance },
		multiSession: { serverUrl: sandbox.multiSession.serverUrl, apiKey: { env: 'MULTI_SESSION_KEY' } },
		allowPrivateNetwork: true,
		retry: { limit: 1, delay: 10, maxDelay: 50 },
		timeout: 5_000,
		webhooks: Object.fromEntries(Object.entries(webhooks).map(([name, variable]) => [name, { env: variable }])),
	};
	await writeFile(path, JSON.stringify(config));
	return path;
}

const defaultWebhookVariables = {
	metaAppSecret: 'APP_SECRET',
	metaVerifyToken: 'VERIFY_TOKEN',
	wahaHmacKey: 'HMAC_KEY',
	webhookToken: 'WEBHOOK_TOKEN',
};

/** Starts `wamedia serve --port 0 --json …` and waits for its listening line. */
export async function startServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
	const child = startWamedia(['serve', '--port', '0', '--json', ...args], { env });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
	child.stdin.end();
	const exited = new Promise<number | string>((resolve) => child.on('exit', (status, signal) => resolve(status ?? signal ?? -1)));
	const url = await new Promise<string>((resolve, reject) => {
		const look = () => {
			const line = stdout.split('\n').find((text) => text.includes('"listening"'));
			if (line !== undefined) {
				child.stdout.off('data', look);
				resolve((JSON.parse(line) as { url: string }).url);
			}
		};
		child.stdout.on('data', look);
		exited.then((status) => reject(new Error(`serve exited (${status}) before listening: ${stderr}`)));
	});
	return { child, url, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Polls until the journal holds `count` lines (the test's own timeout bounds the wait). */
export async function journalLines(directory: string, count: number) {
	for (;;) {
		const lines = await readJournal(directory);
		if (lines.length >= count) return lines;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** The bodies waiting in the spool. */
export async function spooled(directory: string): Promise<string[]> {
	const names = await readdir(join(directory, '.wamedia-spool')).catch(() => [] as string[]);
	return names.filter((name) => name.endsWith('.body'));
}

/** Polls until a condition holds (the test's own timeout bounds the wait). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
	while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 25));
}
