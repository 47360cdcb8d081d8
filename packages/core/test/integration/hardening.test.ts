import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { runWamedia } from './cli.js';
import { entries, sandboxClient, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
const storageRequests = () =>
	sandbox()
		.requests.list()
		.filter((request) => request.server === 'storage');

/** The sandbox's storage link for a media id, under a host name the test's resolver answers for. */
function namedLink(id: string, hostname: string): string {
	const url = new URL(sandbox().storageLink(id));
	url.hostname = hostname;
	return url.href;
}

/** A resolver that answers each call with the next list, the last one repeated; records the calls. */
function scriptedResolver(...answers: string[][]) {
	const calls: string[] = [];
	const lookup = async (hostname: string) => {
		calls.push(hostname);
		const list = answers[Math.min(calls.length, answers.length) - 1] ?? [];
		return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
	};
	return { calls, lookup };
}

describe('DNS rebinding: the policy judges the address actually connected to', () => {
	it('resolves once per connection and connects to exactly the address it judged', async () => {
		// A second lookup would answer the metadata address; with one lookup per connection it never happens.
		const { calls, lookup } = scriptedResolver(['127.0.0.1'], ['169.254.169.254']);
		const directory = await temporaryDirectory();
		const result = await createClient({ allowPrivateNetwork: true, lookup, directory, retry: 0 }).download({
			downloadUrl: namedLink('image', 'media.rebind.test'),
		});
		expect(sha256(await readFile((result as { path: string }).path))).toBe(sandbox().media.get('image').sha256);
		expect(calls).toEqual(['media.rebind.test']);
		expect(storageRequests()).toHaveLength(1);
	});

	it('refuses a name that resolves to loopback when private networks are not allowed: no request is sent', async () => {
		const { calls, lookup } = scriptedResolver(['127.0.0.1']);
		const directory = await temporaryDirectory();
		const outcome = await createClient({ lookup, directory, retry: 0 })
			.download({ downloadUrl: namedLink('image', 'media.rebind.test') })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'BLOCKED_URL', details: { host: 'media.rebind.test', address: '127.0.0.1' } });
		expect(calls).toEqual(['media.rebind.test']);
		expect(storageRequests()).toHaveLength(0);
		expect(await entries(directory)).toEqual([]);
	});

	it('refuses a metadata answer even with private networks allowed, for API calls too', async () => {
		const { lookup } = scriptedResolver(['169.254.169.254']);
		const apiUrl = new URL(sandbox().greenApi.apiUrl);
		apiUrl.hostname = 'api.rebind.test';
		const outcome = await createClient({
			greenApi: { ...sandbox().greenApi, apiUrl: apiUrl.href },
			allowPrivateNetwork: true,
			lookup,
			retry: 0,
		})
			.download({ chatId: '79001234567@c.us', idMessage: sandbox().media.get('image').idMessage })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'BLOCKED_URL' });
		expect(sandbox().requests.list()).toHaveLength(0);
	});
});

