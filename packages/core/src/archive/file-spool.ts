import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectoryShared } from '../disk/sync-to-disk.js';
import type { WebhookGateway } from '../types/serve.js';
import type { Spool, SpoolEntry, SpoolPut } from './spool.js';

/** The spool's folder inside the archive directory. */
export const spoolFolderName = '.wamedia-spool';

const gateways: readonly WebhookGateway[] = ['green-api', 'multi-session', 'meta', 'waha', 'evolution'];
// <14-digit arrival ms>-<6-digit sequence>-<sha256 of gateway and body, 32 hex>.<gateway>.body
const entryName = /^(\d{14})-(\d{6})-([0-9a-f]{32})\.([a-z-]+)\.body$/;
const diskFull = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS']);

/** Bounds of a {@link FileSpool}. */
export interface FileSpoolLimits {
	maxEntries: number;
	maxBytes: number;
}

/**
 * The spool on disk: `<directory>/.wamedia-spool/`, one file per body (mode 0600: Evolution puts its apikey
 * in every body), written under a temporary name, fsynced, renamed, and the folder fsynced before `put`
 * resolves (docs/serve.md#durability). Concurrent puts share one folder fsync (`syncDirectoryShared`), which
 * keeps a burst near the cost of one fsync per body. The same body of the same gateway is stored once.
 */
export class FileSpool implements Spool {
	readonly #folder: string;
	readonly #limits: FileSpoolLimits;
	readonly #entries = new Map<string, SpoolEntry & { name: string }>();
	#bytes = 0;
	#sequence = 0;
	/** Bytes promised to puts under way, so that concurrent puts respect the bound together. */
	#reserved = 0;
	/** Puts under way, by id. */
	readonly #writing = new Map<string, Promise<SpoolPut>>();

	private constructor(folder: string, limits: FileSpoolLimits) {
		this.#folder = folder;
		this.#limits = limits;
	}

	/** Opens the spool of an archive directory: removes temporary files of dead processes, lists what waits. */
	static async open(directory: string, limits: FileSpoolLimits): Promise<FileSpool> {
		const folder = join(directory, spoolFolderName);
		await mkdir(folder, { recursive: true, mode: 0o700 });
		const spool = new FileSpool(folder, limits);
		const found: Array<SpoolEntry & { name: string }> = [];
		for (const name of await readdir(folder)) {
			// A temporary file was never answered with 200: the gateway still has that body.
			if (name.startsWith('.tmp-')) {
				await unlink(join(folder, name)).catch(() => undefined);
				continue;
			}
			const match = entryName.exec(name);
			if (match === null || !gateways.includes(match[4] as WebhookGateway)) continue;
			const { size } = await stat(join(folder, name));
			found.push({ id: match[3] as string, gateway: match[4] as WebhookGateway, size, name });
		}
		found.sort((a, b) => (a.name < b.name ? -1 : 1));
		for (const entry of found) {
			// The same body stored twice is one piece of work: the later copy goes.
			if (spool.#entries.has(entry.id)) {
				await unlink(join(folder, entry.name)).catch(() => undefined);
				continue;
			}
			spool.#entries.set(entry.id, entry);
			spool.#bytes += entry.size;
		}
		return spool;
	}

	put(gateway: WebhookGateway, body: Buffer): Promise<SpoolPut> {
		const id = createHash('sha256').update(gateway).update('\n').update(body).digest('hex').slice(0, 32);
		const existing = this.#entries.get(id);
		if (existing !== undefined) return Promise.resolve({ stored: existing, duplicate: true });
		// The same body arriving twice at once is written once; the second answer waits for the first write.
		const writing = this.#writing.get(id);
		if (writing !== undefined) return writing.then((put) => ('stored' in put ? { stored: put.stored, duplicate: true } : put));
		const put = this.#write(id, gateway, body).finally(() => this.#writing.delete(id));
		this.#writing.set(id, put);
		return put;
	}

	async #write(id: string, gateway: WebhookGateway, body: Buffer): Promise<SpoolPut> {
		if (this.#entries.size + (this.#reserved > 0 ? 1 : 0) >= this.#limits.maxEntries) return { full: 'count' };
		if (this.#bytes + this.#reserved + body.length > this.#limits.maxBytes) return { full: 'bytes' };
		this.#reserved += body.length;
		const name = `${String(Date.now()).padStart(14, '0')}-${String(this.#sequence++ % 1_000_000).padStart(6, '0')}-${id}.${gateway}.body`;
		const temporary = join(this.#folder, `.tmp-${randomBytes(8).toString('hex')}`);
		try {
			await writeDurably(temporary, body);
			await rename(temporary, join(this.#folder, name));
			await syncDirectoryShared(this.#folder);
		} catch (error) {
			await unlink(temporary).catch(() => undefined);
			await unlink(join(this.#folder, name)).catch(() => undefined);
			if (diskFull.has((error as { code?: string }).code ?? '')) return { full: 'disk' };
			throw error;
		} finally {
			this.#reserved -= body.length;
		}
		const entry = { id, gateway, size: body.length, name };
		this.#entries.set(id, entry);
		this.#bytes += entry.size;
		return { stored: entry, duplicate: false };
	}

	async read(entry: SpoolEntry): Promise<Buffer> {
		return readFile(join(this.#folder, this.#nameOf(entry)));
	}

	async remove(entry: SpoolEntry): Promise<void> {
		const known = this.#entries.get(entry.id);
		await unlink(join(this.#folder, this.#nameOf(entry))).catch((error: unknown) => {
			if ((error as { code?: string }).code !== 'ENOENT') throw error;
		});
		if (known !== undefined) {
			this.#entries.delete(entry.id);
			this.#bytes -= known.size;
		}
		// The removal need not be durable: a body that comes back after a crash finds its media journaled.
	}

	pending(): SpoolEntry[] {
		return [...this.#entries.values()].map(({ id, gateway, size }) => ({ id, gateway, size }));
	}

	size(): { count: number; bytes: number } {
		return { count: this.#entries.size, bytes: this.#bytes };
	}

	async close(): Promise<void> {
		// Nothing is held open between puts.
	}

	#nameOf(entry: SpoolEntry): string {
		const known = this.#entries.get(entry.id);
		if (known === undefined) throw Object.assign(new Error(`spool entry ${entry.id} is gone`), { code: 'ENOENT' });
		return known.name;
	}
}

/** Writes every byte (a short write goes on where it stopped), fsyncs and closes; mode 0600. */
async function writeDurably(path: string, body: Buffer): Promise<void> {
	const file = await open(path, 'wx', 0o600);
	try {
		let offset = 0;
		while (offset < body.length) {
			const { bytesWritten } = await file.write(body, offset, body.length - offset, offset);
			if (bytesWritten <= 0) throw Object.assign(new Error('The disk took no bytes'), { code: 'ENOSPC' });
			offset += bytesWritten;
		}
		await file.sync();
	} finally {
		await file.close();
	}
}
