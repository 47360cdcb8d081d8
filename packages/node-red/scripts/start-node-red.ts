// `pnpm node-red`: the sandbox and a real Node-RED 5 with @wamedia/node-red installed in a temporary user
// directory and the example flows deployed against the sandbox. Prints the editor URL and how to trigger the
// flows; Ctrl-C stops everything and removes the directory. Everything listens on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, specialMessages, startSandbox } from '@wamedia/sandbox';
import {
	connectComms,
	deploy,
	freePort,
	installPackage,
	type NodeRed,
	nodeRedVersion,
	onTab,
	readExample,
	startNodeRed,
	uniqueNodes,
	writeSettings,
} from './node-red-runner.ts';

const color = process.stdout.isTTY
	? (code: string, text: string) => `\u001b[${code}m${text}\u001b[0m`
	: (_code: string, text: string) => text;
const bold = (text: string) => color('1', text);
const dim = (text: string) => color('2', text);

// Ids in the example files.
const injectId = '4f6a8c0e2b4d6f81';

/** The webhook examples of Meta, WAHA and Evolution: their tab, and the sandbox webhook that feeds each. */
const gatewayExamples = [
	{ file: 'Meta webhook to file.json', tab: 'a1b2c3d4e5f60005', label: 'Meta webhook to file', path: 'meta', webhook: 'meta/image' },
	{ file: 'WAHA webhook to file.json', tab: 'a1b2c3d4e5f60006', label: 'WAHA webhook to file', path: 'waha', webhook: 'waha/image' },
	{
		file: 'Evolution webhook to file.json',
		tab: 'a1b2c3d4e5f60007',
		label: 'Evolution webhook to file',
		path: 'evolution',
		webhook: 'evolution/image',
	},
] as const;

async function deployExamples(nodeRed: NodeRed, sandbox: Sandbox): Promise<void> {
	const webhook = onTab(
		await readExample('Green-API webhook to file.json'),
		{ id: 'a1b2c3d4e5f60001', label: 'Green-API webhook to file' },
		sandbox,
	);
	const byId = onTab(
		await readExample('Download by message id.json'),
		{ id: 'a1b2c3d4e5f60002', label: 'Download by message id' },
		sandbox,
		{
			[injectId]: {
				props: [
					{ p: 'chatId', v: sandbox.chatId, vt: 'str' },
					{ p: 'idMessage', v: sandbox.media.get('image').idMessage, vt: 'str' },
				],
			},
		},
	);
	const multiSession = onTab(
		await readExample('Multi-Session webhook to Buffer.json'),
		{ id: 'a1b2c3d4e5f60003', label: 'Multi-Session webhook to Buffer' },
		sandbox,
	);
	const sync = onTab(
		await readExample('Green-API sync to files.json'),
		{ id: 'a1b2c3d4e5f60004', label: 'Green-API sync to files' },
		sandbox,
	);
	const gateways = await Promise.all(
		gatewayExamples.map(async ({ file, tab, label }) => onTab(await readExample(file), { id: tab, label }, sandbox)),
	);
	const comms = await connectComms(nodeRed.url);
	try {
		const revision = await deploy(nodeRed.url, uniqueNodes([...webhook, ...byId, ...multiSession, ...sync, ...gateways.flat()]));
		await comms.next((event) => event.topic === 'notification/runtime-deploy' && event.data.revision === revision);
	} finally {
		comms.close();
	}
}

