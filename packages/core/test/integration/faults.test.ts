import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { closedPort, entries, sandboxClient, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
const direct = (id: string) => ({ downloadUrl: sandbox().storageLink(id) });
const storageRequests = () =>
	sandbox()
		.requests.list()
		.filter((request) => request.server === 'storage');

/** Downloads to a fresh directory; returns the result or error and what the directory holds after. */
async function attempt(id: string, options: Parameters<typeof sandboxClient>[1] = {}) {
	const directory = await temporaryDirectory();
	const outcome = await sandboxClient(sandbox(), { directory, ...options })
		.download(direct(id))
		.catch((error: unknown) => error as Error);
	return { outcome, files: await entries(directory), directory };
}

async function expectVerifiedFile(outcome: unknown, id: string): Promise<void> {
	const { path } = outcome as { path: string };
	expect(sha256(await readFile(path))).toBe(sandbox().media.get(id).sha256);
}

describe('faults: every one ends in a verified file or a typed error, never a partial file', () => {
	it('429 with Retry-After: waits and succeeds', async () => {
		sandbox().faults.add({ server: 'storage', type: 'rate-limit', retryAfter: '1' });
		const started = performance.now();
		const { outcome } = await attempt('image');
		await expectVerifiedFile(outcome, 'image');
		expect(storageRequests().map((request) => request.status)).toEqual([429, 200]);
		// A lower bound only: honouring Retry-After means waiting at least that long.
		const [limited, retried] = storageRequests().map((request) => request.time);
		expect((retried ?? 0) - (limited ?? 0)).toBeGreaterThanOrEqual(950);
		expect(performance.now() - started).toBeGreaterThanOrEqual(950);
	});

	it('429 asking for longer than maxRetryAfter fails at once with RATE_LIMITED', async () => {
		sandbox().faults.add({ server: 'storage', type: 'rate-limit', retryAfter: '3600' });
		const { outcome, files } = await attempt('image');
		expect(outcome).toMatchObject({ code: 'RATE_LIMITED', status: 429, details: { retryAfter: 3600 } });
		expect(files).toEqual([]);
		expect(storageRequests()).toHaveLength(1);
	});

	it.each([500, 502, 503])('%i once: retried and verified', async (status) => {
		sandbox().faults.add({ server: 'storage', type: 'status', status });
		const { outcome } = await attempt('png');
		await expectVerifiedFile(outcome, 'png');
	});

	it('5xx every time: UPSTREAM_ERROR after the retry limit', async () => {
		sandbox().faults.add({ server: 'storage', type: 'status', status: 503, times: 10 });
		const { outcome, files } = await attempt('png');
		expect(outcome).toMatchObject({ code: 'UPSTREAM_ERROR', status: 503, retryable: true });
		expect(storageRequests()).toHaveLength(4);
		expect(files).toEqual([]);
	});

	it('reset mid-body: resumes with Range and verifies', async () => {
		sandbox().faults.add({ server: 'storage', type: 'reset', afterBytes: 3 * 1024 * 1024 });
		const { outcome } = await attempt('large');
		await expectVerifiedFile(outcome, 'large');
		const [first, second] = storageRequests();
		expect(first?.headers.range).toBeUndefined();
		expect(second?.headers.range).toMatch(/^bytes=\d+-$/);
		expect(second?.status).toBe(206);
		expect(second?.headers['if-range']).toBeDefined();
	});

	it('reset on a server without Range: starts over and verifies', async () => {
		sandbox().faults.add({ server: 'storage', type: 'reset', afterBytes: 512 * 1024 });
		const { outcome } = await attempt('norange');
		await expectVerifiedFile(outcome, 'norange');
		expect(storageRequests().map((request) => request.status)).toEqual([200, 200]);
	});

	it('reset every time: NETWORK, no partial file', async () => {
		sandbox().faults.add({ server: 'storage', type: 'reset', afterBytes: 100_000, times: 10 });
		const { outcome, files } = await attempt('large');
		expect(outcome).toMatchObject({ code: 'NETWORK' });
		expect(files).toEqual([]);
	});

	it('truncated body: resumes and verifies', async () => {
		sandbox().faults.add({ server: 'storage', type: 'truncate', afterBytes: 1_000_000 });
		const { outcome } = await attempt('large');
		await expectVerifiedFile(outcome, 'large');
		expect(storageRequests().map((request) => request.status)).toEqual([200, 206]);
	});

	it('truncated every time: INTEGRITY, no partial file', async () => {
		sandbox().faults.add({ server: 'storage', type: 'truncate', afterBytes: 10_000, times: 10 });
		const { outcome, files } = await attempt('large');
		expect(outcome).toMatchObject({ code: 'INTEGRITY' });
		expect(files).toEqual([]);
	});

	it('stalled body: TIMEOUT after the idle limit, no partial file', async () => {
		sandbox().faults.add({ server: 'storage', type: 'stall', afterBytes: 200_000, times: 10 });
		const { outcome, files } = await attempt('large', { timeout: 300, retry: 1 });
		expect(outcome).toMatchObject({ code: 'TIMEOUT', retryable: true });
		expect(files).toEqual([]);
	});

	it('stalled once: resumes and verifies', async () => {
		sandbox().faults.add({ server: 'storage', type: 'stall', afterBytes: 200_000 });
		const { outcome } = await attempt('large', { timeout: 300 });
		await expectVerifiedFile(outcome, 'large');
	});

	it('slow throughput still completes, and the size is verified', async () => {
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 256 * 1024 });
		const { outcome } = await attempt('png', { timeout: 2_000 });
		await expectVerifiedFile(outcome, 'png');
	});

	it('follows a redirect to another origin', async () => {
		sandbox().faults.add({ server: 'storage', path: 'redirect-me', type: 'redirect', location: sandbox().storageLink('png') });
		const result = await sandboxClient(sandbox(), { format: 'binary' }).download({ downloadUrl: `${sandbox().storageUrl}/redirect-me` });
		expect(result.sha256).toBe(sandbox().media.get('png').sha256);
	});

	it.each([
		['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
		['a file: URL', 'file:///etc/passwd'],
		['IPv6 link-local', 'http://[fe80::1]/x'],
	])('refuses a redirect to %s with BLOCKED_URL', async (_name, location) => {
		sandbox().faults.add({ server: 'storage', type: 'redirect', location });
		const { outcome, files } = await attempt('image');
		expect(outcome).toMatchObject({ code: 'BLOCKED_URL' });
		expect(files).toEqual([]);
	});

	it('refuses a redirect loop after 5 hops', async () => {
		sandbox().faults.add({ server: 'storage', type: 'redirect', location: '/loop', times: 20 });
		const { outcome } = await attempt('image');
		expect(outcome).toMatchObject({ code: 'BLOCKED_URL', message: expect.stringContaining('redirects') });
		expect(storageRequests()).toHaveLength(6);
	});

	it('refuses loopback links unless a configured server is private or the caller opts in', async () => {
		const link = direct('image');
		await expect(createClient().download(link)).rejects.toMatchObject({ code: 'BLOCKED_URL' });
		await expect(createClient({ format: 'binary', allowPrivateNetwork: true }).download(link)).resolves.toMatchObject({ success: true });
		expect(storageRequests()).toHaveLength(1);
	});

	it('no answer to the request: TIMEOUT', async () => {
		// A server that accepts the connection and never answers.
		const silent = createServer(() => undefined).listen(0, '127.0.0.1');
		await new Promise((resolve) => silent.once('listening', resolve));
		const { port } = silent.address() as { port: number };
		try {
			const outcome = await createClient({ allowPrivateNetwork: true, timeout: 200, retry: 1 })
				.download({ downloadUrl: `http://127.0.0.1:${port}/a.jpg` })
				.catch((error: unknown) => error);
			expect(outcome).toMatchObject({ code: 'TIMEOUT', retryable: true });
		} finally {
			silent.close();
			silent.closeAllConnections?.();
		}
	});

	it('connection refused: NETWORK', async () => {
		const port = await closedPort();
		const outcome = await createClient({ allowPrivateNetwork: true, retry: 0 })
			.download({ downloadUrl: `http://127.0.0.1:${port}/a.jpg` })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'NETWORK', retryable: true });
	});

	it('an AbortSignal cancels the download and leaves nothing behind', async () => {
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 1024 * 1024 });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 200);
		const { outcome, files } = await attempt('large', { signal: controller.signal });
		expect(outcome).toMatchObject({ code: 'ABORTED', details: { aborted: true } });
		expect(files).toEqual([]);
	});
});
