import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { ArchiveJob } from './archive/archive-job.js';
import { checkGateways } from './check-gateways.js';
import { flushFailed, syncFile, syncFolders } from './disk/sync-to-disk.js';
import { removeDeadTemporaryFiles } from './disk/temporary-files.js';
import { toWamediaError } from './errors/to-wamedia-error.js';
import { abortError } from './errors/transport-error.js';
import { isWamediaError, WamediaError } from './errors/wamedia-error.js';
import { type MediaHeaders, MediaTransfer, type TransferOptions, type TransferResult } from './media-transfer.js';
import { chooseFileName, fileNameFromUrl, splitExtension, withExtension } from './naming/file-name.js';
import { detectMimeType } from './naming/mime-type.js';
import { dateOf, type NameFields, renderFileName, templateFolder } from './naming/name-template.js';
import { parseContentDisposition } from './naming/parse-content-disposition.js';
import {
	type ClientSettings,
	type DownloadSettings,
	maxConcurrency,
	normalizeClientOptions,
	normalizeConcurrency,
	normalizeDownloadOptions,
} from './normalize-options.js';
import { providerNamed, providers } from './providers/index.js';
import { type ParsedReference, parseReference } from './providers/parse-reference.js';
import type { MediaLink, ProviderContext } from './providers/provider.js';
import { DownloadRecord, type RecordKey, type RecordLine } from './records/download-record.js';
import { createRedactor, createSecretCheck, type Redactor, redactValue, type SecretCheck } from './security/redact.js';
import { systemResolver } from './security/url-policy.js';
import type { WebhookServer } from './serve/webhook-server.js';
import { FileSink } from './sinks/file-sink.js';
import { MemorySink } from './sinks/memory-sink.js';
import { StreamSink } from './sinks/stream-sink.js';
import { createTransport, type Transport } from './transport/create-transport.js';
import type { ArchiveSummary, BackfillOptions, SyncOptions } from './types/archive.js';
import type { CheckOptions, CheckResult } from './types/check.js';
import { type EventListener, safeUrl } from './types/events.js';
import type { ClientOptions, DownloadOptions } from './types/options.js';
import type { MediaReference } from './types/reference.js';
import type { DownloadResult, ErrorResult, FileResult, OutputFormat, ResultBase, ResultOf, StreamSummary } from './types/result.js';
import type { WebhookServerOptions } from './types/serve.js';
import { definedEntries } from './utils/defined-entries.js';

/** Options of {@link WamediaClient.downloadMany}. */
export interface DownloadManyOptions<F extends BatchFormat = BatchFormat> extends Omit<DownloadOptions, 'onProgress' | 'format'> {
	/** @default the client's format ('file') */
	format?: F;
	/** Downloads at once. @default the client's `concurrency` (4) */
	concurrency?: number;
	/** Called after each item finishes, with its index and result. */
	onResult?: (index: number, result: ResultOf<F> | ErrorResult) => void;
}

/** The formats a batch can deliver (a stream per item would have nobody reading it). */
export type BatchFormat = Exclude<OutputFormat, 'stream'>;

/**
 * A configured downloader; create it once and reuse it. `F` is the client's default format: results
 * are typed by the format in effect (`{ format: 'binary' }` gives `data: Buffer`).
 */
