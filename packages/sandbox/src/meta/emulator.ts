import { randomBytes } from 'node:crypto';
import type { FaultList } from '../faults/faults.js';
import type { RunningServer } from '../http/http-server.js';
import { listen } from '../http/http-server.js';
import type { RequestLog } from '../http/request-log.js';
import { deterministicDigits, deterministicHex } from '../identifiers.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import type { SandboxClock } from '../sandbox-clock.js';
import { type MetaErrorName, metaErrorMediaIds } from './errors.js';
import { metaGraphHandler } from './graph-server.js';
import { MetaMediaLinks } from './media-link.js';
import { metaMediaHandler } from './media-server.js';
import { type MetaMediaSettings, parseMetaMediaSettings } from './media-settings.js';
import { type MetaWebhookOptions, metaWebhook, wamidFor } from './webhooks.js';

/**
 * The Meta Cloud API emulators as a sandbox exposes them: credentials, ids and switches.
 *
 * @example const { graphUrl, accessToken, apiVersion } = sandbox.meta;
 */
export interface MetaSandbox {
	/** Origin of the Graph API emulator, e.g. `http://127.0.0.1:PORT`; calls go to `{graphUrl}/{apiVersion}/{mediaId}`. */
	readonly graphUrl: string;
	/** Origin of the media host the Graph answers' `url`s point at (another origin than `graphUrl`). */
	readonly mediaHostUrl: string;
	/** The Bearer token both origins accept (`EAAG…`). */
	readonly accessToken: string;
	/** The Graph version the examples use, `v25.0`; any `vN.M` is accepted. */
	readonly apiVersion: string;
	/** The business phone number id; `?phone_number_id=` with another value makes every media unknown. */
	readonly phoneNumberId: string;
	/** The WhatsApp Business account id (`entry[].id` of webhooks). */
	readonly wabaId: string;
	/** Media ids that always answer one Graph error (see `metaErrorMediaIds`). */
	readonly errorMediaIds: Readonly<Record<MetaErrorName, string>>;
	/** The Graph media id of a catalog media (16 digits). */
	mediaId(id: string): string;
	/** The `wamid.…` of the webhook message that carries a catalog media. */
	messageId(id: string): string;
	/** A media-host URL for a catalog media as the Graph API hands it out now; `expired`: issued over 5 minutes ago. */
	mediaUrl(id: string, options?: { expired?: boolean }): string;
	/** Changes how the Graph API describes a media (merged into what was set before); returns the settings now. */
	setMedia(id: string, settings: MetaMediaSettings): MetaMediaSettings;
	/** How the Graph API describes a media now (`{}` when nothing was set). */
	mediaSettings(id: string): MetaMediaSettings;
}

/** What the Meta emulators need from the sandbox. */
export interface MetaEmulatorContext {
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	readonly clock: SandboxClock;
	readonly ports: { readonly graph: number; readonly media: number };
	/** Starts a server and registers it for closing. */
	readonly start: (server: Promise<RunningServer>) => Promise<RunningServer>;
	/** The sender of incoming messages, e.g. `79001234567`. */
	readonly from: string;
	readonly senderName: string;
	/** The business's own number, e.g. `79009876543`. */
	readonly displayPhoneNumber: string;
}

/** The running Meta emulators. */
export interface MetaEmulator {
	readonly sandbox: MetaSandbox;
	readonly webhook: (ids: string | readonly string[], options?: MetaWebhookOptions) => Record<string, unknown>;
}

function accessTokenOf(): string {
	const letters = Buffer.from(deterministicHex('metaAccessToken', 240), 'hex')
		.toString('base64')
		.replace(/[^A-Za-z0-9]/g, '');
	return `EAAG${letters.slice(0, 150)}`;
}

/**
 * Starts the Graph API emulator and the media host, each on its own port of 127.0.0.1.
 *
 * @example const meta = await startMetaEmulator(context); meta.sandbox.graphUrl
 */
export async function startMetaEmulator(context: MetaEmulatorContext): Promise<MetaEmulator> {
	const accessToken = accessTokenOf();
	const apiVersion = 'v25.0';
	const phoneNumberId = deterministicDigits('metaPhoneNumberId', 15);
	const wabaId = deterministicDigits('metaWabaId', 15);
	const links = new MetaMediaLinks(randomBytes(32), context.clock);
	const settings = new Map<string, MetaMediaSettings>();
	const common = { accessToken, catalog: context.catalog, log: context.log, faults: context.faults };
	const mediaServer = await context.start(listen(metaMediaHandler({ ...common, links }), context.ports.media));
	const mediaUrl = (entry: MediaEntry, expired = false): string => links.issue(mediaServer.url, entry.info.metaMediaId, expired);
	const graphServer = await context.start(
		listen(metaGraphHandler({ ...common, apiVersion, phoneNumberId, settings, mediaUrl: (entry) => mediaUrl(entry) }), context.ports.graph),
	);
	const webhookContext = {
		catalog: context.catalog,
		wabaId,
		phoneNumberId,
		displayPhoneNumber: context.displayPhoneNumber,
		from: context.from,
		senderName: context.senderName,
		now: () => context.clock.now(),
		mediaUrl: (entry: MediaEntry) => mediaUrl(entry),
	};
	const sandbox: MetaSandbox = {
		graphUrl: graphServer.url,
		mediaHostUrl: mediaServer.url,
		accessToken,
		apiVersion,
		phoneNumberId,
		wabaId,
		errorMediaIds: metaErrorMediaIds,
		mediaId: (id) => context.catalog.get(id).info.metaMediaId,
		messageId: (id) => wamidFor(context.from, context.catalog.get(id).messageId),
		mediaUrl: (id, options) => mediaUrl(context.catalog.get(id), options?.expired ?? false),
		setMedia: (id, patch) => {
			context.catalog.get(id);
			const merged = { ...settings.get(id), ...parseMetaMediaSettings(patch) };
			settings.set(id, merged);
			return { ...merged };
		},
		mediaSettings: (id) => {
			context.catalog.get(id);
			return { ...settings.get(id) };
		},
	};
	return { sandbox, webhook: (ids, options) => metaWebhook(webhookContext, ids, options) };
}
