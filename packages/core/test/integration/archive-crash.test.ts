import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiCalls, archivedFiles, fileSha256, readJournal, resetInstance } from './archive-helpers.js';
import { runWamedia } from './cli.js';
import { quickRetry, sandboxClient, temporaryDirectory, useSandbox } from './helpers.js';

const sandbox = useSandbox();
beforeEach(() => resetInstance(sandbox()));

const core = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

// A separate process runs sync on the built library and kills itself (SIGKILL: no cleanup of any kind) at
// one step. The steps inside core are reached by wrapping the fs calls that end them: a test seam that
// needs nothing in core itself.
const crashScript = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const { step, directory, greenApi, retry, core } = JSON.parse(process.env.WAMEDIA_CRASH);
const die = () => process.kill(process.pid, 'SIGKILL');
const after = (object, name) => {
	const original = object[name];
	object[name] = function (...args) {
		const value = original.apply(this, args);
		// The lock's own link is not a step of the download.
		if (String(args[1]).includes('.wamedia.lock')) return value;
		if (value instanceof Promise) return value.then((result) => { die(); return result; });
		die();
		return value;
	};
};
if (step === 'after-download') { after(fs, 'linkSync'); after(fs.promises, 'link'); }
if (step === 'after-file-fsync') { after(fs, 'fsyncSync'); after(fs, 'fsync'); }
syncBuiltinESMExports();
const { createClient } = await import(core);
const client = createClient({ greenApi, retry });
await client.sync({ directory, once: true, onItem: step === 'after-journal-line' ? die : undefined });
process.exit(0);
`;

async function crashScriptPath(): Promise<string> {
	const path = join(await temporaryDirectory(), 'crash.mjs');
	await writeFile(path, crashScript);
	return path;
}

/** Runs sync in a child that kills itself at `step`; resolves with the signal that ended it. */
async function syncUntilKilled(step: string, directory: string, onRequest?: () => boolean): Promise<NodeJS.Signals | null> {
	const child = spawn(process.execPath, [await crashScriptPath()], {
		env: {
			PATH: process.env.PATH ?? '',
			WAMEDIA_CRASH: JSON.stringify({ step, directory, greenApi: sandbox().greenApi, retry: quickRetry, core }),
		},
		stdio: 'ignore',
	});
	let watching: NodeJS.Timeout | undefined;
	if (onRequest !== undefined) {
		watching = setInterval(() => {
			if (onRequest()) child.kill('SIGKILL');
		}, 1);
	}
	const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
	clearInterval(watching);
	return signal;
}

async function expectArchivedOnce(directory: string, media: string[]): Promise<void> {
	const journal = await readJournal(directory);
	const successes = journal.filter((line) => line.result?.success === true);
	expect(successes.map((line) => line.idMessage).sort()).toEqual([...new Set(successes.map((line) => line.idMessage))].sort());
	expect(successes).toHaveLength(media.length);
	const files = await archivedFiles(directory);
	// One file per message, no temporary file, no numbered copy.
	expect(files, files.join(', ')).toHaveLength(media.length);
	expect(files.filter((path) => path.includes('.part'))).toEqual([]);
	const hashes = await Promise.all(files.map((path) => fileSha256(directory, path)));
	expect(hashes.sort()).toEqual(media.map((id) => sandbox().media.get(id).sha256).sort());
	expect(sandbox().notifications.list()).toEqual([]);
}

describe('sync killed (kill -9) at each step, then run again', () => {
	for (const step of ['after-download', 'after-file-fsync', 'after-journal-line']) {
		it(`${step}: nothing lost, nothing twice, no leftover`, async () => {
			const directory = await temporaryDirectory();
			const media = ['image', 'document'];
			for (const id of media) sandbox().notifications.enqueue({ type: 'file', media: id });
			expect(await syncUntilKilled(step, directory)).toBe('SIGKILL');
			// The notification the child was on is still queued: nothing was deleted before the kill.
			expect(sandbox().notifications.list().length).toBeGreaterThanOrEqual(media.length);
			expect(await sandboxClient(sandbox()).sync({ directory, once: true })).toMatchObject({ failed: 0 });
			await expectArchivedOnce(directory, media);
		});
	}

	it('with the delete sent: nothing lost, nothing twice', async () => {
		const directory = await temporaryDirectory();
		const media = ['image', 'document'];
		for (const id of media) sandbox().notifications.enqueue({ type: 'file', media: id });
		const signal = await syncUntilKilled('before-delete', directory, () => apiCalls(sandbox(), 'deleteNotification').length > 0);
		expect(signal).toBe('SIGKILL');
		await sandboxClient(sandbox()).sync({ directory, once: true });
		await expectArchivedOnce(directory, media);
	});
});

describe('one writer per archive directory', () => {
	it('a second run at once is refused, naming the process that holds the directory', async () => {
		const directory = await temporaryDirectory();
		for (let index = 0; index < 6; index++) sandbox().notifications.enqueue({ type: 'file', media: 'sticker', downloadUrl: '' });
		const client = sandboxClient(sandbox());
		// Whichever takes the lock first runs; the other is refused.
		const outcomes = await Promise.allSettled([client.sync({ directory, once: true }), client.sync({ directory, once: true })]);
		const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
		const ran = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
		expect(refused).toHaveLength(1);
		expect(refused[0]).toMatchObject({ code: 'INVALID_INPUT', details: { pid: process.pid, purpose: 'sync' } });
		expect(refused[0]?.message).toContain(`process ${process.pid}`);
		expect(ran).toEqual([expect.objectContaining({ downloaded: 6 })]);
		expect(await archivedFiles(directory)).toHaveLength(6);
		// Released at the end: the next run takes it.
		expect(await client.backfill({ directory })).toMatchObject({ failed: 0 });
	});

	it('with wait, two runs at once archive every notification once, one after the other', async () => {
		const directory = await temporaryDirectory();
		for (let index = 0; index < 6; index++) sandbox().notifications.enqueue({ type: 'file', media: 'sticker', downloadUrl: '' });
		const client = sandboxClient(sandbox());
		const summaries = await Promise.all([
			client.sync({ directory, once: true, wait: true }),
			client.sync({ directory, once: true, wait: true }),
		]);
		expect(summaries.map((summary) => summary.downloaded).reduce((a, b) => a + b)).toBe(6);
		expect(await archivedFiles(directory)).toHaveLength(6);
		expect((await readJournal(directory)).filter((line) => line.result?.success)).toHaveLength(6);
		expect(sandbox().notifications.list()).toEqual([]);
	});

	it('a lock left by a dead process is taken over', async () => {
		const directory = await temporaryDirectory();
		const dead = spawn(process.execPath, ['-e', '']);
		await once(dead, 'exit');
		await writeFile(
			join(directory, '.wamedia.lock'),
			JSON.stringify({ pid: dead.pid, host: hostname(), purpose: 'sync', since: new Date().toISOString() }),
		);
		sandbox().notifications.enqueue({ type: 'file', media: 'image' });
		expect(await sandboxClient(sandbox()).sync({ directory, once: true })).toMatchObject({ downloaded: 1 });
		await expect(readFile(join(directory, '.wamedia.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
	});

	it('the CLI: a second run exits 2 and says which process holds the directory', async () => {
		const directory = await temporaryDirectory();
		const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
		try {
			await writeFile(
				join(directory, '.wamedia.lock'),
				JSON.stringify({ pid: holder.pid, host: hostname(), purpose: 'backfill', since: new Date().toISOString() }),
			);
			const { apiUrl, idInstance, apiTokenInstance } = sandbox().greenApi;
			const env = { WAMEDIA_API_URL: apiUrl, WAMEDIA_ID_INSTANCE: idInstance, WAMEDIA_API_TOKEN_INSTANCE: apiTokenInstance };
			for (const command of ['sync', 'backfill']) {
				const run = await runWamedia([command, '-o', directory, ...(command === 'sync' ? ['--once'] : [])], { env });
				expect(run.status).toBe(2);
				expect(run.stderr).toContain(`process ${holder.pid}`);
				expect(run.stderr).toContain('--wait');
			}
			expect(apiCalls(sandbox(), 'receiveNotification')).toEqual([]);
		} finally {
			holder.kill('SIGKILL');
		}
	});
});

describe('leftovers of dead processes', () => {
	it('a download, a sync and a backfill remove the temporary files of dead processes and keep a live one', async () => {
		const dead = spawn(process.execPath, ['-e', '']);
		await once(dead, 'exit');
		for (const run of ['download', 'sync', 'backfill'] as const) {
			const directory = await temporaryDirectory();
			const folder = run === 'download' ? directory : join(directory, sandbox().chatId);
			await mkdir(folder, { recursive: true });
			const deadPart = join(folder, `.wamedia-${dead.pid}-0123456789ab-0.part`);
			const livePart = join(folder, `.wamedia-${process.pid}-0123456789ab-zz.part`);
			const other = join(folder, '.wamedia-notes.part');
			for (const path of [deadPart, livePart, other]) await writeFile(path, 'partial');
			const client = sandboxClient(sandbox(), { directory });
			if (run === 'download') await client.download({ chatId: sandbox().chatId, idMessage: sandbox().media.get('image').idMessage });
			if (run === 'sync') await client.sync({ once: true });
			if (run === 'backfill') await client.backfill({});
			await expect(readFile(deadPart), run).rejects.toMatchObject({ code: 'ENOENT' });
			expect(await readFile(livePart, 'utf8'), run).toBe('partial');
			// Not a name wamedia gives its temporary files: not ours to remove.
			expect(await readFile(other, 'utf8'), run).toBe('partial');
		}
	});
});
