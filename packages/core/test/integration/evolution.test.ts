import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, type DownloadResult, readReferences } from '../../src/index.js';
import { bin, finished, runWamedia } from './cli.js';
import { expectNoSecret, exposedText, failure, gatewayClient, jsonFile, requestsTo } from './gateways.js';
import { entries, quickRetry, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

function key(): string {
	return sandbox().evolution.apiKey;
}

function bytesOf(result: DownloadResult): Buffer {
	if (result.format !== 'binary') throw new Error(`expected binary, got ${result.format}`);
	return result.data;
}

type Upsert = { apikey?: string; data: { message: Record<string, unknown> & { base64?: string } } };

/** The media object of an upsert webhook (`imageMessage`, `documentMessage`, …). */
function mediaObject(body: Upsert): Record<string, unknown> {
	const [name] = Object.keys(body.data.message).filter((field) => field.endsWith('Message'));
	return body.data.message[name as string] as Record<string, unknown>;
}

describe('Evolution API', () => {
	it('fetches a message id with getBase64FromMediaMessage and the apikey, decoding the base64 as it streams', async () => {
		const voice = sandbox().media.get('voice');
		const idMessage = sandbox().evolution.messageId('voice');
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({ provider: 'evolution', idMessage });
		expect(sha256(bytesOf(result))).toBe(voice.sha256);
		expect(result).toMatchObject({
			provider: 'evolution',
			idMessage,
			mimeType: 'audio/ogg',
			// One extension per type: Evolution names voice notes .oga, the other gateways .ogg.
			fileName: `${idMessage}.ogg`,
			size: voice.size,
		});
		const [request, ...rest] = sandbox().requests.list();
		expect(rest).toEqual([]);
		expect(request).toMatchObject({
			server: 'evolution',
			method: 'POST',
			path: `/chat/getBase64FromMediaMessage/${sandbox().evolution.instance}`,
			status: 201,
			headers: { apikey: key(), 'content-type': 'application/json' },
		});
	});

	it('names a document by the answer, and streams into every output format', async () => {
		const document = sandbox().media.get('document');
		const idMessage = sandbox().evolution.messageId('document');
		const directory = await temporaryDirectory();
		const file = await gatewayClient(sandbox(), { directory }).download({ provider: 'evolution', idMessage });
		if (file.format !== 'file') throw new Error('expected a file');
		expect(file).toMatchObject({ fileName: 'Счёт №42.pdf', mimeType: 'application/pdf', sha256: document.sha256 });
		expect(sha256(await readFile(file.path))).toBe(document.sha256);
		expect(await entries(directory)).toEqual(['Счёт №42.pdf']);
		const base64 = await gatewayClient(sandbox(), { format: 'base64' }).download({ provider: 'evolution', idMessage });
		if (base64.format !== 'base64') throw new Error('expected base64');
		expect(sha256(Buffer.from(base64.data, 'base64'))).toBe(document.sha256);
		const stream = await gatewayClient(sandbox(), { format: 'stream' }).download({ provider: 'evolution', idMessage });
		if (stream.format !== 'stream') throw new Error('expected a stream');
		const chunks: Buffer[] = [];
		for await (const chunk of stream.stream) chunks.push(chunk as Buffer);
		expect(sha256(Buffer.concat(chunks))).toBe(document.sha256);
		expect(await stream.done).toMatchObject({ sha256: document.sha256 });
	});

	it('names a file by its message id when the answer gives no name, and takes its type from mimetype', async () => {
		const png = await sandbox().media.bytes('png');
		sandbox().faults.add({
			server: 'evolution',
			type: 'json',
			status: 201,
			body: { base64: png.toString('base64'), mimetype: 'image/png' },
		});
		const idMessage = sandbox().evolution.messageId('image');
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({ provider: 'evolution', idMessage });
		expect(result).toMatchObject({ fileName: `${idMessage}.png`, mimeType: 'image/png', sha256: sandbox().media.get('png').sha256 });
	});

	it.each(['indexed', 'buffer', 'base64'] as const)('verifies a webhook against fileSha256 spelled %s', async (spelling) => {
		const body = sandbox().webhooks.evolution('image', { fileSha256: spelling }) as Upsert;
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(body);
		expect(result).toMatchObject({
			sha256: sandbox().media.get('image').sha256,
			chatId: sandbox().evolution.remoteJid,
			idMessage: sandbox().evolution.messageId('image'),
			caption: 'Sandbox image',
		});
		// The same webhook with the digest of other bytes, in the same spelling.
		const media = mediaObject(body);
		const other = Buffer.alloc(32, 7);
		media.fileSha256 =
			spelling === 'base64'
				? other.toString('base64')
				: spelling === 'buffer'
					? { type: 'Buffer', data: [...other] }
					: Object.fromEntries([...other].map((byte, index) => [String(index), byte]));
		const directory = await temporaryDirectory();
		const error = await failure(gatewayClient(sandbox(), { directory }).download(body));
		expect(error).toMatchObject({ code: 'INTEGRITY', provider: 'evolution', details: { expectedSha256: other.toString('hex') } });
		expect(await entries(directory)).toEqual([]);
	});

	it("takes a webhook's inline base64 first, without a request", async () => {
		const body = sandbox().webhooks.evolution('png', { base64: true, mediaUrl: true }) as Upsert;
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(body);
		expect(result).toMatchObject({ sha256: sandbox().media.get('png').sha256, mimeType: 'image/png' });
		expect(result.downloadUrl).toMatch(/^data:image\/png;base64,$/);
		expect(sandbox().requests.list()).toEqual([]);
		// Broken inline base64, with no other source, is an error of the gateway's answer, not retried.
		const only = sandbox().webhooks.evolution('png', { base64: true }) as Upsert;
		only.data.message.base64 = `${only.data.message.base64?.slice(0, 100)}$$$$`;
		expect(await failure(createClient().download(only))).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: false });
		expect(sandbox().requests.list()).toEqual([]);
	});

	it('passes over inline base64 that does not hold the file: the storage link, then getBase64FromMediaMessage', async () => {
		const { sha256: expected } = sandbox().media.get('png');
		// Cut short in a log: not base64 any more. The storage link serves the file.
		const cut = sandbox().webhooks.evolution('png', { base64: true, mediaUrl: true }) as Upsert;
		cut.data.message.base64 = `${cut.data.message.base64?.slice(0, 101)}…`;
		const fromStorage = await gatewayClient(sandbox(), { format: 'binary' }).download(cut);
		expect(fromStorage.sha256).toBe(expected);
		expect(sandbox().requests.list()).toMatchObject([{ server: 'storage', status: 200 }]);
		sandbox().requests.clear();
		// Cut at a whole group: it decodes, but to fewer bytes than fileSha256 says. Without a storage link, the server is asked.
		const short = sandbox().webhooks.evolution('png', { base64: true }) as Upsert;
		short.data.message.base64 = (short.data.message.base64 ?? '').slice(0, 200);
		const fromServer = await gatewayClient(sandbox(), { format: 'binary' }).download(short);
		expect(fromServer.sha256).toBe(expected);
		expect(sandbox().requests.list()).toHaveLength(1);
		// An inline file larger than maxBytes is refused before it is decoded.
		const big = sandbox().webhooks.evolution('png', { base64: true });
		expect(await failure(gatewayClient(sandbox(), { maxBytes: 100 }).download(big))).toMatchObject({
			code: 'TOO_LARGE',
			details: { size: sandbox().media.get('png').size },
		});
	});

	it('takes the storage link next, with no key, and falls back to the server when it was refused', async () => {
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(sandbox().webhooks.evolution('image', { mediaUrl: true }));
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		const [storage, ...rest] = sandbox().requests.list();
		expect(rest).toEqual([]);
		expect(storage).toMatchObject({ server: 'storage', status: 200 });
		expect(storage?.headers.apikey).toBeUndefined();
		sandbox().requests.clear();
		const expired = await gatewayClient(sandbox(), { format: 'binary' }).download(
			sandbox().webhooks.evolution('image', { mediaUrl: true, expired: true }),
		);
		expect(expired.sha256).toBe(sandbox().media.get('image').sha256);
		expect(
			sandbox()
				.requests.list()
				.map((record) => `${record.server} ${record.status}`),
		).toEqual(['storage 403', 'evolution 201']);
		// Without the server's settings, the expired link is the end.
		sandbox().requests.clear();
		const alone = await failure(
			createClient({ allowPrivateNetwork: true, retry: quickRetry }).download(
				sandbox().webhooks.evolution('image', { mediaUrl: true, expired: true }),
			),
		);
		expect(alone).toMatchObject({ code: 'MEDIA_EXPIRED', status: 403 });
		expect(requestsTo(sandbox(), 'evolution')).toEqual([]);
	});

	it('never sends the key elsewhere, also after a redirect, nor the key a webhook carries', async () => {
		sandbox().faults.add({ server: 'evolution', type: 'redirect', status: 307, location: `${sandbox().storageUrl}/elsewhere` });
		const error = await failure(
			gatewayClient(sandbox()).download({ provider: 'evolution', idMessage: sandbox().evolution.messageId('image') }),
		);
		expect(error.provider).toBe('evolution');
		const [first, second] = sandbox().requests.list();
		expect(first).toMatchObject({ server: 'evolution', status: 307, headers: { apikey: key() } });
		expect(second).toMatchObject({ server: 'storage', method: 'POST' });
		expect(second?.headers.apikey).toBeUndefined();
		sandbox().requests.clear();
		const body = sandbox().webhooks.evolution('image', { apikey: true, mediaUrl: true }) as Upsert;
		const instanceKey = body.apikey as string;
		const result = await createClient({ allowPrivateNetwork: true }).download(body, { format: 'binary' });
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		for (const record of sandbox().requests.list()) expect(JSON.stringify(record)).not.toContain(instanceKey);
		expect(JSON.stringify({ ...result, data: undefined })).not.toContain(instanceKey);
	});

	it.each([
		['an unknown message', 'MEDIA_NOT_FOUND', 400, { idMessage: '3EB0FFFFFFFFFFFF' }],
		['a text message', 'NO_MEDIA', 400, { idMessage: 'text' }],
		['a wrong key', 'AUTH_FAILED', 401, { apiKey: 'WRONG0000KEY0000' }],
		['an unknown instance', 'INVALID_INPUT', 404, { instance: 'shop2' }],
	] as const)('maps %s to %s', async (_name, code, status, change) => {
		const evolution = { serverUrl: sandbox().evolution.serverUrl, apiKey: key(), instance: sandbox().evolution.instance, ...change };
		const given = 'idMessage' in change ? change.idMessage : sandbox().evolution.messageId('image');
		const idMessage = given === 'text' ? sandbox().evolution.textMessageId : given;
		const error = await failure(createClient({ evolution, retry: quickRetry }).download({ provider: 'evolution', idMessage }));
		expect(error).toMatchObject({ code, status, provider: 'evolution' });
		if (code === 'INVALID_INPUT') expect(error.details.field).toBe('instance');
		expect(requestsTo(sandbox(), 'evolution')).toHaveLength(1);
		expectNoSecret(exposedText(error), key());
	});

	it('retries 429, 5xx and a cut answer, starting the body again from zero', async () => {
		sandbox().faults.add({ server: 'evolution', type: 'rate-limit', retryAfter: 0 });
		sandbox().faults.add({ server: 'evolution', type: 'status', status: 502 });
		sandbox().faults.add({ server: 'evolution', type: 'truncate', afterBytes: 30_000 });
		sandbox().faults.add({ server: 'evolution', type: 'reset', afterBytes: 10_000 });
		const result = await gatewayClient(sandbox(), { format: 'binary', retry: { ...quickRetry, limit: 5 } }).download({
			provider: 'evolution',
			idMessage: sandbox().evolution.messageId('document'),
		});
		expect(sha256(bytesOf(result))).toBe(sandbox().media.get('document').sha256);
		expect(requestsTo(sandbox(), 'evolution').map((record) => record.status)).toEqual([429, 502, 201, 201, 201]);
		sandbox().faults.add({ server: 'evolution', type: 'status', status: 503, times: 10 });
		expect(
			await failure(gatewayClient(sandbox()).download({ provider: 'evolution', idMessage: sandbox().evolution.messageId('png') })),
		).toMatchObject({
			code: 'UPSTREAM_ERROR',
			status: 503,
		});
	});

	it('refuses an answer that is not base64 JSON as UPSTREAM_ERROR', async () => {
		for (const body of [
			{ mimetype: 'image/jpeg', base64: 'AAAA!!!!' },
			{ mimetype: 'image/jpeg' },
			{ base64: null },
			['not', 'an', 'object'],
		]) {
			sandbox().faults.add({ server: 'evolution', type: 'json', status: 201, body });
			const error = await failure(
				gatewayClient(sandbox()).download({ provider: 'evolution', idMessage: sandbox().evolution.messageId('image') }),
			);
			expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', retryable: false });
		}
		expect(requestsTo(sandbox(), 'evolution')).toHaveLength(4);
	});

	it('checks maxBytes from the base64 length before decoding, and while decoding', async () => {
		const idMessage = sandbox().evolution.messageId('video');
		const early = await failure(
			gatewayClient(sandbox(), { format: 'binary', maxBytes: 500_000 }).download({ provider: 'evolution', idMessage }),
		);
		expect(early).toMatchObject({ code: 'TOO_LARGE' });
		// Refused at the start of the text: not one byte of the file was taken.
		expect(early.details.size).toBeGreaterThan(500_000);
		sandbox().faults.add({ server: 'evolution', type: 'no-content-length' });
		const late = await failure(
			gatewayClient(sandbox(), { format: 'binary', maxBytes: 500_000 }).download({ provider: 'evolution', idMessage }),
		);
		expect(late).toMatchObject({ code: 'TOO_LARGE' });
		expect(late.details.size).toBeLessThan(600_000);
	});

	it('keeps the key out of errors even when the server echoes it', async () => {
		for (const encoding of ['none', 'base64url', 'percent'] as const) {
			sandbox().faults.add({ server: 'evolution', type: 'echo', status: 400, format: 'json', encoding });
			const error = await failure(
				gatewayClient(sandbox()).download({ provider: 'evolution', idMessage: sandbox().evolution.messageId('image') }),
			);
			expect(error.code).toBe('INVALID_INPUT');
			expectNoSecret(exposedText(error), key());
		}
	});

	it('reads a webhook without media as NO_MEDIA, and keeps it whole in a list', async () => {
		const body = sandbox().webhooks.evolution('image') as { data: { message: Record<string, unknown>; messageType: string } };
		body.data.message = { conversation: 'hello' };
		body.data.messageType = 'conversation';
		expect(await failure(gatewayClient(sandbox()).download(body))).toMatchObject({
			code: 'NO_MEDIA',
			details: { typeMessage: 'conversation' },
		});
		expect(readReferences([body])).toEqual([body]);
		expect(sandbox().requests.list()).toEqual([]);
	});
});

