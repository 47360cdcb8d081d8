import type { FaultList } from '../faults/faults.js';
import { listen, type RunningServer } from '../http/http-server.js';
import type { RequestLog } from '../http/request-log.js';
import { deterministicHex, deterministicUuid } from '../identifiers.js';
import type { MediaCatalog } from '../media/catalog.js';
import type { SandboxClock } from '../sandbox-clock.js';
import { type EvolutionMessageContext, type EvolutionWebhookOptions, evolutionWebhook } from './messages.js';
import { evolutionHandler } from './server.js';

/**
 * The Evolution API emulator as a sandbox exposes it: server, key, instance and ids.
 *
 * @example const { serverUrl, apiKey, instance } = sandbox.evolution;
 */
export interface EvolutionSandbox {
	/** Origin of the Evolution API emulator, e.g. `http://127.0.0.1:PORT`. */
	readonly serverUrl: string;
	/** The global API key, sent in the `apikey` header (32 upper-case hex digits). */
	readonly apiKey: string;
	/** The instance name, `sandbox`; calls name it as their last path segment. */
	readonly instance: string;
	/** The chat every media arrives in, `79001234567@s.whatsapp.net`. */
	readonly remoteJid: string;
	/** The `key.id` of a stored text message (getBase64 answers "not of the media type"). */
	readonly textMessageId: string;
	/** The `key.id` of a catalog media's message, `3EB0…`. */
	messageId(id: string): string;
}

/** What the Evolution API emulator needs from the sandbox. */
export interface EvolutionEmulatorContext {
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	readonly clock: SandboxClock;
	readonly port: number;
	readonly start: (server: Promise<RunningServer>) => Promise<RunningServer>;
	/** The sender's phone number, e.g. `79001234567`. */
	readonly from: string;
	/** The account's own number, e.g. `79009876543`. */
	readonly own: string;
	readonly senderName: string;
	readonly storageLink: (id: string, expired: boolean) => string;
}

/** The running Evolution API emulator. */
export interface EvolutionEmulator {
	readonly sandbox: EvolutionSandbox;
	readonly webhook: (id: string, options?: EvolutionWebhookOptions) => Record<string, unknown>;
}

/**
 * Starts the Evolution API emulator on its own port of 127.0.0.1.
 *
 * @example const evolution = await startEvolutionEmulator(context); evolution.sandbox.serverUrl
 */
export async function startEvolutionEmulator(context: EvolutionEmulatorContext): Promise<EvolutionEmulator> {
	const apiKey = deterministicHex('evolutionApiKey', 32).toUpperCase();
	const instance = 'sandbox';
	const remoteJid = `${context.from}@s.whatsapp.net`;
	const textMessageId = `3EB0${deterministicHex('evolutionText', 18).toUpperCase()}`;
	const server = await context.start(
		listen(
			evolutionHandler({ apiKey, instance, textMessageId, catalog: context.catalog, log: context.log, faults: context.faults }),
			context.port,
		),
	);
	const messages: EvolutionMessageContext = {
		catalog: context.catalog,
		serverUrl: () => server.url,
		apiKey,
		instance,
		instanceId: deterministicUuid('evolutionInstance'),
		remoteJid,
		sender: `${context.own}@s.whatsapp.net`,
		senderName: context.senderName,
		now: () => context.clock.now(),
		storageLink: (entry, expired) => context.storageLink(entry.info.id, expired),
	};
	const sandbox: EvolutionSandbox = {
		serverUrl: server.url,
		apiKey,
		instance,
		remoteJid,
		textMessageId,
		messageId: (id) => context.catalog.get(id).info.evolutionMessageId,
	};
	return { sandbox, webhook: (id, options) => evolutionWebhook(messages, id, options) };
}
