import { randomBytes } from 'node:crypto';
import { controlHandler } from './control/server.js';
import { startEvolutionEmulator } from './evolution/emulator.js';
import { FaultList } from './faults/faults.js';
import { parseFault } from './faults/parse-fault.js';
import { GreenApiInstance } from './green-api/instance.js';
import { parseJournalSpec, parseNotificationSpec } from './green-api/message-specs.js';
import { greenApiHandler } from './green-api/server.js';
import { createWebhooks, instanceWid, senderName } from './green-api/webhooks.js';
import { listen, type RunningServer } from './http/http-server.js';
import { RequestLog } from './http/request-log.js';
import { deterministicHex } from './identifiers.js';
import { MediaCatalog } from './media/catalog.js';
import { defaultMedia } from './media/default-media.js';
import { startMetaEmulator } from './meta/emulator.js';
import { multiSessionHandler } from './multi-session/server.js';
import { normalizeOptions, type SandboxOptions } from './options.js';
import { type PushSecrets, pushWebhook, signedWebhook } from './push-webhook.js';
import type { Sandbox } from './sandbox.js';
import { SandboxClock } from './sandbox-clock.js';
import { StorageSigner } from './storage/link.js';
import { type StorageOptions, storageHandler, storageLink } from './storage/server.js';
import { startWahaEmulator } from './waha/emulator.js';

const idInstance = '1101000001';
const chatId = '79001234567@c.us';
const sessionId = 'sess-1';

/** The phone number of a WhatsApp id, e.g. `79001234567` for `79001234567@c.us`. */
function phoneOf(wid: string): string {
	return wid.split('@')[0] ?? wid;
}

