import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archivedFiles, readJournal } from './archive-helpers.js';
import { runWamedia } from './cli.js';
import { expectNoSecret } from './gateways.js';
import { sha256, temporaryDirectory, useSandbox } from './helpers.js';
import { journalLines, serveConfig, serveEnvironment, spooled, startServe, until } from './serve-helpers.js';

const getSandbox = useSandbox();

/** The body of each gateway for a catalog media, as the emulators build them. */
function bodies() {
	const sandbox = getSandbox();
	return {
		'green-api': { body: sandbox.webhooks.greenApi('image'), media: ['image'] },
		meta: { body: sandbox.webhooks.meta(['document', 'png']), media: ['document', 'png'] },
		waha: { body: sandbox.webhooks.waha('voice'), media: ['voice'] },
		evolution: { body: sandbox.webhooks.evolution('sticker'), media: ['sticker'] },
		'multi-session': { body: sandbox.webhooks.multiSession('video'), media: ['video'] },
	} as const;
}

describe('wamedia serve', () => {
	it('archives every gateway’s signed webhook once, with its sha256, and prints no secret', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const env = serveEnvironment(sandbox);
		const server = await startServe(['-o', directory, '--config', await serveConfig(sandbox)], env);
		const answers: number[] = [];
		for (const [gateway, { body }] of Object.entries(bodies())) {
			answers.push((await sandbox.pushWebhook(gateway as never, `${server.url}/webhooks/${gateway}`, body)).status);
		}
		expect(answers).toEqual([200, 200, 200, 200, 200]);
		const lines = await journalLines(directory, 6);
		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		const expected = Object.values(bodies()).flatMap(({ media }) => media.map((id) => sandbox.media.get(id).sha256));
		const archived = lines.map((line) => (line.result?.success ? line.result.sha256 : line.result?.error.code));
		expect(archived.sort()).toEqual([...expected].sort());
		for (const line of lines) {
			if (!line.result?.success) continue;
			expect(line.source).toBe('webhook');
			expect(sha256(await readFile(join(directory, line.result.path)))).toBe(line.result.sha256);
		}
		expect((await archivedFiles(directory)).filter((path) => !path.startsWith('.wamedia-spool'))).toHaveLength(6);
		expect(await spooled(directory)).toEqual([]);
		const printed = server.stdout() + server.stderr() + (await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8'));
		for (const secret of Object.values(env)) expectNoSecret(printed, secret);
	});

	it('refuses forged, missing, stale and misplaced signatures with 401 and stores nothing', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const server = await startServe(['-o', directory, '--config', await serveConfig(sandbox)], serveEnvironment(sandbox));
		const url = (gateway: string) => `${server.url}/webhooks/${gateway}`;
		const statuses: number[] = [];
		for (const [gateway, { body }] of Object.entries(bodies())) {
			const push = (options: object) => sandbox.pushWebhook(gateway as never, url(gateway), body, options);
			statuses.push((await push({ secret: 'a-forged-secret-0123456789' })).status);
			statuses.push((await push({ unsigned: true })).status);
			// Signed for another body (a replayed signature): the bytes sent are not the bytes signed. A token
			// gateway's token does not depend on the body, so only the signing gateways are asked.
			if (gateway === 'meta' || gateway === 'waha') {
				const other = sandbox.signWebhook(gateway, { ...(body as object), extra: 1 });
				const signed = sandbox.signWebhook(gateway, body);
				statuses.push((await fetch(url(gateway), { method: 'POST', headers: other.headers, body: signed.body.toString() })).status);
			}
		}
		// A stale key: the one before a rotation.
		statuses.push((await sandbox.pushWebhook('meta', url('meta'), bodies().meta.body, { secret: 'the-app-secret-of-last-year' })).status);
		statuses.push(
			(await sandbox.pushWebhook('waha', url('waha'), bodies().waha.body, { headers: { 'x-webhook-hmac-algorithm': 'sha256' } })).status,
		);
		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(statuses.every((status) => status === 401)).toBe(true);
		expect(await readJournal(directory)).toEqual([]);
		expect(await spooled(directory)).toEqual([]);
		expect(server.stdout().trim().split('\n')).toHaveLength(1);
	});

	it('accepts a token in the path, and answers 401 on routes without a check unless --allow-unauthenticated', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const env = serveEnvironment(sandbox);
		const onlyMeta = await startServe(['-o', directory, '--config', await serveConfig(sandbox, { metaAppSecret: 'APP_SECRET' })], env);
		const body = bodies()['green-api'].body;
		const refused = await sandbox.pushWebhook('green-api', `${onlyMeta.url}/webhooks/green-api`, body);
		onlyMeta.child.kill('SIGTERM');
		await onlyMeta.exited;
		expect(refused.status).toBe(401);

		const open = await startServe(['-o', directory, '--config', await serveConfig(sandbox, {}), '--allow-unauthenticated'], env);
		const accepted = await sandbox.pushWebhook('green-api', `${open.url}/webhooks/green-api`, body, { unsigned: true });
		await journalLines(directory, 1);
		open.child.kill('SIGTERM');
		await open.exited;
		expect(accepted.status).toBe(200);
		expect(open.stderr()).toMatch(/without an authenticity check/);

		const byPath = await startServe(['-o', directory, '--config', await serveConfig(sandbox)], env);
		const multi = bodies()['multi-session'].body;
		const pathToken = `${byPath.url}/webhooks/multi-session/${encodeURIComponent(env.WEBHOOK_TOKEN as string)}`;
		const viaPath = await sandbox.pushWebhook('multi-session', pathToken, multi, { unsigned: true });
		const wrongPath = await sandbox.pushWebhook('multi-session', `${byPath.url}/webhooks/multi-session/not-the-token`, multi, {
			unsigned: true,
		});
		await journalLines(directory, 2);
		byPath.child.kill('SIGTERM');
		await byPath.exited;
		expect([viaPath.status, wrongPath.status]).toEqual([200, 401]);
	});

	it('answers Meta’s subscription check, 400 for invalid or too deep JSON, 413 for large bodies, 200 for events without media', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const env = serveEnvironment(sandbox);
		const server = await startServe(['-o', directory, '--config', await serveConfig(sandbox), '--max-body', '4096'], env);
		const verify = (token: string) =>
			fetch(`${server.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
		const good = await verify(env.VERIFY_TOKEN as string);
		expect([good.status, await good.text()]).toEqual([200, '1158201444']);
		expect((await verify('wrong')).status).toBe(403);
		const push = (body: unknown) => sandbox.pushWebhook('waha', `${server.url}/webhooks/waha`, body);
		expect((await push('{"event": "message", ')).status).toBe(400);
		expect((await push(`${'['.repeat(200)}${']'.repeat(200)}`)).status).toBe(400);
		expect((await push({ event: 'message', payload: { padding: 'x'.repeat(5000) } })).status).toBe(413);
		const ack = await push({ event: 'message.ack', session: 'default', payload: { id: 'x', ack: 3 } });
		expect([ack.status, JSON.parse(ack.body).status]).toEqual([200, 'ignored']);
		expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
		const health = await fetch(`${server.url}/healthz`);
		expect([health.status, ((await health.json()) as { status: string }).status]).toEqual([200, 'ok']);
		const metrics = await (await fetch(`${server.url}/metrics`)).text();
		expect(metrics).toMatch(/wamedia_webhooks_refused_total\{reason="413"\} 1/);
		expect(metrics).toMatch(/wamedia_webhooks_refused_total\{reason="400"\} 2/);
		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(await spooled(directory)).toEqual([]);
		expect(await readJournal(directory)).toEqual([]);
	});

	it('archives the same body sent three times, and again after a restart, once', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const env = serveEnvironment(sandbox);
		const config = await serveConfig(sandbox);
		const body = bodies()['green-api'].body;
		const first = await startServe(['-o', directory, '--config', config], env);
		const statuses = await Promise.all(
			[1, 2, 3].map(async () => (await sandbox.pushWebhook('green-api', `${first.url}/webhooks/green-api`, body)).status),
		);
		await journalLines(directory, 1);
		first.child.kill('SIGTERM');
		await first.exited;
		const second = await startServe(['-o', directory, '--config', config], env);
		statuses.push((await sandbox.pushWebhook('green-api', `${second.url}/webhooks/green-api`, body)).status);
		await until(async () => (await spooled(directory)).length === 0);
		second.child.kill('SIGTERM');
		await second.exited;
		expect(statuses).toEqual([200, 200, 200, 200]);
		expect(await readJournal(directory)).toHaveLength(1);
		expect((await archivedFiles(directory)).filter((path) => !path.startsWith('.wamedia-spool'))).toHaveLength(1);
	});

	it('loses nothing on kill -9 after the 200 and during the download; SIGTERM exits 0 with the body still spooled', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const env = serveEnvironment(sandbox);
		const config = await serveConfig(sandbox);
		// The media host sends half the file, then nothing: the download is under way when the process dies.
		sandbox.faults.add({ server: 'storage', type: 'stall', afterBytes: 20_000, times: 1_000 });
		const killed = await startServe(['-o', directory, '--config', config], env);
		const answer = await sandbox.pushWebhook('green-api', `${killed.url}/webhooks/green-api`, bodies()['green-api'].body);
		expect(answer.status).toBe(200);
		await until(() => sandbox.requests.list().some((request) => request.server === 'storage'));
		killed.child.kill('SIGKILL');
		expect(await killed.exited).toBe('SIGKILL');
		expect(await spooled(directory)).toHaveLength(1);

		// Stalled again, then SIGTERM: it stops at once with the body still spooled, and exits 0.
		const stopped = await startServe(['-o', directory, '--config', config, '--shutdown-timeout', '100'], env);
		stopped.child.kill('SIGTERM');
		expect(await stopped.exited).toBe(0);
		expect(await spooled(directory)).toHaveLength(1);
		expect(await readJournal(directory)).toEqual([]);

		sandbox.faults.clear();
		const restarted = await startServe(['-o', directory, '--config', config], env);
		const [line] = await journalLines(directory, 1);
		await until(async () => (await spooled(directory)).length === 0);
		restarted.child.kill('SIGTERM');
		expect(await restarted.exited).toBe(0);
		expect(line?.result?.success && line.result.sha256).toBe(sandbox.media.get('image').sha256);
		const files = (await archivedFiles(directory)).filter((path) => !path.startsWith('.wamedia-spool'));
		// The killed run may leave its hidden temporary file; the next start of a download in that folder is what clears it.
		expect(files.filter((path) => !path.split('/').pop()?.startsWith('.'))).toHaveLength(1);
		expect((await stat(join(directory, '.wamedia-spool'))).mode & 0o777).toBe(0o700);
	});

	it('refuses a second serve (or sync) on the same directory with exit 2', async () => {
		const sandbox = getSandbox();
		const directory = await temporaryDirectory();
		const env = serveEnvironment(sandbox);
		const config = await serveConfig(sandbox);
		const first = await startServe(['-o', directory, '--config', config], env);
		const second = await runWamedia(['serve', '-o', directory, '--port', '0', '--config', config], { env });
		const sync = await runWamedia(['sync', '-o', directory, '--once', '--id-instance', sandbox.greenApi.idInstance], {
			env: { ...env, WAMEDIA_API_URL: sandbox.greenApi.apiUrl, WAMEDIA_API_TOKEN_INSTANCE: sandbox.greenApi.apiTokenInstance },
		});
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		expect(second.status).toBe(2);
		expect(second.stderr).toMatch(/serve/);
		expect(sync.status).toBe(2);
		const third = await startServe(['-o', directory, '--config', config], env);
		third.child.kill('SIGTERM');
		expect(await third.exited).toBe(0);
	});
});
