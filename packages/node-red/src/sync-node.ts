import { join, resolve } from 'node:path';
import {
	type ArchiveNotice,
	type ArchiveSummary,
	isWamediaError,
	type JournalLine,
	WamediaError,
	type WamediaErrorJson,
} from '@wamedia/core';
import { isConnectionNode } from './connection-node.js';
import { type SyncSettings, syncDefaults, withDefaults } from './defaults.js';
import { toNodeError } from './node-error.js';
import type { NodeApi, NodeConfig, NodeMessage, NodeStatus, RuntimeNode } from './node-red.js';
import { type SyncCounts, syncStatusText } from './status-text.js';

/** The archive directory a node's settings stand for: a relative one follows the File nodes, as in wamedia-download. */
export function syncDirectory(RED: NodeApi, settings: SyncSettings): string {
	const directory = String(settings.directory).trim();
	const base = RED.settings.fileWorkingDirectory;
	// An empty directory goes to core as it is, which refuses it naming the field.
	return base && directory !== '' ? resolve(base, directory) : directory;
}

/** The error of a summary, as the error it was: for the status code, Catch nodes and the field labels. */
function asError(error: WamediaErrorJson): WamediaError {
	return new WamediaError(error.code, {
		message: error.message,
		hint: error.hint,
		retryable: error.retryable,
		details: error.details,
		...(error.status === null ? {} : { status: error.status }),
		...(error.provider === null ? {} : { provider: error.provider }),
	});
}

/**
 * The message of one journal line: `msg.payload` the result (the file result without data, its path relative
 * to the directory, or the error result), or the notification itself when it carried no file; `msg.journal`
 * the line as written; `msg.filename` the absolute path of a file that was downloaded.
 */
export function journalMessage(line: JournalLine, directory: string): NodeMessage {
	const message: NodeMessage = { payload: line.result ?? line.body, journal: line };
	if (line.result?.success === true) message.filename = join(directory, line.result.path);
	return message;
}

/** Registers the `wamedia-sync` node. */
export function registerSyncNode(RED: NodeApi): void {
	RED.nodes.registerType('wamedia-sync', function (this: RuntimeNode, config: NodeConfig) {
		RED.nodes.createNode(this, config);
		const node = this;
		const settings = withDefaults(syncDefaults, config);
		const connection = RED.nodes.getNode(settings.connection);
		const controller = new AbortController();
		const { signal } = controller;
		const counts: SyncCounts = { downloaded: 0, failed: 0 };
		let shown = '';
		const show = (status: NodeStatus) => {
			const key = JSON.stringify(status);
			if (key === shown || signal.aborted) return;
			shown = key;
			node.status(status);
		};
		const syncing = () => show({ fill: 'blue', shape: 'dot', text: syncStatusText('syncing', counts) });
		const failed = (error: unknown, summary?: ArchiveSummary) => {
			const failure = toNodeError(error);
			show({ fill: 'red', shape: 'ring', text: failure.code ?? 'error' });
			// With a message, a Catch node gets it: msg.error.code, and the summary of the run in msg.payload.
			node.error(failure, summary === undefined ? {} : { payload: summary });
		};

		const onNotice = (notice: ArchiveNotice) => {
			switch (notice.type) {
				case 'idle':
					show({ fill: 'green', shape: 'dot', text: syncStatusText('idle', counts) });
					break;
				case 'backoff':
					show({ fill: 'yellow', shape: 'ring', text: syncStatusText(notice.error.code, counts) });
					break;
				case 'settings':
					node.warn(notice.message);
					break;
				case 'not-deleted':
					node.debug(`Green-API did not delete notification ${notice.receiptId} (already deleted?); it is in the journal`);
					break;
				case 'skipped':
					node.debug(`${notice.idMessage} is archived already: deleted without a download`);
					break;
			}
		};

		async function run(): Promise<void> {
			if (!isConnectionNode(connection)) {
				show({ fill: 'red', shape: 'ring', text: 'wamedia-sync.status.no-connection' });
				return;
			}
			try {
				const directory = syncDirectory(RED, settings);
				syncing();
				const onItem = (line: JournalLine) => {
					if (line.result?.success === true) counts.downloaded++;
					else if (line.result !== undefined) counts.failed++;
					syncing();
					node.send(journalMessage(line, directory));
				};
				// Not `once`: the loop waits for notifications, and for a failure that may pass, until the node closes.
				const summary = await connection.client().sync({ directory, signal, onItem, onNotice });
				if (signal.aborted) return;
				if (summary.error !== undefined) failed(asError(summary.error), summary);
			} catch (error) {
				// Closing the node aborts the run: the flow is being stopped, so there is no one to tell.
				if (!signal.aborted) failed(error);
			}
		}

		let running: Promise<void> = Promise.resolve();
		// Started once the deploy has created every node, so that the first messages and errors reach the
		// nodes wired to this one and the Catch nodes of the flow.
		const start = () => {
			running = run()
				// run() handles its own errors; this catch is the guarantee that nothing reaches the runtime unhandled.
				.catch((error: unknown) => node.error(isWamediaError(error) ? toNodeError(error) : String(error)));
		};
		RED.events.once('flows:started', start);

		node.on('close', (_removed, done) => {
			RED.events.removeListener('flows:started', start);
			// The download in progress is abandoned: no file is kept and its notification is not deleted.
			controller.abort();
			void running.then(() => {
				node.status({});
				done();
			});
		});
	});
}
