import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ArchiveJob } from '../archive/archive-job.js';
import { ArchiveJournal } from '../archive/archive-journal.js';
import { lockArchive } from '../archive/archive-lock.js';
import { ArchiveWorkers } from '../archive/archive-workers.js';
import { FileSpool } from '../archive/file-spool.js';
import { WamediaError } from '../errors/wamedia-error.js';
import type { WebhookServerOptions } from '../types/serve.js';
import { ServeMetrics } from './serve-metrics.js';
import { normalizeServeOptions } from './serve-settings.js';
import { WebhookReceiver, webhookGateways } from './webhook-receiver.js';

/**
 * A running webhook receiver (docs/serve.md): its spool drained by workers into the archive directory.
 * Mount {@link WebhookServer.handle} in an HTTP server of your own, or let {@link WebhookServer.listen}
 * start one.
 */
export interface WebhookServer {
	/** The archive directory (absolute). */
	readonly directory: string;
	/** A `node:http` request listener serving every route. */
	readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
	/** Starts a `node:http` server on `host:port` (`port` 0 picks a free one); resolves to its URL. */
	listen(options?: { host?: string; port?: number }): Promise<string>;
	/** Bodies spooled and not yet archived. */
	pending(): number;
	/**
	 * Stops: no new connection; requests under way are answered; downloads under way get the shutdown
	 * timeout, then are abandoned uncommitted with their bodies still spooled. Resolves when all is closed.
	 */
	close(): Promise<void>;
}

/**
 * Starts the receiver: takes the directory's lock (one writer per archive, held until `close()`), opens the
 * journal and the spool, and queues what a stopped run left before anything new.
 */
export async function startWebhookServer(job: ArchiveJob, options: WebhookServerOptions = {}): Promise<WebhookServer> {
	let settings: ReturnType<typeof normalizeServeOptions>;
	try {
		settings = normalizeServeOptions(options, job);
	} catch (error) {
		throw job.finish(error);
	}
	const directory = resolve(settings.directory);
	const lock = await lockArchive(job, { directory, wait: false, signal: undefined }, 'serve');
	const journal = await ArchiveJournal.open(directory, job.redact).catch(async (error: unknown) => {
		await lock.release();
		throw job.finish(error);
	});
	let spool: FileSpool;
	try {
		spool = await FileSpool.open(directory, { maxEntries: settings.maxSpooledBodies, maxBytes: settings.maxSpooledBytes });
	} catch (error) {
		await journal.close();
		await lock.release();
		throw job.finish(
			new WamediaError('INVALID_INPUT', {
				message: `Cannot use the spool in ${directory}`,
				hint: 'Choose an output directory you can write to, with free space.',
				details: { field: 'directory' },
				cause: error,
			}),
		);
	}
	let workers: ArchiveWorkers | undefined;
	const metrics = new ServeMetrics(() => workers?.pending ?? 0);
	workers = new ArchiveWorkers({
		job,
		journal,
		spool,
		directory,
		concurrency: settings.concurrency,
		metrics,
		onItem: settings.onItem,
		onNotice: settings.onNotice,
	});
	const receiver = new WebhookReceiver({
		secrets: settings.secrets,
		allowUnauthenticated: settings.allowUnauthenticated,
		maxBody: settings.maxBody,
		spool,
		metrics,
		accept: (entry) => workers.enqueue(entry),
		pending: () => workers.pending,
		onNotice: settings.onNotice,
	});
	// What a stopped run left is queued first: it goes before any body that arrives from now on.
	for (const entry of spool.pending()) workers.enqueue(entry);
	workers.start();
	if (settings.allowUnauthenticated) {
		const open = webhookGateways.filter((gateway) => !settings.checked.includes(gateway));
		if (open.length > 0) {
			settings.onNotice({ type: 'warning', message: `Routes without an authenticity check accept anything: ${open.join(', ')}` });
		}
	}
	let server: Server | undefined;
	let closing: Promise<void> | undefined;
	return {
		directory,
		handle: receiver.handle,
		pending: () => workers.pending,
		async listen({ host = '127.0.0.1', port = 8080 } = {}) {
			if (server !== undefined) throw new Error('The webhook server listens already');
			const created = createServer(
				{
					requestTimeout: settings.requestTimeout,
					headersTimeout: Math.min(settings.requestTimeout, 60_000),
					connectionsCheckingInterval: 1000,
				},
				receiver.handle,
			);
			server = created;
			await new Promise<void>((done, fail) => {
				created.once('error', fail);
				created.listen(port, host, () => {
					created.off('error', fail);
					done();
				});
			});
			const address = created.address() as AddressInfo;
			const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
			return `http://${shown}:${address.port}`;
		},
		close() {
			closing ??= (async () => {
				receiver.stop();
				const stopped = server === undefined ? Promise.resolve() : new Promise<void>((done) => server?.close(() => done()));
				server?.closeIdleConnections();
				await receiver.settled();
				server?.closeIdleConnections();
				await workers.stop(settings.shutdownTimeout);
				server?.closeAllConnections();
				await stopped;
				await spool.close();
				await journal.close();
				await lock.release();
			})();
			return closing;
		},
	};
}