export interface WamediaClient<F extends OutputFormat = 'file'> {
	/**
	 * Resolves a reference to its link, fetches the bytes and delivers them in the chosen format.
	 * Throws a {@link WamediaError} on any failure; nothing partial is left on disk.
	 *
	 * @example
	 * const result = await client.download(webhookBody, { directory: 'media' })
	 * console.log(result.path, result.mimeType, result.sha256)
	 */
	download<G extends OutputFormat = F>(reference: MediaReference, options?: DownloadOptions & { format?: G }): Promise<ResultOf<G>>;
	/**
	 * Downloads many references, `concurrency` at a time, keeping Green-API's rate limit. Returns one
	 * result per input, in input order: a download result or an error result. Never throws for one item.
	 */
	downloadMany<G extends BatchFormat = Extract<F, BatchFormat>>(
		references: readonly MediaReference[],
		options?: DownloadManyOptions<G>,
	): Promise<Array<ResultOf<G> | ErrorResult>>;
	/** The link a reference leads to (calls Green-API `downloadFile` when needed), without downloading. */
	resolveLink(reference: MediaReference, options?: Pick<DownloadOptions, 'signal'>): Promise<string>;
	/**
	 * Drains the Green-API notification queue into a directory, at least once and losing nothing: each
	 * file is downloaded to `<directory>/<chatId>/` and flushed to disk, its line written and flushed to
	 * `wamedia-journal.ndjson`, and only then the notification deleted. Re-runs read the journal and
	 * download nothing twice. Rejects when it cannot start (INSTANCE_NOT_READY: not authorized, or a
	 * webhookUrl set); a failure on the way ends in the summary (docs/sync.md).
	 *
	 * @example
	 * const summary = await client.sync({ directory: 'archive', once: true })
	 * console.log(summary.downloaded, summary.failed)
	 */
	sync(options?: SyncOptions): Promise<ArchiveSummary>;
	/**
	 * Archives the file messages Green-API's journals still hold (the last `minutes`, or one chat's
	 * history) that the directory's journal does not list yet (docs/sync.md#back-fill).
	 *
	 * @example
	 * await client.backfill({ directory: 'archive', minutes: 7 * 1440, outgoing: true })
	 */
	backfill(options?: BackfillOptions): Promise<ArchiveSummary>;
	/**
	 * Starts a webhook receiver that archives (docs/serve.md): every gateway's webhooks proven authentic,
	 * each accepted body stored durably before its 200, and every media archived into `<directory>/<chatId>/`
	 * with the journal of `sync`. Resolves once the spool is open and its leftovers are queued; mount
	 * `handle` in your own HTTP server or call `listen()`.
	 *
	 * @example
	 * const server = await client.serve({ directory: 'archive', secrets: { metaAppSecret: process.env.APP_SECRET } })
	 * console.log(await server.listen({ port: 8080 }))
	 */
	serve(options?: WebhookServerOptions): Promise<WebhookServer>;
	/**
	 * Checks the credentials and the account state of every configured gateway (or `options.provider`) with
	 * its cheapest authenticated call, as `gh auth status` does: one result per gateway, ready or the typed error
	 * (AUTH_FAILED, INSTANCE_NOT_READY, …). Rejects with INVALID_INPUT when no gateway is configured.
	 *
	 * @example
	 * const [green] = await client.check({ provider: 'green-api' })
	 * if (!green?.success) console.error(green?.error.code, green?.error.hint)
	 */
	check(options?: CheckOptions): Promise<CheckResult[]>;
}

/**
 * Creates a client. Credentials are needed only for the references that use them.
 *
 * @example
 * import { createClient } from '@wamedia/core'
 * const client = createClient({
 *   greenApi: { apiUrl: 'https://7103.api.greenapi.com', idInstance: '7103000000', apiTokenInstance: token },
 * })
 * const result = await client.download({ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' })
 */