/**
 * Starts every emulator on 127.0.0.1 (random ports unless `options.ports` fixes them) with the default catalog
 * plus `options.media`. Credentials are the same on every run; close the sandbox when done.
 *
 * @example
 * const sandbox = await startSandbox();
 * const response = await fetch(sandbox.storageLink("image"));
 * await sandbox.close();
 */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
	const settings = normalizeOptions(options);
	const apiTokenInstance = deterministicHex('apiTokenInstance', 50);
	const apiKey = `wams_${deterministicHex('apiKey', 40)}`;
	const catalog = new MediaCatalog({ sessionId, chatId });
	for (const spec of [...defaultMedia, ...settings.media]) {
		catalog.add(spec);
	}
	const log = new RequestLog();
	const faults = new FaultList();
	const clock = new SandboxClock();
	const storage: StorageOptions = {
		catalog,
		signer: new StorageSigner(randomBytes(32)),
		idInstance,
		log,
		faults,
		clock,
	};
	const servers: RunningServer[] = [];
	const start = async (server: Promise<RunningServer>): Promise<RunningServer> => {
		const running = await server;
		servers.push(running);
		return running;
	};
	const close = async (): Promise<void> => {
		await Promise.all(servers.splice(0).map((server) => server.close()));
	};

	try {
		const storageServer = await start(listen(storageHandler(storage), settings.ports.storage));
		const link = (id: string, expired: boolean): string =>
			storageLink(storage, storageServer.url, catalog.get(id), settings.linkTtlSeconds, expired);
		const multiSessionPath = (id: string, expired: boolean): string => {
			const now = Math.floor(clock.now() / 1000);
			const expires = expired ? now - 60 : now + settings.linkTtlSeconds;
			return `/api/media/temp/${encodeURIComponent(catalog.get(id).multiSessionFile)}?expires=${expires}`;
		};
		const meta = await startMetaEmulator({
			catalog,
			log,
			faults,
			clock,
			ports: { graph: settings.ports.meta, media: settings.ports.metaMedia },
			start,
			from: phoneOf(chatId),
			senderName,
			displayPhoneNumber: phoneOf(instanceWid),
		});
		const waha = await startWahaEmulator({
			catalog,
			log,
			faults,
			clock,
			port: settings.ports.waha,
			filesLifetimeSeconds: settings.wahaFilesLifetimeSeconds,
			start,
			chatId,
			me: instanceWid,
			senderName,
			storageLink: link,
		});
		const evolution = await startEvolutionEmulator({
			catalog,
			log,
			faults,
			clock,
			port: settings.ports.evolution,
			start,
			from: phoneOf(chatId),
			own: phoneOf(instanceWid),
			senderName,
			storageLink: link,
		});
		const webhooks = createWebhooks({
			catalog,
			idInstance,
			chatId,
			sessionId,
			storageLink: link,
			multiSessionPath,
			providers: { meta: meta.webhook, waha: waha.webhook, evolution: evolution.webhook },
		});
		const instance = new GreenApiInstance({ idInstance, chatId, catalog, webhooks, link });
		const apiServer = await start(
			listen(
				greenApiHandler({
					idInstance,
					apiTokenInstance,
					chatId,
					catalog,
					log,
					faults,
					instance,
					link: (entry) => link(entry.info.id, false),
					longPollMs: settings.longPollMs,
					rateLimits: settings.rateLimits,
				}),
				settings.ports.api,
			),
		);
		const multiSessionServer = await start(
			listen(
				multiSessionHandler({ apiKey, catalog, log, faults, clock, link: (entry) => link(entry.info.id, false) }),
				settings.ports.multiSession,
			),
		);
		const webhookSecrets = {
			metaAppSecret: deterministicHex('metaAppSecret', 32),
			wahaHmacKey: deterministicHex('wahaHmacKey', 40),
			webhookToken: deterministicHex('webhookToken', 40),
		};
		const pushSecrets: PushSecrets = {
			...webhookSecrets,
			greenApiWebhookUrlToken: () => String(instance.settings().webhookUrlToken ?? ''),
		};
		const sandbox: Sandbox = {
			greenApi: { apiUrl: apiServer.url, idInstance, apiTokenInstance },
			multiSession: { serverUrl: multiSessionServer.url, apiKey },
			meta: meta.sandbox,
			waha: waha.sandbox,
			evolution: evolution.sandbox,
			storageUrl: storageServer.url,
			controlUrl: '',
			chatId,
			media: {
				list: () => catalog.list().map((entry) => entry.info),
				get: (id) => catalog.get(id).info,
				bytes: async (id) => {
					const body = catalog.get(id).body;
					return body.slice(0, body.size);
				},
				add: (spec) => catalog.add(spec).info,
			},
			storageLink: (id, linkOptions) => link(id, linkOptions?.expired ?? false),
			multiSessionPath: (id, pathOptions) => multiSessionPath(id, pathOptions?.expired ?? false),
			webhooks,
			notifications: {
				enqueue: (spec) => instance.enqueue(parseNotificationSpec(spec)),
				list: () => instance.queue.list(),
				history: () => instance.queue.history(),
				clear: () => instance.queue.clear(),
			},
			journal: {
				add: (spec) => instance.addToJournal(parseJournalSpec(spec)),
				list: () => instance.journal.list(),
				clear: () => instance.journal.clear(),
			},
			instance: {
				state: () => instance.state(),
				setState: (state) => instance.setState(state),
				settings: () => instance.settings(),
				setSettings: (patch) => instance.setSettings(patch),
			},
			webhookSecrets,
			pushWebhook: (gateway, url, body, pushOptions) => pushWebhook(gateway, url, body, pushSecrets, pushOptions),
			signWebhook: (gateway, body, pushOptions) => signedWebhook(gateway, body, pushSecrets, pushOptions),
			faults: {
				add: (fault) => faults.add(parseFault(fault)),
				clear: () => faults.clear(),
				list: () => faults.list(),
			},
			requests: { list: () => log.list(), clear: () => log.clear() },
			clock,
			close,
		};
		const controlServer = await start(listen(controlHandler(sandbox), settings.ports.control));
		sandbox.controlUrl = controlServer.url;
		return sandbox;
	} catch (error) {
		await close();
		throw error;
	}
}
