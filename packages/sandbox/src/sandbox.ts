import type { EvolutionSandbox } from './evolution/emulator.js';
import type { Fault } from './faults/faults.js';
import type { GreenApiSettings, StateInstance } from './green-api/instance.js';
import type { JournalItem } from './green-api/message-journal.js';
import type { JournalSpec, NotificationSpec } from './green-api/message-specs.js';
import type { QueuedNotification } from './green-api/notification-queue.js';
import type { Webhooks } from './green-api/webhooks.js';
import type { RequestRecord } from './http/request-log.js';
import type { MediaInfo } from './media/catalog.js';
import type { MediaSpec } from './media/spec.js';
import type { MetaSandbox } from './meta/emulator.js';
import type { PushGateway, PushOptions, PushResult } from './push-webhook.js';
import type { SandboxClock } from './sandbox-clock.js';
import type { WahaSandbox } from './waha/emulator.js';

/**
 * A running sandbox: the emulators on 127.0.0.1, the credentials they accept, and handles to steer them.
 *
 * @example
 * const sandbox = await startSandbox();
 * const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
 * await sandbox.close();
 */
export interface Sandbox {
	/** The Green-API emulator; `apiUrl` is an origin like `http://127.0.0.1:PORT`. */
	greenApi: { apiUrl: string; idInstance: string; apiTokenInstance: string };
	/** The WhatsApp Multi-Session emulator and its API key (`wams_` + 40 hex digits). */
	multiSession: { serverUrl: string; apiKey: string };
	/** The Meta Cloud API emulators (Graph API and media host), their token, ids and switches. */
	meta: MetaSandbox;
	/** The WAHA emulator, its key, session and ids. */
	waha: WahaSandbox;
	/** The Evolution API emulator, its key, instance and ids. */
	evolution: EvolutionSandbox;
	/** Origin of the presigned storage. */
	storageUrl: string;
	/** Origin of the HTTP control API (faults, requests, media, links, webhooks). */
	controlUrl: string;
	/** The chat every media arrives in: `79001234567@c.us`. */
	chatId: string;
	/** Registered media. */
	media: {
		/** Every media, in registration order. */
		list(): MediaInfo[];
		/** One media; throws on an unknown id. */
		get(id: string): MediaInfo;
		/** The whole body (meant for small media). */
		bytes(id: string): Promise<Buffer>;
		/** Registers a media at runtime; Green-API resolves its `idMessage` at once. */
		add(spec: MediaSpec): MediaInfo;
	};
	/** A fresh presigned storage link for a media id; `expired` gives one already past its expiry. */
	storageLink(id: string, options?: { expired?: boolean }): string;
	/** The Multi-Session relative media URL `/api/media/temp/<file>?expires=<unix>` (`expired`: in the past). */
	multiSessionPath(id: string, options?: { expired?: boolean }): string;
	/** Bodies as the gateways send them, for a media id. */
	webhooks: Webhooks;
	/**
	 * Green-API's HTTP notification queue (`receiveNotification` / `deleteNotification`); also on `controlUrl`
	 * as `/notifications`.
	 */
	notifications: {
		/** Appends a notification; a file or text message also goes to the journals unless `journal: false`. */
		enqueue(spec: NotificationSpec): QueuedNotification;
		/** The notifications still queued, head first, with how often each was handed out. */
		list(): QueuedNotification[];
		/** Every notification ever enqueued, with its status: `queued`, `deleted` or `cleared`. */
		history(): QueuedNotification[];
		/** Drops every queued notification. */
		clear(): void;
	};
	/** Green-API's journals (`lastIncomingMessages`, `lastOutgoingMessages`, `getChatHistory`); also `/journal`. */
	journal: {
		/** Adds a message to the journals only; returns the item. */
		add(spec: JournalSpec): JournalItem;
		/** Every item, in the order added. */
		list(): JournalItem[];
		clear(): void;
	};
	/** The Green-API instance's state and settings, switchable; also `/instance`. */
	instance: {
		/** What `getStateInstance` answers; default `authorized`. */
		state(): StateInstance;
		/** Any state but `authorized` and `yellowCard` makes the other methods answer 400. */
		setState(state: StateInstance): void;
		/** What `getSettings` answers; `webhookUrl` is empty by default. */
		settings(): GreenApiSettings;
		/** Changes some settings, e.g. `{ webhookUrl: "https://example.com/hook" }`. */
		setSettings(patch: GreenApiSettings): void;
	};
	/**
	 * The secrets the emulators sign their webhooks with: Meta's app secret (`X-Hub-Signature-256`), WAHA's
	 * HMAC key (`X-Webhook-Hmac`), and the token Evolution and Multi-Session send as `Authorization: Bearer`
	 * (Green-API sends its instance's `webhookUrlToken`, or `Bearer <webhookToken>` while that is empty).
	 */
	webhookSecrets: { metaAppSecret: string; wahaHmacKey: string; webhookToken: string };
	/**
	 * POSTs a gateway's webhook body to a loopback URL, signed as that gateway signs it; also
	 * `POST /push/:gateway?url=…` on `controlUrl`.
	 *
	 * @example await sandbox.pushWebhook("meta", `${url}/webhooks/meta`, sandbox.webhooks.meta("image"))
	 */
	pushWebhook(gateway: PushGateway, url: string, body: unknown, options?: PushOptions): Promise<PushResult>;
	/** The bytes and headers of a signed webhook, without sending it (for senders of their own). */
	signWebhook(gateway: PushGateway, body: unknown, options?: PushOptions): { body: Buffer; headers: Record<string, string> };
	/** Fault injection; also available over HTTP on `controlUrl`. */
	faults: { add(fault: Fault): void; clear(): void; list(): Fault[] };
	/** Every request every emulator received, in arrival order. */
	requests: { list(): RequestRecord[]; clear(): void };
	/**
	 * The clock every expiry reads (storage links, Multi-Session paths, Meta URLs, WAHA files); `advance(ms)` moves it ahead
	 * of real time, e.g. `sandbox.clock.advance(5 * 60_000)` expires every Meta URL issued so far. Also `/clock`.
	 */
	clock: SandboxClock;
	/** Closes every server and destroys open connections, stalled ones included. */
	close(): Promise<void>;
}