export function createClient<F extends OutputFormat = 'file'>(options: ClientOptions & { format?: F } = {}): WamediaClient<F> {
	const secrets = providers.flatMap((provider) => provider.secrets(options));
	const redact = createRedactor(secrets);
	let settings: ClientSettings;
	try {
		settings = normalizeClientOptions(options);
	} catch (error) {
		throw toWamediaError(error, redact);
	}
	const transport = createClientTransport(settings);
	const finish = (error: unknown, reference?: ParsedReference): WamediaError => toWamediaError(error, redact, identify(reference));
	const run = new Downloader(settings, transport, finish, redact, createSecretCheck(secrets));
	// One record per file for the client's life: a batch reads it once and appends to it.
	const records = new Map<string, Promise<DownloadRecord>>();
	const recordAt = (path: string): Promise<DownloadRecord> => {
		let record = records.get(path);
		if (record === undefined) {
			record = DownloadRecord.open(path);
			records.set(path, record);
			record.catch(() => records.delete(path));
		}
		return record;
	};
	const downloadOne = async (reference: MediaReference, itemSettings: DownloadSettings): Promise<DownloadResult> => {
		let parsed: ParsedReference | undefined;
		try {
			// A cancelled batch gives every item not yet finished an ABORTED result.
			if (itemSettings.signal?.aborted) throw abortError(itemSettings.signal, 'direct');
			parsed = parseReference(reference);
			if (itemSettings.record === undefined) return await run.download(parsed, itemSettings);
			// What the record lists is skipped with no request (docs/transfer.md#download-records).
			const record = await recordAt(itemSettings.record);
			const key = recordKey(parsed, redact);
			const listed = record.find(key);
			if (listed !== undefined) return skipped(listed, parsed);
			const result = await run.download(parsed, itemSettings);
			if (result.format === 'file') {
				// The file and its folders are on disk before the line that lists it.
				await flushToDisk(result.path, itemSettings.directory);
				await record.add(recordLine(key, result));
			}
			return result;
		} catch (error) {
			throw finish(error, parsed);
		}
	};

	const client: WamediaClient<OutputFormat> = {
		async download(reference, downloadOptions = {}) {
			let itemSettings: DownloadSettings;
			try {
				itemSettings = normalizeDownloadOptions(downloadOptions, settings.defaults);
			} catch (error) {
				throw finish(error);
			}
			return downloadOne(reference, itemSettings) as never;
		},
		async downloadMany(references, manyOptions = {}) {
			const { concurrency: concurrencyOption, onResult, ...rest } = manyOptions;
			let itemSettings: DownloadSettings;
			let concurrency: number;
			try {
				if (!Array.isArray(references)) throw new WamediaError('INVALID_INPUT', { message: 'downloadMany needs an array of references' });
				concurrency = normalizeConcurrency(concurrencyOption, settings.concurrency);
				itemSettings = normalizeDownloadOptions(rest, settings.defaults);
				itemSettings = { ...itemSettings, signal: batchSignal(itemSettings.signal) };
				if (itemSettings.format === 'stream') {
					throw new WamediaError('INVALID_INPUT', {
						message: "downloadMany does not support format 'stream'",
						hint: "Use 'file', 'binary' or 'base64', or call download() per item for streams.",
					});
				}
			} catch (error) {
				throw finish(error);
			}
			const results: Array<DownloadResult | ErrorResult> = new Array(references.length);
			let next = 0;
			const worker = async (): Promise<void> => {
				while (next < references.length) {
					const index = next++;
					try {
						results[index] = await downloadOne(references[index] as MediaReference, itemSettings);
					} catch (error) {
						// downloadOne throws only finished (redacted, identified) errors.
						results[index] = { success: false, error: (error as WamediaError).toJSON() };
					}
					onResult?.(index, results[index] as never);
				}
			};
			await Promise.all(Array.from({ length: Math.min(concurrency, references.length) }, worker));
			return results as never;
		},
		async resolveLink(reference, linkOptions = {}) {
			try {
				return (await run.link(parseReference(reference), linkOptions.signal)).url.href;
			} catch (error) {
				throw finish(error);
			}
		},
		// The archive code (journal, lock, queue, spool, receiver) is loaded by the first sync, back-fill or serve
		// only: a process that downloads never pays for it (docs/transfer.md#start-up).
		sync: async (syncOptions) => (await archive()).sync(archiveJob(syncOptions), syncOptions),
		backfill: async (backfillOptions) => (await archive()).backfill(archiveJob(backfillOptions), backfillOptions),
		async serve(serveOptions = {}) {
			// The webhook secrets are redacted like the client's own, from every error, line and notice.
			const extra = Object.values(serveOptions.secrets ?? {}).filter((value): value is string => typeof value === 'string');
			const redactAll = createRedactor([...secrets, ...extra]);
			const job = archiveJob();
			return (await archive()).serve(
				{
					...job,
					redact: redactAll,
					emit: (event) => settings.onEvent?.(redactValue(event, redactAll)),
					finish: (error) => toWamediaError(error, redactAll),
				},
				serveOptions,
			);
		},
		async check(checkOptions) {
			try {
				return await checkGateways(
					{
						configured: (name) => settings.providers.get(name),
						context: (signal) => ({
							transport,
							retry: settings.retry,
							redact,
							emit: (event) => settings.onEvent?.(redactValue(event, redact)),
							signal,
						}),
						finish: (error) => finish(error),
					},
					checkOptions,
				);
			} catch (error) {
				throw finish(error);
			}
		},
	};
	// What sync, back-fill and serve borrow from this client: its settings, transport and own download.
	const archiveJob = (archiveOptions: { fileName?: DownloadOptions['fileName'] } = {}): ArchiveJob => ({
		fileName: archiveFileName(archiveOptions.fileName, settings.defaults.fileName, finish),
		settingsOf: (provider) => settings.providers.get(provider),
		transport,
		retry: settings.retry,
		redact,
		emit: (event) => settings.onEvent?.(redactValue(event, redact)),
		concurrency: settings.concurrency,
		directory: settings.defaults.directory,
		// An archive keeps its own journal: the client's download record does not apply.
		download: async (reference, options) => {
			let itemSettings: DownloadSettings;
			try {
				const { record: _record, ...defaults } = settings.defaults;
				itemSettings = normalizeDownloadOptions({ ...options, format: 'file' }, defaults);
			} catch (error) {
				throw finish(error);
			}
			return downloadOne(reference, { ...itemSettings, record: undefined });
		},
		finish: (error) => finish(error),
	});
	return client as WamediaClient<F>;
}

