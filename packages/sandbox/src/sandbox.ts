import type { Fault } from './faults.js';
import type { MediaInfo } from './media-catalog.js';
import type { MediaSpec } from './media-spec.js';
import type { RequestRecord } from './request-log.js';
import type { Webhooks } from './webhooks.js';

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
	/** Fault injection; also available over HTTP on `controlUrl`. */
	faults: { add(fault: Fault): void; clear(): void; list(): Fault[] };
	/** Every request every emulator received, in arrival order. */
	requests: { list(): RequestRecord[]; clear(): void };
	/** Closes every server and destroys open connections, stalled ones included. */
	close(): Promise<void>;
}
