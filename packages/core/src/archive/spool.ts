import type { WebhookGateway } from '../types/serve.js';

/** One accepted webhook body waiting to be archived. */
export interface SpoolEntry {
	/** Unique within the spool; the same gateway and body always get the same id. */
	readonly id: string;
	readonly gateway: WebhookGateway;
	readonly size: number;
}

/** What {@link Spool.put} did: stored the body durably, found it stored already, or had no room. */
export type SpoolPut = { stored: SpoolEntry; duplicate: boolean } | { full: 'count' | 'bytes' | 'disk' };

/**
 * Where accepted bodies wait for the workers (docs/serve.md#durability). `put` resolves only once the
 * body survives a crash; an entry is gone only after `remove`. The file spool is one implementation; a
 * queue engine (Redis + BullMQ) can be another behind the same methods.
 */
export interface Spool {
	/** Stores a body durably; `full` when a bound or the disk leaves no room (nothing half-written stays). */
	put(gateway: WebhookGateway, body: Buffer): Promise<SpoolPut>;
	/** The raw body of an entry. */
	read(entry: SpoolEntry): Promise<Buffer>;
	/** Forgets an entry once its work is done (and durable elsewhere). */
	remove(entry: SpoolEntry): Promise<void>;
	/** Entries waiting, oldest first (on start: what a stopped process left). */
	pending(): SpoolEntry[];
	/** Bodies and bytes held now. */
	size(): { count: number; bytes: number };
	close(): Promise<void>;
}