/** What identifies a download in a record: its gateway and id — a media id alone, a message id with its chat — or else its link. */
function recordKey(reference: ParsedReference, redact: Redactor): RecordKey {
	const { provider, chatId, idMessage, mediaId, link } = reference;
	if (mediaId !== undefined && mediaId !== '') return { provider, mediaId };
	if (idMessage !== undefined && idMessage !== '') return { provider, chatId, idMessage };
	return { provider, link: link === undefined ? undefined : redact(link) };
}

function recordLine(key: RecordKey, result: FileResult): RecordLine {
	const { path, fileName, mimeType, size, sha256 } = result;
	return { ...definedEntries(key), provider: key.provider, at: new Date().toISOString(), path, fileName, mimeType, size, sha256 };
}

/** The result of an item the record lists: the recorded file, nothing requested. */
function skipped(line: RecordLine, reference: ParsedReference): FileResult {
	const ids = definedEntries({
		chatId: reference.chatId || undefined,
		idMessage: reference.idMessage || undefined,
		mediaId: reference.mediaId || undefined,
		sessionId: reference.sessionId,
		phoneNumberId: reference.phoneNumberId,
		caption: reference.caption,
	});
	return {
		success: true,
		skipped: true,
		message: 'Already downloaded: the record lists it',
		format: 'file',
		fileName: line.fileName,
		mimeType: line.mimeType,
		size: line.size,
		sha256: line.sha256,
		path: line.path,
		downloadUrl: line.link ?? '',
		provider: reference.provider,
		...ids,
	};
}

/** fsyncs a file and every folder from its own up to the output directory (docs/transfer.md#download-records). */
async function flushToDisk(path: string, directory: string): Promise<void> {
	try {
		await syncFile(path);
		await syncFolders(dirname(path), directory);
	} catch (error) {
		throw flushFailed(error, directory);
	}
}

/** The name template of a sync or back-fill, checked before any request: the run's own, else the client's. */
function archiveFileName(
	own: DownloadOptions['fileName'],
	client: DownloadOptions['fileName'],
	finish: (error: unknown) => WamediaError,
): DownloadOptions['fileName'] {
	try {
		return own === undefined ? client : normalizeDownloadOptions({ fileName: own }).fileName;
	} catch (error) {
		throw finish(error);
	}
}

