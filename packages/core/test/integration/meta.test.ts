import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createClient, type DownloadResult, readReferences } from '../../src/index.js';
import { parseReference } from '../../src/providers/parse-reference.js';
import { runWamedia } from './cli.js';
import { expectNoSecret, exposedText, failure, gatewayClient, jsonFile, requestsTo } from './gateways.js';
import { entries, quickRetry, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

function token(): string {
	return sandbox().meta.accessToken;
}

function bearer(): string {
	return `Bearer ${token()}`;
}

function bytesOf(result: DownloadResult): Buffer {
	if (result.format !== 'binary') throw new Error(`expected binary, got ${result.format}`);
	return result.data;
}

describe('Meta Cloud API', () => {
	it('looks a media id up on the Graph API and fetches its URL with the token', async () => {
		const image = sandbox().media.get('image');
		const mediaId = sandbox().meta.mediaId('image');
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({ provider: 'meta', mediaId });
		expect(sha256(bytesOf(result))).toBe(image.sha256);
		expect(result).toMatchObject({ provider: 'meta', mediaId, mimeType: 'image/jpeg', fileName: `${mediaId}.jpg`, size: image.size });
		const [lookup, media, ...rest] = sandbox().requests.list();
		expect(rest).toEqual([]);
		expect(lookup).toMatchObject({ server: 'meta', method: 'GET', path: `/v25.0/${mediaId}`, status: 200 });
		expect(lookup?.headers.authorization).toBe(bearer());
		expect(media).toMatchObject({ server: 'metaMedia', method: 'GET', status: 200 });
		expect(media?.headers.authorization).toBe(bearer());
	});

	it('asks for the media of one business number when phoneNumberId is given', async () => {
		const mediaId = sandbox().meta.mediaId('png');
		const { phoneNumberId } = sandbox().meta;
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({ provider: 'meta', mediaId, phoneNumberId });
		expect(result).toMatchObject({ sha256: sandbox().media.get('png').sha256, phoneNumberId });
		expect(requestsTo(sandbox(), 'meta')[0]?.path).toBe(`/v25.0/${mediaId}?phone_number_id=${phoneNumberId}`);
		const foreign = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId, phoneNumberId: '100000000000001' }));
		expect(foreign).toMatchObject({ code: 'MEDIA_NOT_FOUND', provider: 'meta', details: { graphCode: 100 } });
	});

	it('reads a webhook with several media messages as one reference per media', async () => {
		const ids = ['image', 'voice', 'document'];
		const body = sandbox().webhooks.meta(ids, { text: 'three files' });
		expect(() => parseReference(body)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
		const references = readReferences(body);
		expect(references).toHaveLength(3);
		const results = await gatewayClient(sandbox(), { directory: await temporaryDirectory() }).downloadMany(references);
		for (const [index, id] of ids.entries()) {
			const result = results[index];
			if (!result?.success) throw new Error(`item ${index} failed: ${JSON.stringify(result)}`);
			expect(result).toMatchObject({
				provider: 'meta',
				sha256: sandbox().media.get(id).sha256,
				mediaId: sandbox().meta.mediaId(id),
				idMessage: sandbox().meta.messageId(id),
				chatId: '79001234567',
				phoneNumberId: sandbox().meta.phoneNumberId,
			});
		}
		expect(results[0]).toMatchObject({ caption: 'Sandbox image' });
		expect(results[2]).toMatchObject({ caption: 'Sandbox document', fileName: 'Счёт №42.pdf', mimeType: 'application/pdf' });
		// Two bodies in one array: the references of both, in order.
		expect(readReferences([body, sandbox().webhooks.meta(['png'])]).map((reference) => parseReference(reference).mediaId)).toEqual(
			[...ids, 'png'].map((id) => sandbox().meta.mediaId(id)),
		);
	});

	it('downloads a webhook with one media message directly, skipping its text messages', async () => {
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(sandbox().webhooks.meta(['sticker'], { text: 'hi' }));
		expect(result).toMatchObject({ sha256: sandbox().media.get('sticker').sha256, idMessage: sandbox().meta.messageId('sticker') });
	});

	it('reports a webhook without media as NO_MEDIA, without a request', async () => {
		const body = sandbox().webhooks.meta(['image'], { text: 'only text' }) as {
			entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }>;
		};
		const value = body.entry[0]?.changes[0]?.value;
		if (value === undefined) throw new Error('no value');
		value.messages = value.messages.slice(0, 1);
		expect(await failure(gatewayClient(sandbox()).download(body))).toMatchObject({ code: 'NO_MEDIA', details: { typeMessage: 'text' } });
		expect(readReferences(body)).toEqual([body]);
		expect(sandbox().requests.list()).toEqual([]);
	});

	it("never sends the token to a webhook's own media URL: it looks the id up instead", async () => {
		const body = sandbox().webhooks.meta(['image'], { withUrl: true }) as {
			entry: [{ changes: [{ value: { messages: [{ image: { url: string } }] } }] }];
		};
		// A URL that is not the Graph answer's: if it were fetched (with the token), the storage would see it.
		body.entry[0].changes[0].value.messages[0].image.url = sandbox().storageLink('image');
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download(body);
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(requestsTo(sandbox(), 'storage')).toEqual([]);
		expect(requestsTo(sandbox(), 'meta')).toHaveLength(1);
	});

	it('gives no token to a media URL that came from a user', async () => {
		const downloadUrl = sandbox().meta.mediaUrl('image');
		const error = await failure(gatewayClient(sandbox()).download({ downloadUrl }));
		expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
		expect(requestsTo(sandbox(), 'metaMedia')[0]?.headers.authorization).toBeUndefined();
	});

	it('drops the token on a redirect to another origin, and never sends it again on the chain', async () => {
		sandbox().faults.add({ server: 'metaMedia', type: 'redirect', location: sandbox().storageLink('image') });
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({
			provider: 'meta',
			mediaId: sandbox().meta.mediaId('image'),
		});
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(requestsTo(sandbox(), 'metaMedia')[0]).toMatchObject({ status: 302, headers: { authorization: bearer() } });
		expect(requestsTo(sandbox(), 'storage')[0]?.headers.authorization).toBeUndefined();
		sandbox().requests.clear();
		// Media host → storage → back to the media host: the last hop gets no token either, also after the renewal.
		const mid = `mid=${sandbox().meta.mediaId('image')}`;
		sandbox().faults.add({ server: 'metaMedia', path: mid, type: 'redirect', location: sandbox().storageLink('image'), times: 2 });
		sandbox().faults.add({ server: 'storage', type: 'redirect', location: sandbox().meta.mediaUrl('png'), times: 2 });
		const back = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }));
		expect(back.code).toBe('AUTH_FAILED');
		const media = requestsTo(sandbox(), 'metaMedia');
		expect(media.map((record) => record.headers.authorization)).toEqual([bearer(), undefined, bearer(), undefined]);
		for (const record of sandbox()
			.requests.list()
			.filter((item) => item.server !== 'meta' && item.server !== 'metaMedia')) {
			expect(record.headers.authorization).toBeUndefined();
		}
	});

	it('renews an expired URL by looking the id up again, once', async () => {
		let lookups = 0;
		// Each Graph answer arrives more than 5 minutes before its URL is used: the URL has expired by then.
		const expiring =
			(every: boolean): typeof fetch =>
			async (input, init) => {
				const response = await fetch(input, init);
				lookups++;
				if (every || lookups === 1) sandbox().clock.advance(5 * 60_000 + 1_000);
				return response;
			};
		try {
			const result = await gatewayClient(sandbox(), { format: 'binary', fetch: expiring(false) }).download({
				provider: 'meta',
				mediaId: sandbox().meta.mediaId('image'),
			});
			expect(result.sha256).toBe(sandbox().media.get('image').sha256);
			expect(
				sandbox()
					.requests.list()
					.map((record) => `${record.server} ${record.status}`),
			).toEqual(['meta 200', 'metaMedia 404', 'meta 200', 'metaMedia 200']);
			sandbox().requests.clear();
			const twice = await failure(
				gatewayClient(sandbox(), { fetch: expiring(true) }).download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }),
			);
			expect(twice).toMatchObject({ code: 'MEDIA_NOT_FOUND', status: 404 });
			expect(
				sandbox()
					.requests.list()
					.map((record) => `${record.server} ${record.status}`),
			).toEqual(['meta 200', 'metaMedia 404', 'meta 200', 'metaMedia 404']);
		} finally {
			sandbox().clock.reset();
		}
	});

	it.each([
		['permission', 'FORBIDDEN', 403, 10, 1],
		['apiPermission', 'FORBIDDEN', 403, 200, 1],
		['appRateLimit', 'RATE_LIMITED', 400, 4, 4],
		['accountRateLimit', 'RATE_LIMITED', 400, 80007, 4],
		['throughputLimit', 'RATE_LIMITED', 400, 130429, 4],
		['unknownError', 'UPSTREAM_ERROR', 500, 1, 4],
		['serviceUnavailable', 'UPSTREAM_ERROR', 503, 2, 4],
	] as const)('maps the Graph error of %s to %s', async (name, code, status, graphCode, requests) => {
		const error = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: sandbox().meta.errorMediaIds[name] }));
		expect(error).toMatchObject({ code, status, provider: 'meta', details: { graphCode } });
		expect(requestsTo(sandbox(), 'meta')).toHaveLength(requests);
		expectNoSecret(exposedText(error), token());
	});

	it('maps an unknown media id to MEDIA_NOT_FOUND with the 7-day hint, and a bad token to AUTH_FAILED', async () => {
		const unknown = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: '1000000000000001' }));
		expect(unknown).toMatchObject({ code: 'MEDIA_NOT_FOUND', status: 400, details: { graphCode: 100, mediaId: '1000000000000001' } });
		expect(unknown.hint).toContain('7 days');
		const wrongToken = 'EAAGwrongwrongwrongwrongwrong0123456789';
		const client = createClient({ meta: { accessToken: wrongToken, graphUrl: sandbox().meta.graphUrl }, retry: quickRetry });
		const auth = await failure(client.download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }));
		expect(auth).toMatchObject({ code: 'AUTH_FAILED', status: 401, details: { graphCode: 190 } });
		expectNoSecret(exposedText(auth), wrongToken);
	});

	it('retries a temporary Graph error and then succeeds', async () => {
		sandbox().faults.add({ server: 'meta', type: 'graph-error', code: 2, times: 2 });
		const result = await gatewayClient(sandbox(), { format: 'binary' }).download({
			provider: 'meta',
			mediaId: sandbox().meta.mediaId('image'),
		});
		expect(result.sha256).toBe(sandbox().media.get('image').sha256);
		expect(requestsTo(sandbox(), 'meta').map((record) => record.status)).toEqual([503, 503, 200]);
	});

	it('refuses bytes that do not match the Graph sha256 or file_size, leaving no file', async () => {
		const directory = await temporaryDirectory();
		const client = gatewayClient(sandbox(), { directory });
		const mediaId = sandbox().meta.mediaId('image');
		try {
			sandbox().meta.setMedia('image', { sha256Mismatch: true });
			const digest = await failure(client.download({ provider: 'meta', mediaId }));
			expect(digest).toMatchObject({ code: 'INTEGRITY', details: { sha256: sandbox().media.get('image').sha256 } });
			sandbox().meta.setMedia('image', { sha256Mismatch: false, sha256: 'base64', fileSizeMismatch: true });
			const size = await failure(client.download({ provider: 'meta', mediaId }));
			expect(size).toMatchObject({ code: 'INTEGRITY', details: { expected: sandbox().media.get('image').size + 1 } });
			expect(await entries(directory)).toEqual([]);
			// The same bytes pass with sha256 in base64 and file_size as a number.
			sandbox().meta.setMedia('image', { fileSizeMismatch: false, fileSize: 'number' });
			const result = await client.download({ provider: 'meta', mediaId });
			if (result.format !== 'file') throw new Error('expected a file');
			expect(sha256(await readFile(result.path))).toBe(sandbox().media.get('image').sha256);
		} finally {
			sandbox().meta.setMedia('image', { sha256Mismatch: false, sha256: 'hex', fileSizeMismatch: false, fileSize: 'string' });
		}
	});

	it('keeps the token out of errors even when a server echoes it', async () => {
		sandbox().faults.add({ server: 'meta', type: 'echo', status: 400, format: 'json' });
		const lookup = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }));
		expect(lookup.code).toBe('INVALID_INPUT');
		for (const encoding of ['none', 'base64', 'percent'] as const) {
			sandbox().faults.add({ server: 'metaMedia', type: 'echo', status: 500, format: 'html', encoding, times: 10 });
			const media = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }));
			expect(media.code).toBe('UPSTREAM_ERROR');
			expectNoSecret(exposedText(media), token());
			sandbox().faults.clear();
		}
		expectNoSecret(exposedText(lookup), token());
	});

	it('needs the access token for a media id', async () => {
		const error = await failure(createClient().download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }));
		expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'accessToken' } });
		expect(await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: '../v25.0/me' }))).toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'mediaId' },
		});
		expect(sandbox().requests.list()).toEqual([]);
	});
});

