import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JournalLine } from '../../src/index.js';
import { resetInstance } from './archive-helpers.js';
import { runWamedia } from './cli.js';
import { sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
beforeEach(() => resetInstance(sandbox()));

/** No 8-character piece of the token in any form a server may echo it in (upper-cased percent-encoding too). */
function expectNoToken(text: string): void {
	const token = sandbox().greenApi.apiTokenInstance;
	const forms = [
		token,
		token.toUpperCase(),
		encodeURIComponent(token).toUpperCase(),
		Buffer.from(token).toString('base64'),
		Buffer.from(token).toString('base64url'),
	];
	for (const form of forms) {
		for (let start = 0; start + 8 <= form.length; start++) {
			const piece = form.slice(start, start + 8);
			if (text.includes(piece))
				throw new Error(`token piece ${piece} leaked: …${text.slice(text.indexOf(piece) - 60, text.indexOf(piece) + 20)}…`);
		}
	}
}

/** Bodies that echo the token into every field a journal line keeps. */
function echoingBodies(): unknown[] {
	const token = sandbox().greenApi.apiTokenInstance;
	const shouted = encodeURIComponent(token).toUpperCase();
	const idInstance = Number(sandbox().greenApi.idInstance);
	const sender = { chatId: `7900${token.slice(0, 6)}@c.us`, sender: '79001234567@c.us', senderName: `Eve ${token}`, chatName: token };
	return [
		{
			typeWebhook: 'incomingMessageReceived',
			instanceData: { idInstance, wid: '79000000000@c.us', typeInstance: 'whatsapp' },
			timestamp: 1767261600,
			idMessage: `ID${token.slice(0, 12)}`,
			senderData: sender,
			messageData: {
				typeMessage: 'imageMessage',
				fileMessageData: {
					downloadUrl: `${sandbox().storageUrl}/gone/${token}/photo.jpg?token=${shouted}`,
					caption: `caption ${Buffer.from(token).toString('base64')}`,
					fileName: `${token}.jpg`,
					mimeType: 'image/jpeg',
				},
			},
		},
		{
			typeWebhook: 'incomingMessageReceived',
			instanceData: { idInstance, wid: '79000000000@c.us', typeInstance: 'whatsapp' },
			timestamp: 1767261601,
			idMessage: 'TEXT0001',
			senderData: sender,
			messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: `see ${shouted} and ${token.toUpperCase()}` } },
		},
		{ typeWebhook: `incomingCall${token}`, timestamp: 1767261602, from: `${token}@c.us` },
	];
}

describe('secrets in what sync and backfill write', () => {
	it('sync: the journal, the lines handed on and the notices hold no part of an echoed token', async () => {
		const directory = await temporaryDirectory();
		for (const body of echoingBodies()) sandbox().notifications.enqueue({ type: 'raw', body });
		const items: JournalLine[] = [];
		const notices: unknown[] = [];
		const summary = await sandboxClient(sandbox()).sync({
			directory,
			once: true,
			onItem: (line) => items.push(line),
			onNotice: (notice) => notices.push(notice),
		});
		expect(summary.processed).toBe(3);
		const text = await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8');
		expectNoToken(text);
		expect(text).toContain('***');
		// What onItem hands on is the line as written, byte for byte.
		expect(items.map((line) => JSON.stringify(line))).toEqual(text.split('\n').filter((line) => line !== ''));
		expectNoToken(JSON.stringify(notices));
		// No folder or file on disk is named after the token.
		expectNoToken((await readdir(directory, { recursive: true })).join('\n'));
	});

	it('backfill: journal items that echo the token are written down without it', async () => {
		const directory = await temporaryDirectory();
		const token = sandbox().greenApi.apiTokenInstance;
		sandbox().journal.add({
			type: 'raw',
			item: {
				type: 'incoming',
				idMessage: 'BACKFILL0001',
				timestamp: Math.floor(Date.now() / 1000),
				typeMessage: 'documentMessage',
				chatId: '79001234567@c.us',
				senderName: token,
				downloadUrl: `${sandbox().storageUrl}/gone/${encodeURIComponent(token).toUpperCase()}.pdf`,
				caption: token,
				fileName: `${token}.pdf`,
			},
		});
		const items: JournalLine[] = [];
		await sandboxClient(sandbox()).backfill({ directory, onItem: (line) => items.push(line) });
		const text = await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8');
		expect(text).not.toBe('');
		expectNoToken(text);
		expectNoToken(JSON.stringify(items));
	});

	it('the CLI: --json prints exactly the journal lines, and neither holds the token', async () => {
		const directory = await temporaryDirectory();
		for (const body of echoingBodies()) sandbox().notifications.enqueue({ type: 'raw', body });
		const { apiUrl, idInstance, apiTokenInstance } = sandbox().greenApi;
		const run = await runWamedia(['sync', '-o', directory, '--once', '--json'], {
			env: { WAMEDIA_API_URL: apiUrl, WAMEDIA_ID_INSTANCE: idInstance, WAMEDIA_API_TOKEN_INSTANCE: apiTokenInstance },
		});
		const journal = (await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8')).split('\n').filter((line) => line !== '');
		expect(journal).toHaveLength(3);
		expect(run.stdout.split('\n').filter((line) => line !== '')).toEqual(journal);
		expectNoToken(run.stdout);
		expectNoToken(run.stderr);
	});
});