function instructions(nodeRed: NodeRed, sandbox: Sandbox, userDir: string, version: string): string {
	const webhookUrl = `${nodeRed.url}/green-api/webhook`;
	const multiSessionUrl = `${nodeRed.url}/multi-session/webhook`;
	return [
		'',
		bold(`Node-RED ${version} with @wamedia/node-red, against the wamedia sandbox`),
		'',
		`  Editor   ${bold(`${nodeRed.url}/`)}   tabs "Green-API webhook to file", "Download by message id", "Multi-Session webhook to Buffer", "Green-API sync to files",`,
		'           "Meta webhook to file", "WAHA webhook to file", "Evolution webhook to file"',
		`  Files    ${join(userDir, 'whatsapp-media')}, ${join(userDir, 'whatsapp-archive')}`,
		`  Sandbox  Green-API ${sandbox.greenApi.apiUrl}, Multi-Session ${sandbox.multiSession.serverUrl}, control API ${sandbox.controlUrl}`,
		'           connections "Sandbox Green-API", "Sandbox Multi-Session", "Sandbox Meta", "Sandbox WAHA", "Sandbox Evolution"',
		'',
		bold('1. A Green-API webhook becomes a file'),
		'   Post the webhook of an incoming photo to the flow\'s "http in" node:',
		`     curl -s ${sandbox.controlUrl}/webhooks/greenApi/image | curl -sS -H 'content-type: application/json' --data-binary @- ${webhookUrl}`,
		`   The file lands in ${join(userDir, 'whatsapp-media')}; the debug sidebar shows msg.media,`,
		'   and the node "save media" shows its size under it. Other media: png, voice, document, video, sticker, large.',
		'',
		bold('2. A message id becomes a Buffer'),
		'   On the tab "Download by message id", click the inject button, or:',
		`     curl -sS -X POST ${nodeRed.url}/inject/${injectId}`,
		'',
		bold('3. A Multi-Session webhook becomes a Buffer'),
		`     curl -s ${sandbox.controlUrl}/webhooks/multiSession/voice | curl -sS -H 'content-type: application/json' --data-binary @- ${multiSessionUrl}`,
		'   The debug node "media" shows msg.media, and "media in memory" shows the size under it.',
		'',
		bold('4. An error reaches the Catch node'),
		`   Set the inject's idMessage to ${specialMessages.noMedia} (a message without a file), deploy and click:`,
		'   the debug node "error code" shows NO_MEDIA under it, and the message with its hint in the sidebar.',
		'',
		bold('5. Meta, WAHA and Evolution webhooks become files'),
		...gatewayExamples.map(
			({ webhook, path }) =>
				`     curl -s ${sandbox.controlUrl}/webhooks/${webhook} | curl -sS -H 'content-type: application/json' --data-binary @- ${nodeRed.url}/${path}/webhook`,
		),
		`   Each file lands in ${join(userDir, 'whatsapp-media')}; the debug node "saved" of each tab shows msg.media.`,
		'',
		bold('6. The Green-API queue is archived'),
		'   The node "archive" drains the sandbox\'s notification queue while deployed. Queue a photo and a text:',
		`     curl -sS -X POST ${sandbox.controlUrl}/notifications -d '[{"type":"file","media":"image"},{"type":"text","text":"hello"}]'`,
		`   The photo lands in ${join(userDir, 'whatsapp-archive', sandbox.chatId)}, both go to wamedia-journal.ndjson there;`,
		'   the debug nodes "archived" and "other notifications" show them, and "archive" counts the files under it.',
		'',
		dim('Ctrl-C stops Node-RED and the sandbox.'),
		'',
	].join('\n');
}

const sandbox = await startSandbox();
const userDir = await mkdtemp(join(tmpdir(), 'wamedia-node-red-'));
let nodeRed: NodeRed | undefined;
let stopping = false;

async function stop(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	await nodeRed?.stop();
	await sandbox.close();
	await rm(userDir, { recursive: true, force: true });
	process.exit(code);
}

try {
	await installPackage(userDir);
	const port = await freePort(Number(process.env.PORT ?? 1880));
	await writeSettings(userDir, port);
	nodeRed = await startNodeRed('node-red', userDir, port);
	await deployExamples(nodeRed, sandbox);
} catch (error) {
	process.stderr.write(`pnpm node-red: ${error instanceof Error ? error.message : String(error)}\n`);
	await stop(1);
}
if (nodeRed !== undefined) {
	process.stdout.write(instructions(nodeRed, sandbox, userDir, await nodeRedVersion('node-red')));
	// From here on, show what Node-RED logs (warnings and errors).
	const forward = (chunk: Buffer) =>
		process.stdout.write(dim(`node-red │ ${chunk.toString().trimEnd().replaceAll('\n', '\nnode-red │ ')}\n`));
	nodeRed.child.stdout?.on('data', forward);
	nodeRed.child.stderr?.on('data', forward);
	nodeRed.child.once('exit', (code) => {
		if (!stopping) {
			process.stderr.write(`Node-RED exited (${code ?? 'signal'}).\n`);
			void stop(1);
		}
	});
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));
}
