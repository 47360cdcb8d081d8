// `pnpm demo`: starts the sandbox in this process and downloads WhatsApp media through the real `wamedia`
// CLI (a child process per step), then prints a summary. Every request goes to 127.0.0.1.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@wamedia/sandbox';

const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDirectory = join(root, '.wamedia-demo');
const color = process.stdout.isTTY
	? (code: string, text: string) => `\u001b[${code}m${text}\u001b[0m`
	: (_code: string, text: string) => text;
const bold = (text: string) => color('1', text);
const dim = (text: string) => color('2', text);

interface Step {
	title: string;
	args: string[];
	env: Record<string, string>;
	/** The sandbox media the file must equal, or the error code the step must end with. */
	expect: { media: string } | { code: string };
	/** Prepares the sandbox for the step (a fault to show a recovery). */
	setup?: () => void;
}

interface Outcome {
	step: Step;
	status: number | null;
	file?: string;
	mimeType?: string;
	size?: string;
	verified?: boolean;
	code?: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: root });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

const sandbox = await startSandbox();
try {
	await rm(outDirectory, { recursive: true, force: true });
	await mkdir(outDirectory, { recursive: true });
	const scratch = await mkdtemp(join(tmpdir(), 'wamedia-demo-'));
	const webhookFile = async (name: string, body: unknown) => {
		const file = join(scratch, name);
		await writeFile(file, `${JSON.stringify(body, null, 2)}\n`);
		return file;
	};
	const green = {
		WAMEDIA_API_URL: sandbox.greenApi.apiUrl,
		WAMEDIA_ID_INSTANCE: sandbox.greenApi.idInstance,
		WAMEDIA_API_TOKEN_INSTANCE: sandbox.greenApi.apiTokenInstance,
	};
	const multi = { WAMEDIA_SERVER_URL: sandbox.multiSession.serverUrl, WAMEDIA_API_KEY: sandbox.multiSession.apiKey };
	const meta = {
		WAMEDIA_ACCESS_TOKEN: sandbox.meta.accessToken,
		WAMEDIA_GRAPH_URL: sandbox.meta.graphUrl,
		WAMEDIA_API_VERSION: sandbox.meta.apiVersion,
	};
	const waha = { WAMEDIA_SERVER_URL: sandbox.waha.serverUrl, WAMEDIA_API_KEY: sandbox.waha.apiKey, WAMEDIA_SESSION: sandbox.waha.session };
	const evolution = {
		WAMEDIA_SERVER_URL: sandbox.evolution.serverUrl,
		WAMEDIA_API_KEY: sandbox.evolution.apiKey,
		WAMEDIA_INSTANCE: sandbox.evolution.instance,
	};
	const out = ['--out', relative(root, outDirectory)];

	console.log(bold('wamedia demo'), dim('— every request goes to the local sandbox on 127.0.0.1'));
	console.log(`
  Green-API       ${sandbox.greenApi.apiUrl}  ${dim(`idInstance ${sandbox.greenApi.idInstance}, token in WAMEDIA_API_TOKEN_INSTANCE`)}
  media storage   ${sandbox.storageUrl}  ${dim('presigned links that expire')}
  Multi-Session   ${sandbox.multiSession.serverUrl}  ${dim('Bearer API key in WAMEDIA_API_KEY')}
  Meta Graph API  ${sandbox.meta.graphUrl}  ${dim('access token in WAMEDIA_ACCESS_TOKEN; media on its own host')}
  WAHA            ${sandbox.waha.serverUrl}  ${dim('X-Api-Key in WAMEDIA_API_KEY')}
  Evolution API   ${sandbox.evolution.serverUrl}  ${dim('apikey in WAMEDIA_API_KEY')}
`);

	const steps: Step[] = [
		{
			title: 'An image, by chatId + idMessage: Green-API downloadFile gives a link, wamedia fetches it',
			args: ['download', '--chat-id', sandbox.chatId, '--id-message', sandbox.media.get('image').idMessage, ...out],
			env: green,
			expect: { media: 'image' },
		},
		{
			title: 'A voice note served as application/octet-stream: the type comes from the bytes',
			args: ['download', '--webhook', await webhookFile('voice-webhook.json', sandbox.webhooks.greenApi('voice')), ...out],
			env: green,
			expect: { media: 'voice' },
		},
		{
			title: 'A document with a non-ASCII name (Content-Disposition filename*), from a journal item',
			args: ['download', '--webhook', await webhookFile('document-journal.json', sandbox.webhooks.journal('document')), ...out],
			env: green,
			expect: { media: 'document' },
		},
		{
			title: 'A webhook whose link has expired: renewed through downloadFile, then downloaded',
			args: [
				'download',
				'--webhook',
				await webhookFile('expired-webhook.json', sandbox.webhooks.notification('video', { expired: true })),
				...out,
			],
			env: green,
			expect: { media: 'video' },
		},
		{
			title: 'A sticker from a Multi-Session server (relative media URL, Bearer key)',
			args: ['download', '--media-url', sandbox.multiSessionPath('sticker'), '--session-id', 'sess-1', ...out],
			env: multi,
			expect: { media: 'sticker' },
		},
		{
			title: 'Meta Cloud API, by media id: looked up on the Graph API, fetched with the token, sha256 checked',
			args: ['download', '--provider', 'meta', '--media-id', sandbox.meta.mediaId('document'), ...out],
			env: meta,
			expect: { media: 'document' },
		},
		{
			title: 'Meta Cloud API, a media URL that expired on the media host: looked up again from the media id, once',
			args: ['download', '--provider', 'meta', '--media-id', sandbox.meta.mediaId('image'), ...out],
			env: meta,
			expect: { media: 'image' },
			setup: () => sandbox.faults.add({ server: 'metaMedia', type: 'status', status: 404 }),
		},
		{
			title: 'WAHA, a message webhook: the file URL fetched with X-Api-Key on the server only',
			args: ['download', '--provider', 'waha', '--webhook', await webhookFile('waha-webhook.json', sandbox.webhooks.waha('voice')), ...out],
			env: waha,
			expect: { media: 'voice' },
		},
		{
			title: 'Evolution API, by message id: getBase64FromMediaMessage, decoded as a stream into the file',
			args: ['download', '--provider', 'evolution', '--id-message', sandbox.evolution.messageId('video'), ...out],
			env: evolution,
			expect: { media: 'video' },
		},
		{
			title: 'A failure: an expired Multi-Session link cannot be renewed, and the hint says what to do',
			args: ['download', '--media-url', sandbox.multiSessionPath('image', { expired: true }), ...out],
			env: multi,
			expect: { code: 'MEDIA_EXPIRED' },
		},
	];

	const outcomes: Outcome[] = [];
	for (const [index, step] of steps.entries()) {
		console.log(`${bold(`${index + 1}.`)} ${step.title}`);
		// The command as it ran: its credentials in the environment, so that it can be pasted and run again.
		const quoted = (text: string) => (/[\s?&'"$]/.test(text) ? `'${text.replaceAll("'", "'\\''")}'` : text);
		const environment = Object.entries(step.env).map(([name, value]) => `${name}=${quoted(value)}`);
		console.log(dim(`   $ ${[...environment, 'npx wamedia', ...step.args.map(quoted)].join(' ')}`));
		sandbox.requests.clear();
		step.setup?.();
		const run = await runCli(step.args, step.env);
		for (const line of `${run.stdout}${run.stderr}`.trimEnd().split('\n')) console.log(`   ${line}`);
		const seen = sandbox.requests.list().map((request) => {
			const what = /downloadfile/i.test(request.path)
				? 'downloadFile'
				: request.server === 'storage'
					? 'storage GET'
					: `${request.server} ${request.method}`;
			return `${what} ${request.status}`;
		});
		console.log(dim(`   sandbox saw: ${seen.join(' → ')}`));
		console.log();
		const outcome: Outcome = { step, status: run.status };
		const saved = /✔ (.+) \((.+), (.+)\)\n\s+→ (.+)\n/.exec(run.stdout);
		if (saved !== null && 'media' in step.expect) {
			const [, file = '', mimeType = '', size = '', path = ''] = saved;
			const digest = createHash('sha256')
				.update(await readFile(path))
				.digest('hex');
			Object.assign(outcome, { file, mimeType, size, verified: digest === sandbox.media.get(step.expect.media).sha256 });
		}
		const code = /\(([A-Z_]+)[,)]/.exec(run.stderr)?.[1];
		if (code !== undefined) outcome.code = code;
		outcomes.push(outcome);
	}

	// wamedia serve: every gateway pushes a signed webhook to the real CLI; one forged body is refused.
	console.log(`${bold(`${steps.length + 1}.`)} wamedia serve: each emulator pushes a webhook signed as its gateway signs it`);
	const serveDirectory = join(outDirectory, 'serve');
	const configFile = join(scratch, 'wamedia.json');
	await writeFile(
		configFile,
		JSON.stringify({
			meta: { accessToken: { env: 'META_TOKEN' }, graphUrl: sandbox.meta.graphUrl },
			waha: { serverUrl: sandbox.waha.serverUrl, apiKey: { env: 'WAHA_KEY' } },
			evolution: { serverUrl: sandbox.evolution.serverUrl, apiKey: { env: 'EVOLUTION_KEY' }, instance: sandbox.evolution.instance },
			multiSession: { serverUrl: sandbox.multiSession.serverUrl, apiKey: { env: 'MULTI_SESSION_KEY' } },
			allowPrivateNetwork: true,
			webhooks: {
				metaAppSecret: { env: 'META_APP_SECRET' },
				wahaHmacKey: { env: 'WAHA_HMAC_KEY' },
				webhookToken: { env: 'WEBHOOK_TOKEN' },
			},
		}),
	);
	const serveArgs = ['serve', '-o', relative(root, serveDirectory), '--port', '0', '--json', '--config', configFile];
	console.log(dim(`   $ npx wamedia ${serveArgs.join(' ')}`));
	const server = spawn(process.execPath, [bin, ...serveArgs], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			META_TOKEN: sandbox.meta.accessToken,
			WAHA_KEY: sandbox.waha.apiKey,
			EVOLUTION_KEY: sandbox.evolution.apiKey,
			MULTI_SESSION_KEY: sandbox.multiSession.apiKey,
			META_APP_SECRET: sandbox.webhookSecrets.metaAppSecret,
			WAHA_HMAC_KEY: sandbox.webhookSecrets.wahaHmacKey,
			WEBHOOK_TOKEN: sandbox.webhookSecrets.webhookToken,
		},
	});
	let serveOut = '';
	server.stdout.on('data', (chunk: Buffer) => (serveOut += chunk));
	server.stderr.on('data', (chunk: Buffer) => console.log(`   ${String(chunk).trimEnd()}`));
	while (!serveOut.includes('"listening"')) await new Promise((resolve) => setTimeout(resolve, 20));
	const serveUrl = (JSON.parse(serveOut.split('\n')[0] ?? '{}') as { url: string }).url;
	const pushes = [
		['green-api', sandbox.webhooks.greenApi('png'), ['png']],
		['meta', sandbox.webhooks.meta(['image', 'document']), ['image', 'document']],
		['waha', sandbox.webhooks.waha('voice'), ['voice']],
		['evolution', sandbox.webhooks.evolution('sticker'), ['sticker']],
		['multi-session', sandbox.webhooks.multiSession('video'), ['video']],
	] as const;
	for (const [gateway, body] of pushes) {
		const answer = await sandbox.pushWebhook(gateway, `${serveUrl}/webhooks/${gateway}`, body);
		console.log(`   POST /webhooks/${gateway} → ${answer.status} ${answer.body}`);
	}
	const forged = await sandbox.pushWebhook('meta', `${serveUrl}/webhooks/meta`, sandbox.webhooks.meta('png'), { secret: 'forged' });
	console.log(`   POST /webhooks/meta (forged signature) → ${forged.status} ${forged.body}`);
	const expectedMedia = pushes.flatMap(([, , media]) => media);
	const served = () => serveOut.split('\n').filter((text) => text.includes('"source":"webhook"'));
	while (served().length < expectedMedia.length) await new Promise((resolve) => setTimeout(resolve, 20));
	server.kill('SIGTERM');
	const serveStatus = await new Promise<number | null>((resolve) => server.on('close', resolve));
	console.log(dim(`   SIGTERM → exit ${serveStatus}`));
	console.log();
	for (const text of served()) {
		const line = JSON.parse(text) as {
			provider: string;
			result: { success: boolean; path: string; fileName: string; mimeType: string; size: number; sha256: string };
		};
		const media = sandbox.media.list().find((info) => info.sha256 === line.result.sha256);
		const digest = line.result.success
			? createHash('sha256')
					.update(await readFile(join(serveDirectory, line.result.path)))
					.digest('hex')
			: '';
		const verified = media !== undefined && digest === media.sha256 && serveStatus === 0 && forged.status === 401;
		outcomes.push({
			step: { title: `serve ${line.provider}`, args: [], env: {}, expect: { media: media?.id ?? '?' } },
			status: serveStatus,
			file: `serve/${line.result.path}`,
			mimeType: line.result.mimeType,
			size: `${line.result.size} B`,
			verified,
		});
	}

	const ok = (outcome: Outcome) =>
		'media' in outcome.step.expect
			? outcome.status === 0 && outcome.verified === true
			: outcome.status === 1 && outcome.code === outcome.step.expect.code;
	const rows = outcomes.map((outcome, index) => [
		String(index + 1),
		ok(outcome) ? color('32', 'ok') : color('31', 'FAILED'),
		outcome.file ?? `${outcome.code ?? '?'} (exit ${outcome.status})`,
		outcome.mimeType ?? '',
		outcome.size ?? '',
		outcome.verified === undefined ? '' : outcome.verified ? 'sha256 matches' : 'sha256 MISMATCH',
	]);
	const header = ['#', 'result', 'file / error', 'type', 'size', 'check'];
	const visible = (text: string) => text.replace(/\u001b\[\d+m/g, '').length;
	const widths = header.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row[column] ?? ''))));
	const line = (cells: string[]) => `  ${cells.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - visible(cell))).join('  ')}`;
	console.log(bold('Summary'));
	console.log(dim(line(header)));
	for (const row of rows) console.log(line(row));
	console.log(`\n  ${outcomes.filter((outcome) => outcome.verified).length} files in ${outDirectory}`);
	await rm(scratch, { recursive: true, force: true });
	if (!outcomes.every(ok)) {
		console.error(color('31', '\nThe demo did not go as expected (see above).'));
		process.exitCode = 1;
	}
} finally {
	await sandbox.close();
}
