import { resolve } from 'node:path';
import { type Provider, WamediaError } from './errors/wamedia-error.js';
import { checkNameTemplate, type FileNameOption } from './naming/name-template.js';
import { providers } from './providers/index.js';
import type { RetrySettings } from './requests/retry-timing.js';
import type { HostResolver } from './security/url-policy.js';
import type { EventListener } from './types/events.js';
import type { ClientOptions, DownloadOptions, DownloadProgress } from './types/options.js';
import type { OutputFormat } from './types/result.js';
import { definedEntries } from './utils/defined-entries.js';
import { version } from './version.js';

/** Client settings with every default filled in. */
export interface ClientSettings {
	/** Each provider's checked settings; undefined for one that is not configured. */
	providers: ReadonlyMap<Provider, unknown>;
	allowPrivateNetwork: boolean;
	timeout: number;
	retry: RetrySettings;
	concurrency: number;
	fetch: typeof fetch | undefined;
	userAgent: string;
	lookup: HostResolver | undefined;
	onEvent: EventListener | undefined;
	defaults: DownloadOptions;
}

/** Settings of one download. */
export interface DownloadSettings {
	format: OutputFormat;
	directory: string;
	fileName: FileNameOption | undefined;
	/** The download record's absolute path. */
	record: string | undefined;
	overwrite: boolean;
	fsync: boolean;
	maxBytes: number;
	signal: AbortSignal | undefined;
	onProgress: ((progress: DownloadProgress) => void) | undefined;
}

// The options of one download that a client may also hold as its defaults.
const downloadOptionNames = [
	'format',
	'directory',
	'fileName',
	'record',
	'overwrite',
	'fsync',
	'maxBytes',
	'signal',
	'onProgress',
] as const;

const formats: readonly OutputFormat[] = ['file', 'base64', 'binary', 'stream'];
/** In-memory outputs refuse more than this unless `maxBytes` says otherwise. */
const defaultMemoryLimit = 100 * 1024 * 1024;
/** How long a client waits for an answer, and between body bytes, unless `timeout` says otherwise. */
export const defaultTimeout = 30_000;
/** Downloads at once in a batch unless `concurrency` says otherwise. */
export const defaultConcurrency = 4;

function badOption(name: string, expected: string): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `Invalid option ${name}: expected ${expected}`,
		hint: `Fix the ${name} option.`,
		details: { option: name },
	});
}

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw badOption(name, `an integer from ${min} to ${max}`);
	}
	return value;
}

/** Fills in and checks every client option; a bad option throws INVALID_INPUT naming it. */
export function normalizeClientOptions(options: ClientOptions = {}): ClientSettings {
	const { allowPrivateNetwork, timeout, retry, concurrency, fetch, userAgent, lookup, onEvent } = options;
	const defaults: DownloadOptions = definedEntries(Object.fromEntries(downloadOptionNames.map((name) => [name, options[name]])));
	const retryOptions = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
	if (fetch !== undefined && typeof fetch !== 'function') throw badOption('fetch', 'a function');
	if (lookup !== undefined && typeof lookup !== 'function') throw badOption('lookup', 'a function');
	if (onEvent !== undefined && typeof onEvent !== 'function') throw badOption('onEvent', 'a function');
	normalizeDownloadOptions(defaults);
	return {
		providers: new Map(providers.map((provider) => [provider.name, provider.configure(options)])),
		allowPrivateNetwork: allowPrivateNetwork ?? false,
		timeout: integer(timeout, 'timeout', defaultTimeout, 1, 2_147_483_647),
		retry: {
			limit: integer(retryOptions.limit, 'retry.limit', 3, 0, 20),
			delay: integer(retryOptions.delay, 'retry.delay', 500, 0, 600_000),
			maxDelay: integer(retryOptions.maxDelay, 'retry.maxDelay', 10_000, 0, 600_000),
			maxRetryAfter: integer(retryOptions.maxRetryAfter, 'retry.maxRetryAfter', 60_000, 0, 3_600_000),
		},
		concurrency: normalizeConcurrency(concurrency, defaultConcurrency),
		fetch,
		userAgent: userAgent ?? `wamedia/${version}`,
		lookup,
		onEvent,
		defaults,
	};
}

/** The highest `concurrency` a client or a batch may ask for. */
export const maxConcurrency = 256;

/** Checks a `concurrency` option (1–256), or gives the fallback when it is not set. */
export function normalizeConcurrency(value: unknown, fallback: number): number {
	return integer(value, 'concurrency', fallback, 1, maxConcurrency);
}

/** Fills in and checks the options of one download over the client's defaults. */
export function normalizeDownloadOptions(options: DownloadOptions, defaults: DownloadOptions = {}): DownloadSettings {
	const merged = { ...defaults, ...definedEntries(options) };
	const format = merged.format ?? 'file';
	if (!formats.includes(format)) throw badOption('format', formats.join(', '));
	const inMemory = format === 'base64' || format === 'binary';
	const maxBytes = merged.maxBytes ?? (inMemory ? defaultMemoryLimit : Number.POSITIVE_INFINITY);
	if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes < 0) throw badOption('maxBytes', 'a number of bytes ≥ 0');
	if (merged.directory !== undefined && (typeof merged.directory !== 'string' || merged.directory === '')) {
		throw badOption('directory', 'a path');
	}
	if (merged.fileName !== undefined && typeof merged.fileName !== 'string' && typeof merged.fileName !== 'function') {
		throw badOption('fileName', 'a name template or a function');
	}
	// An unknown field or a template that leaves the directory is refused before any request.
	if (typeof merged.fileName === 'string') checkNameTemplate(merged.fileName);
	if (merged.fsync !== undefined && typeof merged.fsync !== 'boolean') throw badOption('fsync', 'true or false');
	if (merged.onProgress !== undefined && typeof merged.onProgress !== 'function') throw badOption('onProgress', 'a function');
	if (merged.record !== undefined && (typeof merged.record !== 'string' || merged.record.trim() === ''))
		throw badOption('record', 'a path');
	// A record lists files: it goes with format 'file' only.
	if (merged.record !== undefined && format !== 'file') throw badOption('record', "a path, with format 'file' only");
	if (merged.signal !== undefined && !(merged.signal instanceof AbortSignal)) throw badOption('signal', 'an AbortSignal');
	return {
		format,
		directory: resolve(merged.directory ?? '.'),
		fileName: merged.fileName,
		record: merged.record === undefined ? undefined : resolve(merged.record),
		overwrite: merged.overwrite ?? false,
		fsync: merged.fsync ?? false,
		maxBytes,
		signal: merged.signal,
		onProgress: merged.onProgress,
	};
}
