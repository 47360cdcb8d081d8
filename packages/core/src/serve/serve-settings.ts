import type { ArchiveJob } from '../archive/archive-job.js';
import { WamediaError } from '../errors/wamedia-error.js';
import { providerNamed } from '../providers/index.js';
import type { WebhookCheck } from '../providers/provider.js';
import type { JournalLine } from '../types/archive.js';
import type { ServeNotice, WebhookGateway, WebhookSecrets, WebhookServerOptions } from '../types/serve.js';
import { serveDefaults } from './serve-defaults.js';
import { webhookGateways } from './webhook-receiver.js';

/** Serve options, checked and filled in. */
export interface ServeSettings {
	directory: string;
	secrets: WebhookSecrets;
	/** Gateways whose check the secrets configure. */
	checked: WebhookGateway[];
	allowUnauthenticated: boolean;
	concurrency: number;
	maxBody: number;
	maxSpooledBodies: number;
	maxSpooledBytes: number;
	requestTimeout: number;
	shutdownTimeout: number;
	onItem: (line: JournalLine) => void;
	onNotice: (notice: ServeNotice) => void;
}

function count(name: keyof WebhookServerOptions, value: unknown, fallback: number, min = 1): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Invalid ${name}: expected a whole number of at least ${min}`,
			hint: `Set ${name} to a whole number of at least ${min}.`,
			details: { field: name },
		});
	}
	return value;
}

/** Checks the options of `client.serve()` and fills in every default; INVALID_INPUT naming a bad one. */
export function normalizeServeOptions(options: WebhookServerOptions, job: Pick<ArchiveJob, 'directory' | 'concurrency'>): ServeSettings {
	const secrets: WebhookSecrets = {};
	for (const name of ['metaAppSecret', 'metaVerifyToken', 'wahaHmacKey', 'webhookToken'] as const) {
		const value = options.secrets?.[name];
		if (value === undefined || value === '') continue;
		if (typeof value !== 'string') {
			throw new WamediaError('INVALID_INPUT', {
				message: `Invalid ${name}: expected text`,
				hint: `Set ${name} to text.`,
				details: { field: name },
			});
		}
		secrets[name] = value;
	}
	return {
		directory: options.directory ?? job.directory ?? '.',
		secrets,
		checked: webhookGateways.filter((gateway) => (providerNamed(gateway).webhook as WebhookCheck).configured(secrets)),
		allowUnauthenticated: options.allowUnauthenticated === true,
		concurrency: count('concurrency', options.concurrency, job.concurrency),
		maxBody: count('maxBody', options.maxBody, serveDefaults.maxBody),
		maxSpooledBodies: count('maxSpooledBodies', options.maxSpooledBodies, serveDefaults.maxSpooledBodies),
		maxSpooledBytes: count('maxSpooledBytes', options.maxSpooledBytes, serveDefaults.maxSpooledBytes),
		requestTimeout: count('requestTimeout', options.requestTimeout, serveDefaults.requestTimeout),
		shutdownTimeout: count('shutdownTimeout', options.shutdownTimeout, serveDefaults.shutdownTimeout, 0),
		onItem: options.onItem ?? (() => undefined),
		onNotice: options.onNotice ?? (() => undefined),
	};
}
