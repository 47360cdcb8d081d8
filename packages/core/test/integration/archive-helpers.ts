import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from '@wamedia/sandbox';
import type { JournalLine } from '../../src/index.js';
import { sha256 } from './helpers.js';

/** The journal's lines as written (a line that does not parse fails the test). */
export async function readJournal(directory: string): Promise<JournalLine[]> {
	const text = await readFile(join(directory, 'wamedia-journal.ndjson'), 'utf8').catch(() => '');
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as JournalLine);
}

/** Every file under a directory except the journal, as paths relative to it, hidden temporary files included. */
export async function archivedFiles(directory: string): Promise<string[]> {
	const names = await readdir(directory, { recursive: true, withFileTypes: true });
	return names
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1))
		.filter((path) => path !== 'wamedia-journal.ndjson')
		.sort();
}

/** The sha256 of an archived file. */
export async function fileSha256(directory: string, path: string): Promise<string> {
	return sha256(await readFile(join(directory, path)));
}

/** The Green-API method a recorded request called (`/waInstance1/receiveNotification/<token>?…` → receiveNotification). */
export function methodOf(path: string): string {
	return path.split('?')[0]?.split('/')[2] ?? '';
}

/** The Green-API requests of one method, oldest first. */
export function apiCalls(sandbox: Sandbox, method: string) {
	return sandbox.requests.list().filter((request) => request.server === 'api' && methodOf(request.path) === method);
}

/**
 * The requests of one method the sandbox accepted (not answered 429). What the rate-limit contract promises
 * is counted on these: a loaded machine may see a 429 now and then, but never two in a row, and every item
 * is fetched once (docs/green-api.md#rate-limits).
 */
export function acceptedCalls(sandbox: Sandbox, method: string) {
	return apiCalls(sandbox, method).filter((request) => request.status !== 429);
}

/** Fails when the sandbox answered 429 to two requests of one method in a row: the client did not slow down. */
export function expectNo429TwiceInARow(sandbox: Sandbox, method?: string): void {
	const requests = sandbox.requests.list().filter((request) => request.server === 'api');
	const methods = method === undefined ? [...new Set(requests.map((request) => methodOf(request.path)))] : [method];
	for (const name of methods) {
		const statuses = requests.filter((request) => methodOf(request.path) === name).map((request) => request.status);
		for (let index = 1; index < statuses.length; index++) {
			if (statuses[index] === 429 && statuses[index - 1] === 429) throw new Error(`${name} was answered 429 twice in a row`);
		}
	}
}

/** The most accepted requests of a method that started within any one second. */
export function busiestSecond(sandbox: Sandbox, method: string): number {
	const times = acceptedCalls(sandbox, method).map((request) => request.time);
	return Math.max(0, ...times.map((start) => times.filter((time) => time >= start && time < start + 1_000).length));
}

/** Every queue and journal of the sandbox emptied, and the instance authorized without a webhook. */
export function resetInstance(sandbox: Sandbox): void {
	sandbox.notifications.clear();
	sandbox.journal.clear();
	sandbox.instance.setState('authorized');
	sandbox.instance.setSettings({ webhookUrl: '' });
}
