import type { NameFields } from '../naming/name-template.js';
import type { DownloadEvent } from './events.js';
import type { OutputFormat } from './result.js';

/** Green-API instance credentials, as shown in the console. */
export interface GreenApiCredentials {
	/**
	 * The instance's own API host.
	 * @default 'https://api.green-api.com'
	 * @example 'https://7103.api.greenapi.com'
	 */
	apiUrl?: string;
	/** @example '7103000000' */
	idInstance: string | number;
	/** Secret: never logged or reported. */
	apiTokenInstance: string;
}

/** WhatsApp Multi-Session server and its API key. */
export interface MultiSessionCredentials {
	/** @example 'http://localhost:8080' */
	serverUrl: string;
	/** Sent as `Authorization: Bearer <apiKey>` to the server's origin only. Secret. */
	apiKey: string;
}

/** Meta WhatsApp Cloud API access (docs/providers.md#meta-identity-and-auth). */
export interface MetaCredentials {
	/**
	 * Sent as `Authorization: Bearer <accessToken>` to the Graph API and to exactly the media URL its
	 * answer names, nowhere else. Secret.
	 */
	accessToken: string;
	/** @default 'https://graph.facebook.com' */
	graphUrl?: string;
	/**
	 * The Graph API version segment of every call.
	 * @default 'v25.0'
	 */
	apiVersion?: string;
	/** The business number the media must belong to (`?phone_number_id=`); a webhook's own number wins. */
	phoneNumberId?: string;
}

/** A WAHA server (docs/providers.md#waha-identity-and-auth). */
export interface WahaCredentials {
	/** @example 'http://localhost:3000' */
	serverUrl: string;
	/** Sent as `X-Api-Key` to the server's origin only. Secret. */
	apiKey: string;
	/**
	 * The session the messages arrive in; a webhook's own `session` wins.
	 * @default 'default'
	 */
	session?: string;
}

/** An Evolution API server and instance (docs/providers.md#evolution-identity-and-auth). */
export interface EvolutionCredentials {
	/** @example 'https://evo.example' */
	serverUrl: string;
	/** The global or the instance's key, sent as `apikey` to the server's origin only. Secret. */
	apiKey: string;
	/** The instance name, the last path segment of Evolution's calls; a webhook's own `instance` wins. */
	instance: string;
}

/** Progress of one download, reported as bytes arrive. */
export interface DownloadProgress {
	/** Bytes received so far. */
	transferred: number;
	/** Content-Length, when the server announced it. */
	total: number | undefined;
	/** 0–1, when `total` is known. */
	percent: number | undefined;
}

/** Retry behaviour for the steps that are safe to repeat. */
export interface RetryOptions {
	/**
	 * Retries after the first try.
	 * @default 3
	 */
	limit?: number;
	/**
	 * First backoff in milliseconds; doubles each time, with jitter.
	 * @default 500
	 */
	delay?: number;
	/**
	 * Longest backoff in milliseconds.
	 * @default 10_000
	 */
	maxDelay?: number;
	/**
	 * Longest `Retry-After` honoured, in milliseconds; a server that asks for more fails with RATE_LIMITED.
	 * @default 60_000
	 */
	maxRetryAfter?: number;
}