describe('cancel: always ABORTED, never a file', () => {
	it('an already-aborted signal ends in ABORTED with its reason as cause, before any request', async () => {
		const directory = await temporaryDirectory();
		const reason = new Error('user pressed stop');
		const outcome = await sandboxClient(sandbox(), { directory })
			.download({ downloadUrl: sandbox().storageLink('image') }, { signal: AbortSignal.abort(reason) })
			.catch((error: unknown) => error as Error & { cause: Error });
		expect(outcome).toMatchObject({ code: 'ABORTED', retryable: false });
		expect((outcome as { cause: Error }).cause.message).toBe('user pressed stop');
		expect(storageRequests()).toHaveLength(0);
		expect(await entries(directory)).toEqual([]);
	});

	it('a cancel after the last byte, before the commit, still wins: no file, ABORTED', async () => {
		const directory = await temporaryDirectory();
		const controller = new AbortController();
		const outcome = await sandboxClient(sandbox(), {
			directory,
			// The final progress report comes after the last byte and before the file is committed.
			onProgress: (progress) => {
				if (progress.percent === 1) controller.abort(new Error('too late?'));
			},
		})
			.download({ downloadUrl: sandbox().storageLink('image') }, { signal: controller.signal })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'ABORTED' });
		expect(await entries(directory)).toEqual([]);
	});

	it('a cancel mid-body stops the transfer even after garbage collection', async () => {
		sandbox().faults.add({ server: 'storage', type: 'slow', bytesPerSecond: 512 * 1024 });
		const directory = await temporaryDirectory();
		const controller = new AbortController();
		const running = sandboxClient(sandbox(), { directory })
			.download({ downloadUrl: sandbox().storageLink('large') }, { signal: controller.signal })
			.catch((error: unknown) => error);
		await new Promise((resolve) => setTimeout(resolve, 300));
		// A full collection here is what once made an aborted signal go unheard (the request carrying it was collected).
		setFlagsFromString('--expose-gc');
		(runInNewContext('gc') as () => void)();
		controller.abort(new Error('stop'));
		expect(await running).toMatchObject({ code: 'ABORTED' });
		expect(await entries(directory)).toEqual([]);
	});

	it('a cancel while waiting for the downloadFile rate limit is ABORTED', async () => {
		const client = sandboxClient(sandbox());
		const reference = { chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage };
		const window = Array.from({ length: 5 }, () => client.resolveLink(reference));
		const controller = new AbortController();
		const waiting = client.resolveLink(reference, { signal: controller.signal }).catch((error: unknown) => error);
		setTimeout(() => controller.abort(new Error('enough')), 50);
		expect(await waiting).toMatchObject({ code: 'ABORTED' });
		await Promise.all(window);
	});

	it('downloadMany with an aborted signal gives every unfinished item ABORTED', async () => {
		const directory = await temporaryDirectory();
		const controller = new AbortController();
		controller.abort();
		const results = await sandboxClient(sandbox(), { directory }).downloadMany(
			[
				{ downloadUrl: sandbox().storageLink('image') },
				{ chatId: '79001234567@c.us', idMessage: sandbox().media.get('png').idMessage },
				{ nonsense: true } as never,
			],
			{ signal: controller.signal },
		);
		expect(results.map((result) => (result.success ? 'ok' : result.error.code))).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
		expect(await entries(directory)).toEqual([]);
	});
});

describe('no failure crashes the process', () => {
	it('a stream download that fails before its first byte only rejects', async () => {
		// Run in a child process: an unhandled 'error' event would kill it.
		const script = `
			import { createClient } from ${JSON.stringify(join(import.meta.dirname, '../../dist/index.js'))};
			const outcome = await createClient({ allowPrivateNetwork: true, retry: 0 })
				.download({ downloadUrl: ${JSON.stringify(`${sandbox().storageLink('image')}`)} }, { format: 'stream' })
				.then(() => 'resolved', (error) => error.code);
			await new Promise((resolve) => setTimeout(resolve, 100));
			console.log(outcome);
		`;
		sandbox().faults.add({ server: 'storage', type: 'status', status: 404 });
		const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
		expect(stdout.trim()).toBe('MEDIA_NOT_FOUND');
	});
});

describe('unusable output directories end in a typed error within seconds', () => {
	it.each(['/proc/self/wamedia-test/deeper', '/proc/1/fd/x', '/dev/null/x'])('%s', async (directory) => {
		const outcome = await sandboxClient(sandbox(), { directory })
			.download({ downloadUrl: sandbox().storageLink('image') })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'INVALID_INPUT', details: { directory } });
	});

	it('the CLI with --out under /proc exits with a usage error, at once', async () => {
		const run = await runWamedia([
			'download',
			'--download-url',
			sandbox().storageLink('image'),
			'--allow-private-network',
			'-o',
			'/proc/self/x/y',
		]);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('INVALID_INPUT');
	});
});