/** The archive's sources, imported on first use (docs/transfer.md#start-up). */
async function archive() {
	return (await import('./archive/archive-sources.js')).archiveSources;
}

/** The message ids of a reference, so that its error says which message it is about. */
function identify(reference: ParsedReference | undefined): Record<string, string> {
	const ids: Record<string, string> = {};
	if (reference?.chatId) ids.chatId = reference.chatId;
	if (reference?.idMessage) ids.idMessage = reference.idMessage;
	if (reference?.mediaId) ids.mediaId = reference.mediaId;
	return ids;
}

function createClientTransport(settings: ClientSettings): Transport {
	const configuredUrls = providers.flatMap((provider) => {
		const configured = settings.providers.get(provider.name);
		return configured === undefined ? [] : provider.servers(configured);
	});
	return createTransport({
		timeout: settings.timeout,
		maxConcurrency,
		allowPrivateNetwork: settings.allowPrivateNetwork,
		configuredUrls,
		resolve: settings.lookup ?? systemResolver,
		userAgent: settings.userAgent,
		fetch: settings.fetch,
	});
}

class Downloader {
	readonly #settings: ClientSettings;
	readonly #transport: Transport;
	readonly #finish: (error: unknown) => WamediaError;
	readonly #redact: Redactor;
	readonly #containsSecret: SecretCheck;
	/** Directories whose leftovers of dead processes this client has removed (once each). */
	readonly #swept = new Map<string, Promise<unknown>>();

	constructor(
		settings: ClientSettings,
		transport: Transport,
		finish: (error: unknown) => WamediaError,
		redact: Redactor,
		containsSecret: SecretCheck,
	) {
		this.#settings = settings;
		this.#transport = transport;
		this.#finish = finish;
		this.#redact = redact;
		this.#containsSecret = containsSecret;
	}