/** Options of one download; each may also be set once on the client. */
export interface DownloadOptions {
	/**
	 * @default 'file'
	 */
	format?: OutputFormat;
	/**
	 * Directory for `format: 'file'`; created when missing.
	 * @default '.' (the working directory)
	 */
	directory?: string;
	/**
	 * How to name the file: a template of the fields `{name}` (the gateway's or the link's name, with its
	 * extension), `{idMessage}`, `{mediaId}`, `{chatId}`, `{provider}`, `{type}` (image, audio, voice, video,
	 * document, sticker), `{ext}` (without the dot), `{date}` (YYYY-MM-DD of the message, UTC) and
	 * `{timestamp}`, where `/` makes folders inside `directory` — or a function of those fields that returns
	 * the name. Each value is sanitized like a file name. An unknown field, or a template that leaves the
	 * directory, is INVALID_INPUT before any request (docs/transfer.md#name-templates).
	 * @default '{name}' ('{chatId}/{name}' for sync and backfill)
	 * @example fileName: '{chatId}/{date}/{idMessage}.{ext}'
	 */
	fileName?: string | ((fields: NameFields) => string);
	/**
	 * A download record (like yt-dlp's `--download-archive`): a file that lists what was downloaded. An item
	 * it lists is skipped with no request (its result has `skipped: true` and the recorded file); an item
	 * downloaded now is added once its file is on disk. Failures are not recorded. `format: 'file'` only
	 * (docs/transfer.md#download-records).
	 * @example record: 'media/downloaded.ndjson'
	 */
	record?: string;
	/**
	 * Replace an existing file instead of choosing a unique name (`photo (1).jpg`).
	 * @default false
	 */
	overwrite?: boolean;
	/**
	 * Flush a `format: 'file'` download to disk (fsync) before it gets its name and is reported, for a
	 * caller that lets something go once it has the file (docs/transfer.md#on-disk).
	 * @default false
	 */
	fsync?: boolean;
	/**
	 * Refuse bodies larger than this (TOO_LARGE), from Content-Length first, then while streaming.
	 * @default Infinity for 'file' and 'stream', 100 MiB for 'binary' and 'base64'
	 */
	maxBytes?: number;
	/** Cancels the download; nothing is left on disk. */
	signal?: AbortSignal;
	/** Called as bytes arrive (at most every 100 ms, and once at the end). */
	onProgress?: (progress: DownloadProgress) => void;
}

/** Options of {@link createClient}. */
export interface ClientOptions extends DownloadOptions {
	/** Needed for `{chatId, idMessage}` references and for renewing expired webhook links. */
	greenApi?: GreenApiCredentials;
	/** Needed for Multi-Session media URLs. */
	multiSession?: MultiSessionCredentials;
	/** Needed for Meta media ids and Meta webhooks. */
	meta?: MetaCredentials;
	/** Needed for WAHA media URLs on the server and for renewing expired ones. */
	waha?: WahaCredentials;
	/** Needed for Evolution messages whose webhook carries neither the file nor a storage link. */
	evolution?: EvolutionCredentials;
	/**
	 * Fetch media from private and loopback addresses even when no configured server is on one.
	 * Link-local and cloud metadata addresses stay refused.
	 * @default false
	 */
	allowPrivateNetwork?: boolean;
	/**
	 * Milliseconds to wait for response headers, and for each next piece of the body.
	 * @default 30_000
	 */
	timeout?: number;
	/** Number of retries, or retry settings. @default 3 */
	retry?: number | RetryOptions;
	/**
	 * How many downloads `downloadMany` runs at once.
	 * @default 4
	 */
	concurrency?: number;
	/** A fetch implementation for ky to use (tests, proxies, instrumentation). @default globalThis.fetch */
	fetch?: typeof fetch;
	/** @default 'wamedia/<version>' */
	userAgent?: string;
	/**
	 * Resolves host names for every connection of the client (custom DNS, tests). The URL policy judges
	 * the addresses it answers, and the connection goes to exactly those addresses.
	 * @default the system resolver (`dns.promises.lookup` with `all: true`)
	 * @example lookup: async (hostname) => [{ address: '127.0.0.1', family: 4 }]
	 */
	lookup?: (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;
	/**
	 * Told of what downloads do on the way — retries, redirects, renewed links, resumed or restarted
	 * bodies — with secrets redacted and URLs without their query. For logs; the CLI's `--verbose`.
	 * @example onEvent: (event) => console.error(event.type, event)
	 */
	onEvent?: (event: DownloadEvent) => void;
}