describe('Meta Cloud API from the CLI', () => {
	function flags(): string[] {
		return ['--provider', 'meta', '--graph-url', sandbox().meta.graphUrl, '--api-version', sandbox().meta.apiVersion];
	}

	it('downloads media ids with the token from the environment, and never prints it', async () => {
		const directory = await temporaryDirectory();
		const run = await runWamedia(
			[
				'download',
				...flags(),
				'--media-id',
				sandbox().meta.mediaId('image'),
				'--media-id',
				sandbox().meta.mediaId('voice'),
				'-o',
				directory,
				'--json',
				'--verbose',
			],
			{ env: { WAMEDIA_ACCESS_TOKEN: token() } },
		);
		expect(run.status).toBe(0);
		const lines = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { sha256: string; mediaId: string });
		expect(lines.map((line) => line.sha256)).toEqual([sandbox().media.get('image').sha256, sandbox().media.get('voice').sha256]);
		expect(run.stderr).toContain('accessToken set');
		expectNoSecret(run.stdout + run.stderr, token());
	});

	it('downloads every media of a webhook, one line each', async () => {
		const file = await jsonFile('meta.json', sandbox().webhooks.meta(['image', 'document']));
		const run = await runWamedia([
			'download',
			...flags(),
			'--access-token',
			token(),
			'--webhook',
			file,
			'-o',
			await temporaryDirectory(),
			'--json',
		]);
		expect(run.status).toBe(0);
		const lines = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { idMessage: string; fileName: string });
		expect(lines.map((line) => line.idMessage)).toEqual([sandbox().meta.messageId('image'), sandbox().meta.messageId('document')]);
		expect(lines[1]?.fileName).toBe('Счёт №42.pdf');
	});

	it('reports a failed media id with its code, and a missing token as a usage error', async () => {
		const failed = await runWamedia(['download', ...flags(), '--media-id', sandbox().meta.errorMediaIds.permission, '--json'], {
			env: { WAMEDIA_ACCESS_TOKEN: token() },
		});
		expect(failed.status).toBe(1);
		expect(JSON.parse(failed.stdout)).toMatchObject({ success: false, error: { code: 'FORBIDDEN', provider: 'meta' } });
		expectNoSecret(failed.stdout + failed.stderr, token());
		const usage = await runWamedia(['download', ...flags(), '--media-id', '123']);
		expect(usage.status).toBe(2);
		expect(usage.stderr).toContain('--access-token');
	});
});
