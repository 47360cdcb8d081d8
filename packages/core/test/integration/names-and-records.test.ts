import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { specialMessages } from '@wamedia/sandbox';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { runWamedia } from './cli.js';
import { gatewayClient } from './gateways.js';
import { entries, quickRetry, sha256, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();

const greenEnv = () => ({
	WAMEDIA_API_URL: sandbox().greenApi.apiUrl,
	WAMEDIA_ID_INSTANCE: sandbox().greenApi.idInstance,
	WAMEDIA_API_TOKEN_INSTANCE: sandbox().greenApi.apiTokenInstance,
});

interface Line {
	success: boolean;
	skipped?: boolean;
	idMessage?: string;
	fileName?: string;
	path?: string;
	sha256?: string;
	error?: { code: string; message: string; hint: string };
}

function lines(stdout: string): Line[] {
	return stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Line);
}

describe('names: templates and one extension per type', () => {
	it('--name puts files where the template says, inside -o, with the fields of each message', async () => {
		const directory = await temporaryDirectory();
		const image = sandbox().media.get('image');
		const document = sandbox().media.get('document');
		const run = await runWamedia(
			[
				'download',
				'--chat-id',
				sandbox().chatId,
				'--id-message',
				`${image.idMessage},${document.idMessage}`,
				'--name',
				'{provider}/{chatId}/{type}/{idMessage}.{ext}',
				'-o',
				directory,
				'--json',
			],
			{ env: greenEnv() },
		);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const [first, second] = lines(run.stdout);
		expect(first?.path).toBe(join(directory, 'green-api', sandbox().chatId, 'image', `${image.idMessage}.jpg`));
		expect(first?.fileName).toBe(`${image.idMessage}.jpg`);
		expect(sha256(await readFile(first?.path as string))).toBe(image.sha256);
		expect(second?.path).toMatch(new RegExp(`/document/${document.idMessage}\\.pdf$`));
		expect(sha256(await readFile(second?.path as string))).toBe(document.sha256);
	});

	it('refuses an unknown field or a template that leaves -o before any request (exit 2)', async () => {
		const directory = await temporaryDirectory();
		for (const template of ['{chatId}/{nope}', '../{name}', '/tmp/{name}']) {
			sandbox().requests.clear();
			const run = await runWamedia(
				[
					'download',
					'--chat-id',
					sandbox().chatId,
					'--id-message',
					sandbox().media.get('image').idMessage,
					'--name',
					template,
					'-o',
					directory,
				],
				{ env: greenEnv() },
			);
			expect(run.status, template).toBe(2);
			expect(run.stderr).toMatch(/INVALID_INPUT/);
			expect(run.stderr).toMatch(/--name/);
			expect(sandbox().requests.list()).toEqual([]);
		}
		expect(await entries(directory)).toEqual([]);
	});

	it('saves the same JPEG as .jpg through every gateway (WAHA names it .jpeg)', async () => {
		const directory = await temporaryDirectory();
		const result = await gatewayClient(sandbox(), { directory }).download(sandbox().webhooks.waha('image'));
		expect(result.fileName).toMatch(/\.jpg$/);
		expect(result.mimeType).toBe('image/jpeg');
		const meta = await gatewayClient(sandbox(), { directory, fileName: '{provider}-{mediaId}.{ext}' }).download(
			sandbox().webhooks.meta(['image']),
		);
		expect(meta.fileName).toMatch(/^meta-\d+\.jpg$/);
	});

	it('sync and backfill take a template too; the library takes a function', async () => {
		const directory = await temporaryDirectory();
		const client = createClient({
			greenApi: {
				apiUrl: sandbox().greenApi.apiUrl,
				idInstance: sandbox().greenApi.idInstance,
				apiTokenInstance: sandbox().greenApi.apiTokenInstance,
			},
			retry: quickRetry,
			allowPrivateNetwork: true,
		});
		const image = sandbox().media.get('image');
		const result = await client.download(
			{ chatId: sandbox().chatId, idMessage: image.idMessage },
			{ directory, fileName: (fields) => `by-type/${fields.type}/${fields.name}` },
		);
		expect(result.path).toBe(join(directory, 'by-type', 'image', result.fileName));
		await expect(client.backfill({ directory, fileName: '{nope}' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
	});
});

describe('captions and type hints from every Green-API shape', () => {
	it('a webhook, a queue item and a journal item give the same caption, type and name', async () => {
		const directory = await temporaryDirectory();
		const client = createClient({ directory, retry: quickRetry, allowPrivateNetwork: true });
		const image = sandbox().media.get('image');
		const webhook = sandbox().webhooks.greenApi('image', { caption: 'the receipt' });
		const journal = sandbox().webhooks.journal('image', { caption: 'the receipt' });
		// A journal item some instances return without fileName and mimeType: typeMessage is the hint, as for a webhook.
		const { fileName: _name, mimeType: _type, ...bare } = journal as Record<string, unknown>;
		const results = await client.downloadMany([webhook, { receiptId: 1, body: webhook }, journal, bare as never]);
		for (const result of results) {
			expect(result).toMatchObject({ success: true, caption: 'the receipt', mimeType: 'image/jpeg', sha256: image.sha256 });
			if (result.success) expect(result.fileName).toMatch(/\.jpg$/);
		}
	});
});

describe('download records', () => {
	it('--record skips what a previous run saved, with no request, and records no failure', async () => {
		const directory = await temporaryDirectory();
		const record = join(directory, 'state', 'record.ndjson');
		const ids = ['image', 'document'].map((id) => sandbox().media.get(id).idMessage);
		const args = [
			'download',
			'--chat-id',
			sandbox().chatId,
			'--id-message',
			`${ids[0]},${specialMessages.noMedia},${ids[1]}`,
			'-o',
			directory,
			'--record',
			record,
		];
		const first = await runWamedia([...args, '--json'], { env: greenEnv() });
		expect(first.status).toBe(1);
		expect(lines(first.stdout).map((line) => [line.success, line.skipped])).toEqual([
			[true, undefined],
			[false, undefined],
			[true, undefined],
		]);
		const recorded = (await readFile(record, 'utf8'))
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(recorded.map((line) => line.idMessage).sort()).toEqual([...ids].sort());
		expect(JSON.stringify(recorded)).not.toContain(sandbox().greenApi.apiTokenInstance);
		const files = await entries(directory);

		sandbox().requests.clear();
		const second = await runWamedia([...args, '--json'], { env: greenEnv() });
		const again = lines(second.stdout);
		expect(again.map((line) => [line.success, line.skipped])).toEqual([
			[true, true],
			[false, undefined],
			[true, true],
		]);
		expect(again[0]?.path).toBe(lines(first.stdout)[0]?.path);
		// Only the failed item asked the gateway again (its downloadFile, retried or not); nothing went to the storage; no "name (1).jpg".
		const asked = sandbox().requests.list();
		expect(asked.map((request) => [request.server, request.status])).toEqual([['api', 400]]);
		expect(await entries(directory)).toEqual(files);

		const human = await runWamedia(args, { env: greenEnv() });
		expect(human.stdout).toMatch(/already downloaded \(in the record\)/);
		expect(human.stderr).toMatch(/0 of 3 downloaded, 2 skipped \(in the record\), 1 failed/);
	});

	it('refuses --record with an in-memory format', async () => {
		const run = await runWamedia(
			['download', '--download-url', 'http://127.0.0.1:1/a.jpg', '--format', 'base64', '--record', 'r.ndjson'],
			{},
		);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/--record/);
	});
});
