import type { FaultList } from '../faults/faults.js';
import { listen, type RunningServer } from '../http/http-server.js';
import type { RequestLog } from '../http/request-log.js';
import { deterministicHex } from '../identifiers.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import type { SandboxClock } from '../sandbox-clock.js';
import { WahaFiles } from './files.js';
import { type WahaMessageContext, type WahaWebhookOptions, wahaWebhook } from './messages.js';
import { wahaHandler } from './server.js';

/**
 * The WAHA emulator as a sandbox exposes it: server, key, session and ids.
 *
 * @example const { serverUrl, apiKey, session } = sandbox.waha;
 */
export interface WahaSandbox {
	/** Origin of the WAHA emulator, e.g. `http://127.0.0.1:PORT` (what WAHA calls `WAHA_BASE_URL`). */
	readonly serverUrl: string;
	/** The key every `/api/` call needs, in `X-Api-Key` (or `?x-api-key=`). */
	readonly apiKey: string;
	/** The session name, `default`. */
	readonly session: string;
	/** The chat every media arrives in, `79001234567@c.us`. */
	readonly chatId: string;
	/** Seconds a saved file lives (0: forever); `startSandbox({ wahaFilesLifetimeSeconds })`, default 180. */
	readonly filesLifetimeSeconds: number;
	/** A message id of a text message (no media) in `chatId`, for the message route. */
	readonly textMessageId: string;
	/** The WAHA message id of a catalog media, `false_79001234567@c.us_3EB0…`. */
	messageId(id: string): string;
	/** Saves the file of a catalog media now and returns its `media.url`; `expired`: the file is gone instead. */
	fileUrl(id: string, options?: { expired?: boolean }): string;
}

/** What the WAHA emulator needs from the sandbox. */
export interface WahaEmulatorContext {
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	readonly clock: SandboxClock;
	readonly port: number;
	readonly filesLifetimeSeconds: number;
	readonly start: (server: Promise<RunningServer>) => Promise<RunningServer>;
	readonly chatId: string;
	readonly me: string;
	readonly senderName: string;
	/** A presigned storage link to a media. */
	readonly storageLink: (id: string, expired: boolean) => string;
}

/** The running WAHA emulator. */
export interface WahaEmulator {
	readonly sandbox: WahaSandbox;
	readonly webhook: (id: string, options?: WahaWebhookOptions) => Record<string, unknown>;
}

/**
 * Starts the WAHA emulator on its own port of 127.0.0.1.
 *
 * @example const waha = await startWahaEmulator(context); waha.sandbox.serverUrl
 */
export async function startWahaEmulator(context: WahaEmulatorContext): Promise<WahaEmulator> {
	const apiKey = deterministicHex('wahaApiKey', 32);
	const session = 'default';
	const files = new WahaFiles(context.clock, context.filesLifetimeSeconds);
	const textMessageId = `false_${context.chatId}_3EB0${deterministicHex('wahaText', 18).toUpperCase()}`;
	let serverUrl = '';
	const saveFile = (entry: MediaEntry, deleted: boolean): string => {
		if (deleted) {
			files.delete(entry);
			return WahaFiles.nameOf(entry);
		}
		return files.save(entry);
	};
	const messages: WahaMessageContext = {
		catalog: context.catalog,
		serverUrl: () => serverUrl,
		session,
		chatId: context.chatId,
		me: context.me,
		senderName: context.senderName,
		now: () => context.clock.now(),
		saveFile,
		storageLink: (entry, expired) => {
			const url = context.storageLink(entry.info.id, expired);
			const [bucket = '', ...key] = new URL(url).pathname.split('/').filter(Boolean).map(decodeURIComponent);
			return { url, bucket, key: key.join('/') };
		},
	};
	const server = await context.start(
		listen(
			wahaHandler({ apiKey, catalog: context.catalog, files, messages, textMessageId, log: context.log, faults: context.faults }),
			context.port,
		),
	);
	serverUrl = server.url;
	const sandbox: WahaSandbox = {
		serverUrl,
		apiKey,
		session,
		chatId: context.chatId,
		filesLifetimeSeconds: context.filesLifetimeSeconds,
		textMessageId,
		messageId: (id) => context.catalog.get(id).info.wahaMessageId,
		fileUrl: (id, options) => `${serverUrl}/api/files/${session}/${saveFile(context.catalog.get(id), options?.expired ?? false)}`,
	};
	return { sandbox, webhook: (id, options) => wahaWebhook(messages, id, options) };
}
