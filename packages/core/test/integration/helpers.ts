import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@wamedia/sandbox';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ClientOptions, createClient, type OutputFormat, type WamediaClient } from '../../src/index.js';

/** Starts one sandbox for the test file; faults and the request log are cleared after each test. */
export function useSandbox(): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => {
		sandbox?.faults.clear();
		sandbox?.requests.clear();
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (sandbox === undefined) throw new Error('sandbox not started');
		return sandbox;
	};
}

const directories: string[] = [];
afterAll(async () => {
	await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A fresh empty directory, removed after the file's tests. */
export async function temporaryDirectory(): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'wamedia-test-'));
	directories.push(directory);
	return directory;
}

/** Every entry of a directory, hidden temporary files included. */
export async function entries(directory: string): Promise<string[]> {
	return (await readdir(directory)).sort();
}

export function sha256(data: Uint8Array | string): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Fast retries, so fault tests take milliseconds. */
export const quickRetry = { limit: 3, delay: 10, maxDelay: 50, maxRetryAfter: 5_000 };

/** A client with the sandbox's Green-API and Multi-Session credentials. */
export function sandboxClient<F extends OutputFormat = 'file'>(
	sandbox: Sandbox,
	options: ClientOptions & { format?: F } = {},
): WamediaClient<F> {
	return createClient({
		greenApi: sandbox.greenApi,
		multiSession: sandbox.multiSession,
		retry: quickRetry,
		timeout: 5_000,
		...options,
	});
}

/** A loopback port nothing listens on (it was free a moment ago). */
export function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