describe('Evolution API from the CLI', () => {
	function server(): string[] {
		return ['--server-url', sandbox().evolution.serverUrl, '--api-key', key(), '--instance', sandbox().evolution.instance];
	}

	it('downloads message ids and webhooks, and never prints the key', async () => {
		const directory = await temporaryDirectory();
		const ids = await runWamedia([
			'download',
			'--provider',
			'evolution',
			'--id-message',
			`${sandbox().evolution.messageId('image')},${sandbox().evolution.messageId('document')}`,
			...server(),
			'-o',
			directory,
			'--json',
			'--verbose',
		]);
		expect(ids.status).toBe(0);
		const lines = ids.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { sha256: string; fileName: string });
		expect(lines.map((line) => line.sha256)).toEqual([sandbox().media.get('image').sha256, sandbox().media.get('document').sha256]);
		expect(ids.stderr).toContain('instance sandbox, apiKey set');
		const file = await jsonFile('evolution.json', sandbox().webhooks.evolution('voice', { fileSha256: 'buffer' }));
		const webhook = await runWamedia(['download', '--webhook', file, '-o', directory, '--json'], {
			env: { WAMEDIA_SERVER_URL: sandbox().evolution.serverUrl, WAMEDIA_API_KEY: key(), WAMEDIA_INSTANCE: sandbox().evolution.instance },
		});
		expect(webhook.status).toBe(0);
		expect(JSON.parse(webhook.stdout)).toMatchObject({ provider: 'evolution', sha256: sandbox().media.get('voice').sha256 });
		for (const run of [ids, webhook]) expectNoSecret(run.stdout + run.stderr, key());
	});

	it('needs the instance, and says which setting is missing', async () => {
		const run = await runWamedia([
			'download',
			'--provider',
			'evolution',
			'--id-message',
			'3EB0',
			'--server-url',
			sandbox().evolution.serverUrl,
			'--api-key',
			key(),
		]);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('--instance');
		expectNoSecret(run.stderr, key());
	});

	it('downloads a 64 MiB file from getBase64FromMediaMessage within bounded memory', async () => {
		const size = 64 * 1024 * 1024;
		const big = sandbox().media.add({ id: 'evolution-big', kind: 'mp4', size });
		const directory = await temporaryDirectory();
		// Reports the peak resident set of the CLI process when it exits.
		const probe = join(directory, 'peak.mjs');
		await writeFile(probe, "process.on('exit', () => process.stderr.write('peak-rss ' + process.resourceUsage().maxRSS + '\\n'));\n");
		const peak = async (id: string): Promise<{ kib: number; sha256: string }> => {
			const args = [
				'download',
				'--provider',
				'evolution',
				'--id-message',
				sandbox().evolution.messageId(id),
				...server(),
				'-o',
				directory,
				'--json',
			];
			// The built CLI as startWamedia runs it, with the probe loaded first.
			const child = spawn(process.execPath, ['--import', probe, bin, ...args], { cwd: directory, env: { PATH: process.env.PATH ?? '' } });
			child.stdin.end();
			const run = await finished(child);
			expect(run.status).toBe(0);
			return { kib: Number(/peak-rss (\d+)/.exec(run.stderr)?.[1]), sha256: (JSON.parse(run.stdout) as { sha256: string }).sha256 };
		};
		const small = await peak('image');
		const large = await peak('evolution-big');
		expect(large.sha256).toBe(big.sha256);
		// Holding the answer's text (85 MiB) or the whole file (64 MiB) would show here; streaming stays flat.
		expect((large.kib - small.kib) * 1024).toBeLessThan(size * 0.75);
	}, 120_000);
});