describe('a lying server never yields a spliced file', () => {
	it('a 206 to a request without Range is INTEGRITY, and nothing is written', async () => {
		sandbox().faults.add({ server: 'storage', type: 'partial-to-plain' });
		const directory = await temporaryDirectory();
		const outcome = await sandboxClient(sandbox(), { directory })
			.download({ downloadUrl: sandbox().storageLink('image') })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'INTEGRITY' });
		expect(await entries(directory)).toEqual([]);
	});

	it('a 206 of the whole body from 0 to a plain GET is accepted', async () => {
		const size = sandbox().media.get('image').size;
		sandbox().faults.add({ server: 'storage', type: 'partial-to-plain', start: 0, end: size - 1 });
		const directory = await temporaryDirectory();
		const result = await sandboxClient(sandbox(), { directory }).download({ downloadUrl: sandbox().storageLink('image') });
		expect(sha256(await readFile((result as { path: string }).path))).toBe(sandbox().media.get('image').sha256);
	});

	it('a resume whose validator changed restarts from zero into a file: the result is one whole, verified file', async () => {
		sandbox().faults.add({ server: 'storage', type: 'reset', afterBytes: 1_000_000 });
		sandbox().faults.add({ server: 'storage', type: 'changing-etag', changeBytes: true });
		const directory = await temporaryDirectory();
		const result = await sandboxClient(sandbox(), { directory }).download({ downloadUrl: sandbox().storageLink('large') });
		const requests = storageRequests();
		expect(requests.map((request) => [request.status, request.headers.range ?? null])).toEqual([
			[200, null],
			[206, 'bytes=1000000-'],
			[200, null],
		]);
		expect(sha256(await readFile((result as { path: string }).path))).toBe(sandbox().media.get('large').sha256);
		expect(result.sha256).toBe(sandbox().media.get('large').sha256);
	});

	it('a resume whose validator changed is INTEGRITY for a stream, which cannot start over', async () => {
		sandbox().faults.add({ server: 'storage', type: 'reset', afterBytes: 1_000_000 });
		sandbox().faults.add({ server: 'storage', type: 'changing-etag' });
		const result = await sandboxClient(sandbox()).download({ downloadUrl: sandbox().storageLink('large') }, { format: 'stream' });
		if (result.format !== 'stream') throw new Error('expected a stream');
		result.stream.resume();
		await expect(result.done).rejects.toMatchObject({ code: 'INTEGRITY' });
	});
});

describe('Authorization goes only to the configured origin, on chains that never left it', () => {
	const multiSessionLink = (id: string) => `${sandbox().multiSession.serverUrl}${sandbox().multiSessionPath(id)}`;

	it('a link on another origin that redirects to the configured server does not get the key', async () => {
		sandbox().faults.add({ server: 'storage', type: 'redirect', location: multiSessionLink('png') });
		const outcome = await sandboxClient(sandbox())
			.download({ downloadUrl: sandbox().storageLink('image') }, { format: 'binary' })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'AUTH_FAILED' });
		const hops = sandbox()
			.requests.list()
			.map((request) => [request.server, request.headers.authorization !== undefined]);
		expect(hops).toEqual([
			['storage', false],
			['multiSession', false],
		]);
	});

	it('a chain configured → storage → configured drops the key after leaving and never sends it again', async () => {
		const start = multiSessionLink('image').replace('/temp/', '/redirect/');
		sandbox().faults.add({ server: 'storage', path: '/sw-media/', type: 'redirect', location: multiSessionLink('image'), status: 307 });
		const outcome = await sandboxClient(sandbox())
			.download({ mediaUrl: start }, { format: 'binary' })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'AUTH_FAILED' });
		const hops = sandbox()
			.requests.list()
			.map((request) => [request.server, request.headers.authorization !== undefined]);
		expect(hops).toEqual([
			['multiSession', true],
			['storage', false],
			['multiSession', false],
		]);
	});
});

