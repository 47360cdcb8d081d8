import type { MediaSpec } from './media/spec.js';

/**
 * How to start a sandbox. Every field is optional.
 *
 * @example await startSandbox({ linkTtlSeconds: 2, media: [{ id: "big", kind: "bytes", size: 2 ** 30 }] })
 */
export interface SandboxOptions {
	/** Seconds a presigned storage link (and a Multi-Session media path) lives. Default 3600. */
	linkTtlSeconds?: number;
	/** Extra media to register after the default catalog, e.g. large files for benchmarks. */
	media?: MediaSpec[];
	/** Fixed ports on 127.0.0.1. Default 0 for each: a free port. */
	ports?: {
		api?: number;
		storage?: number;
		multiSession?: number;
		/** Meta's Graph API emulator. */
		meta?: number;
		/** Meta's media host emulator. */
		metaMedia?: number;
		waha?: number;
		evolution?: number;
		control?: number;
	};
	/**
	 * The longest `receiveNotification` waits on an empty queue before answering `null`, in ms. Default 250, so a
	 * drain ends quickly in tests; `receiveTimeout` still caps it. 60000 honours every `receiveTimeout` in full.
	 */
	longPollMs?: number;
	/**
	 * Calls per second per Green-API method (by its name, e.g. `getStateInstance`), replacing the documented
	 * limits; 0 lifts a limit.
	 */
	rateLimits?: Record<string, number>;
	/** Seconds WAHA keeps a saved media file (its `WHATSAPP_FILES_LIFETIME`); 0 keeps files. Default 180. */
	wahaFilesLifetimeSeconds?: number;
}

/** {@link SandboxOptions} with every default filled in. */
export interface NormalizedOptions {
	readonly linkTtlSeconds: number;
	readonly media: readonly MediaSpec[];
	readonly ports: {
		readonly api: number;
		readonly storage: number;
		readonly multiSession: number;
		readonly meta: number;
		readonly metaMedia: number;
		readonly waha: number;
		readonly evolution: number;
		readonly control: number;
	};
	readonly longPollMs: number;
	readonly rateLimits: Readonly<Record<string, number>>;
	readonly wahaFilesLifetimeSeconds: number;
}

function port(value: number | undefined, name: string): number {
	if (value === undefined) {
		return 0;
	}
	if (!Number.isInteger(value) || value < 0 || value > 65_535) {
		throw new TypeError(`options.ports.${name} must be an integer within 0-65535, got ${String(value)}`);
	}
	return value;
}

/**
 * Fills in defaults and rejects bad options with a `TypeError` that names the option.
 *
 * @example normalizeOptions({}).linkTtlSeconds // 3600
 */
export function normalizeOptions(options: SandboxOptions = {}): NormalizedOptions {
	const linkTtlSeconds = options.linkTtlSeconds ?? 3600;
	if (!Number.isSafeInteger(linkTtlSeconds) || linkTtlSeconds <= 0) {
		throw new TypeError(`options.linkTtlSeconds must be a positive integer, got ${String(linkTtlSeconds)}`);
	}
	if (options.media !== undefined && !Array.isArray(options.media)) {
		throw new TypeError('options.media must be an array of media specs');
	}
	const longPollMs = options.longPollMs ?? 250;
	if (!Number.isSafeInteger(longPollMs) || longPollMs < 0) {
		throw new TypeError(`options.longPollMs must be a non-negative integer, got ${String(longPollMs)}`);
	}
	const rateLimits = options.rateLimits ?? {};
	for (const [method, perSecond] of Object.entries(rateLimits)) {
		if (!Number.isSafeInteger(perSecond) || perSecond < 0) {
			throw new TypeError(`options.rateLimits.${method} must be a non-negative integer, got ${String(perSecond)}`);
		}
	}
	const wahaFilesLifetimeSeconds = options.wahaFilesLifetimeSeconds ?? 180;
	if (!Number.isSafeInteger(wahaFilesLifetimeSeconds) || wahaFilesLifetimeSeconds < 0) {
		throw new TypeError(`options.wahaFilesLifetimeSeconds must be a non-negative integer, got ${String(wahaFilesLifetimeSeconds)}`);
	}
	const ports = options.ports ?? {};
	return {
		wahaFilesLifetimeSeconds,
		longPollMs,
		rateLimits,
		linkTtlSeconds,
		media: options.media ?? [],
		ports: {
			api: port(ports.api, 'api'),
			storage: port(ports.storage, 'storage'),
			multiSession: port(ports.multiSession, 'multiSession'),
			meta: port(ports.meta, 'meta'),
			metaMedia: port(ports.metaMedia, 'metaMedia'),
			waha: port(ports.waha, 'waha'),
			evolution: port(ports.evolution, 'evolution'),
			control: port(ports.control, 'control'),
		},
	};
}