	/** The link of a reference, as its provider resolves it. */
	link(reference: ParsedReference, signal: AbortSignal | undefined): Promise<MediaLink> {
		const provider = providerNamed(reference.provider);
		return provider.link(reference, this.#settings.providers.get(provider.name), this.#context(reference, signal));
	}

	async download(reference: ParsedReference, settings: DownloadSettings): Promise<DownloadResult> {
		const provider = providerNamed(reference.provider);
		const link = await this.link(reference, settings.signal);
		try {
			return await this.#fetch(link, reference, settings);
		} catch (error) {
			// An expired link is renewed once, where the provider can (docs/architecture.md#link-resolution-and-renewal).
			if (!isWamediaError(error) || error.code !== 'MEDIA_EXPIRED') throw error;
			const renewing = provider.renew?.(reference, this.#settings.providers.get(provider.name), this.#context(reference, settings.signal));
			if (renewing === undefined) throw error;
			this.#emitter(reference)({ type: 'renew', reason: 'expired' });
			return await this.#fetch(await renewing, reference, settings);
		}
	}

	#context(reference: ParsedReference, signal: AbortSignal | undefined): ProviderContext {
		return { transport: this.#transport, retry: this.#settings.retry, redact: this.#redact, emit: this.#emitter(reference), signal };
	}

	async #fetch(link: MediaLink, reference: ParsedReference, settings: DownloadSettings): Promise<DownloadResult> {
		const { url, credential, request, body, inline, expected, failure } = link;
		const transfer: Omit<TransferOptions, 'sink' | 'signal'> = {
			transport: this.#transport,
			url,
			credential,
			request,
			body,
			inline,
			expected,
			failure,
			mediaHints: providerNamed(reference.provider).mediaHints,
			provider: reference.provider,
			safeUrl: safeUrl(url),
			maxBytes: settings.maxBytes,
			retry: this.#settings.retry,
			redact: this.#redact,
			emit: this.#emitter(reference),
			onProgress: settings.onProgress,
		};
		const describe = async (result: Pick<TransferResult, 'head' | 'headers'>): Promise<ResultBase> => {
			const { relativePath: _path, ...base } = await this.#describe(url, reference, settings, result);
			return base;
		};
		const { signal } = settings;
		if (settings.format === 'stream') return this.#stream(transfer, settings, describe);
		if (settings.format === 'file') {
			// The file is written in the folder it will keep when the template names it before the type is known.
			const early = settings.fileName === undefined ? '' : templateFolder(settings.fileName, nameFields(reference), this.#containsSecret);
			const sinkDirectory = join(settings.directory, early);
			// The first download into a folder removes what dead processes left there (docs/transfer.md#temporary-files).
			let sweep = this.#swept.get(sinkDirectory);
			if (sweep === undefined) {
				sweep = removeDeadTemporaryFiles(sinkDirectory);
				this.#swept.set(sinkDirectory, sweep);
			}
			await sweep;
			const sink = await FileSink.create(sinkDirectory);
			try {
				const result = await new MediaTransfer({ ...transfer, sink, signal }).run();
				const { relativePath, ...base } = await this.#describe(url, reference, settings, result);
				await makeFolders(settings.directory, relativePath);
				// The last moment a cancel can still win: after this the file carries its final name.
				if (signal?.aborted) throw abortError(signal, reference.provider);
				const path = await sink.commit(relative(sinkDirectory, join(settings.directory, relativePath)), {
					overwrite: settings.overwrite,
					size: result.size,
					fsync: settings.fsync,
				});
				return { ...base, format: 'file', size: result.size, sha256: result.sha256, path, fileName: basename(path) };
			} catch (error) {
				// commit() moved the file or cleaned up itself; anything before it leaves the temporary file to remove.
				await sink.discard();
				throw error;
			}
		}
		const sink = new MemorySink();
		const result = await new MediaTransfer({ ...transfer, sink, signal }).run();
		const base = await describe(result);
		const data = sink.toBuffer();
		return settings.format === 'binary'
			? { ...base, format: 'binary', size: result.size, sha256: result.sha256, data }
			: { ...base, format: 'base64', size: result.size, sha256: result.sha256, data: data.toString('base64') };
	}

	async #stream(
		transfer: Omit<TransferOptions, 'sink' | 'signal'>,
		settings: DownloadSettings,
		describe: (result: Pick<TransferResult, 'head' | 'headers'>) => Promise<ResultBase>,
	): Promise<DownloadResult> {
		const controller = new AbortController();
		const signal = settings.signal === undefined ? controller.signal : AbortSignal.any([settings.signal, controller.signal]);
		const sink = new StreamSink((reason) => controller.abort(reason));
		let onHead: (value: { head: Buffer; headers: MediaHeaders }) => void = () => undefined;
		const head = new Promise<{ head: Buffer; headers: MediaHeaders }>((resolve) => (onHead = resolve));
		const running = new MediaTransfer({ ...transfer, sink, signal, onHead: (bytes, headers) => onHead({ head: bytes, headers }) }).run();
		const done: Promise<StreamSummary> = running.then(
			(result) => {
				sink.finish();
				return { size: result.size, sha256: result.sha256 };
			},
			(error: unknown) => {
				const failure = this.#finish(error);
				sink.fail(failure);
				throw failure;
			},
		);
		done.catch(() => undefined);
		const first = await Promise.race([head, done.then(() => head)]);
		const base = await describe(first);
		return { ...base, format: 'stream', stream: sink, size: first.headers.total, done };
	}

	/** Events of one download, with its message ids, every secret redacted. */
	#emitter(reference: ParsedReference): EventListener {
		const listener = this.#settings.onEvent;
		if (listener === undefined) return () => undefined;
		const ids = identify(reference);
		return (event) => listener(redactValue({ ...event, ...ids }, this.#redact));
	}

	async #describe(
		url: URL,
		reference: ParsedReference,
		settings: DownloadSettings,
		{ head, headers }: Pick<TransferResult, 'head' | 'headers'>,
	): Promise<ResultBase & { relativePath: string }> {
		const { mimeType, extension } = await detectMimeType(headers.contentType, head, reference.mimeType);
		// A name that carries a secret (a token in the URL path, a key echoed in Content-Disposition) is skipped.
		const name = chooseFileName(
			[parseContentDisposition(headers.contentDisposition), reference.fileName, fileNameFromUrl(headers.url), reference.idMessage],
			this.#containsSecret,
		);
		// A document keeps the name its gateway gave; other media get one extension per type (docs/transfer.md#one-extension-per-type).
		const chosen = withExtension(name, mimeType, extension, reference.type === 'document');
		const relativePath =
			settings.fileName === undefined
				? chosen
				: renderFileName(settings.fileName, nameFields(reference, chosen, mimeType, extension), this.#containsSecret);
		const base: ResultBase & { relativePath: string } = {
			success: true,
			message: 'Media downloaded successfully',
			fileName: basename(relativePath),
			mimeType,
			// The link came from a gateway, but it may still carry a secret (a token in its path).
			downloadUrl: this.#redact(url.href),
			provider: reference.provider,
			relativePath,
		};
		for (const key of ['chatId', 'idMessage', 'sessionId', 'phoneNumber', 'mediaId', 'phoneNumberId', 'caption'] as const) {
			const value = reference[key];
			if (value !== undefined && value !== '') base[key] = value;
		}
		return base;
	}
}

/**
 * The fields of a name template for one download (docs/transfer.md#name-templates); without the name and
 * type (before the answer is read), only the message's own.
 */
function nameFields(reference: ParsedReference): Omit<NameFields, 'name'>;
function nameFields(reference: ParsedReference, name: string, mimeType: string, extension: string | undefined): NameFields;
function nameFields(
	reference: ParsedReference,
	name?: string,
	mimeType?: string,
	extension?: string,
): Omit<NameFields, 'name'> | NameFields {
	const message = {
		idMessage: reference.idMessage,
		mediaId: reference.mediaId,
		chatId: reference.chatId,
		provider: reference.provider,
		date: dateOf(reference.timestamp),
		timestamp: reference.timestamp === undefined ? undefined : String(reference.timestamp),
	};
	if (name === undefined || mimeType === undefined) return message;
	return { ...message, name, type: mediaType(reference, mimeType), ext: extension ?? (splitExtension(name)[1] || 'bin') };
}

/**
 * The kind of a download: what the gateway said, else what its type says. WhatsApp records voice notes as
 * Ogg Opus: an audio file of that type is a voice note where the gateway does not tell them apart.
 */
function mediaType(reference: ParsedReference, mimeType: string): string {
	const unsure = reference.type === undefined || (reference.type === 'audio' && reference.provider === 'green-api');
	if (!unsure) return reference.type as string;
	if (mimeType === 'audio/ogg' || mimeType === 'audio/opus') return 'voice';
	const family = mimeType.split('/')[0];
	return family === 'image' || family === 'audio' || family === 'video' ? family : (reference.type ?? 'document');
}

/** Creates the folders a name template asked for, inside the output directory. */
async function makeFolders(directory: string, relativePath: string): Promise<void> {
	const folder = dirname(relativePath);
	if (folder === '.') return;
	try {
		await mkdir(join(directory, folder), { recursive: true });
	} catch (error) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Cannot create the folder ${folder.slice(0, 200)} in the output directory`,
			hint: 'Choose an output directory you can write to, or a name template whose folders can be created there.',
			details: { directory, ...((error as { code?: string }).code === undefined ? {} : { errorCode: (error as { code?: string }).code }) },
			cause: error,
		});
	}
}

/** Shorthand for `createClient(options).download(reference)`. */
export function download(reference: MediaReference, options: ClientOptions = {}): Promise<DownloadResult> {
	return createClient(options).download(reference);
}

/**
 * Every download of a batch listens to the caller's signal while it runs; beyond ten at once Node warns of a
 * listener leak on the caller's signal. The batch listens on a signal of its own that follows the caller's
 * (the same reason) and has no such limit; the caller's own signal is left as it was.
 */
function batchSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
	if (signal === undefined) return undefined;
	const own = AbortSignal.any([signal]);
	setMaxListeners(0, own);
	return own;
}