describe('secrets: redacted before any cut, in every encoding, and never in a file name', () => {
	/** Every 8-character piece of each secret: none may appear anywhere. */
	function expectNoSecret(text: string): void {
		for (const secret of [sandbox().greenApi.apiTokenInstance, sandbox().multiSession.apiKey]) {
			for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')]) {
				for (let start = 0; start + 8 <= form.length; start++) expect(text).not.toContain(form.slice(start, start + 8));
			}
		}
	}
	const errorText = (error: unknown): string => {
		const json = (error as { toJSON(): unknown }).toJSON();
		return `${JSON.stringify(json)}\n${(error as Error).stack}\n${String((error as { cause?: unknown }).cause)}`;
	};

	it.each([
		['json', 'none', 0],
		['text', 'percent', 250],
		['html', 'percent-lower', 280],
		['text', 'base64', 290],
		['json', 'base64url', 295],
	] as const)('an API that echoes the request as %s (%s, padded %i) shows no part of the token', async (format, encoding, padding) => {
		sandbox().faults.add({ server: 'api', type: 'echo', format, encoding, padding, status: 500, times: 10 });
		const outcome = await sandboxClient(sandbox(), { retry: 0 })
			.download({ chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'UPSTREAM_ERROR' });
		expectNoSecret(errorText(outcome));
	});

	it.each([
		['text', 'none', 280],
		['html', 'base64', 260],
	] as const)('a media server that echoes the Bearer key as %s (%s) shows no part of it', async (format, encoding, padding) => {
		sandbox().faults.add({ server: 'multiSession', type: 'echo', format, encoding, padding, status: 403 });
		const outcome = await sandboxClient(sandbox())
			.download({ mediaUrl: sandbox().multiSessionPath('image') }, { format: 'binary' })
			.catch((error: unknown) => error);
		expect(outcome).toMatchObject({ code: 'FORBIDDEN' });
		expectNoSecret(errorText(outcome));
	});

	it('a Content-Disposition that echoes the key does not name the file', async () => {
		sandbox().faults.add({ server: 'multiSession', type: 'content-disposition-echo', from: 'authorization', template: '{value}.jpg' });
		const directory = await temporaryDirectory();
		const result = await sandboxClient(sandbox(), { directory }).download({ mediaUrl: sandbox().multiSessionPath('image') });
		const [name] = await entries(directory);
		expect(name).toBe(result.fileName);
		expectNoSecret(`${name} ${JSON.stringify(result)}`);
		expect(sha256(await readFile(join(directory, name as string)))).toBe(sandbox().media.get('image').sha256);
	});

	it('a link whose path carries the token does not name the file', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		sandbox().media.add({ id: 'leak', kind: 'jpeg', size: 1000, urlName: `${apiTokenInstance}.jpg` });
		const directory = await temporaryDirectory();
		const result = await sandboxClient(sandbox(), { directory }).download({
			chatId: sandbox().chatId,
			idMessage: sandbox().media.get('leak').idMessage,
		});
		expect(await entries(directory)).toEqual([result.fileName]);
		expect(result.fileName).toBe(`${sandbox().media.get('leak').idMessage}.jpg`);
		expectNoSecret(JSON.stringify(result));
	});
});

describe('a body the server compressed although asked for identity', () => {
	/** A loopback server that answers every GET with `body`, gzip-encoded. */
	async function gzipServer(body: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
		const encoded = gzipSync(body);
		const server = createServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': encoded.length });
			response.end(encoded);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		return { url: `http://127.0.0.1:${port}/bomb.bin`, close: () => new Promise((resolve) => server.close(() => resolve())) };
	}

	it('is decoded, and the file and its sha256 are of the decoded bytes', async () => {
		const body = Buffer.from('wamedia '.repeat(100_000));
		const server = await gzipServer(body);
		try {
			const directory = await temporaryDirectory();
			const result = await createClient({ allowPrivateNetwork: true, directory }).download({ downloadUrl: server.url });
			expect(await readFile(join(directory, result.fileName))).toEqual(body);
			expect(result.sha256).toBe(sha256(body));
		} finally {
			await server.close();
		}
	});

	it('a compression bomb ends in TOO_LARGE at maxBytes of decoded bytes, with nothing on disk', async () => {
		const server = await gzipServer(Buffer.alloc(64 * 1024 * 1024));
		try {
			const directory = await temporaryDirectory();
			const outcome = await createClient({ allowPrivateNetwork: true, directory, maxBytes: 1024 * 1024 })
				.download({ downloadUrl: server.url })
				.catch((error: unknown) => error);
			expect(outcome).toMatchObject({ code: 'TOO_LARGE' });
			expect(await entries(directory)).toEqual([]);
		} finally {
			await server.close();
		}
	});
});
