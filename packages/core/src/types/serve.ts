import type { JournalLine } from './archive.js';

/** The gateways `wamedia serve` has a route for: `POST /webhooks/<gateway>`. */
export type WebhookGateway = 'green-api' | 'multi-session' | 'meta' | 'waha' | 'evolution';

/**
 * What proves a webhook authentic, per gateway (docs/serve.md#authenticity). A route whose gateway has no
 * check configured answers 401 to everything, unless `allowUnauthenticated`. Every value is a secret.
 */
export interface WebhookSecrets {
	/** Meta: the app secret; `X-Hub-Signature-256` must be `sha256=<hex HMAC-SHA256(app secret, raw body)>`. */
	metaAppSecret?: string;
	/** Meta: the verify token of the subscription handshake (`GET /webhooks/meta?hub.verify_token=…`). */
	metaVerifyToken?: string;
	/** WAHA: the HMAC key; `X-Webhook-Hmac` must be the hex HMAC-SHA512 of the raw body. */
	wahaHmacKey?: string;
	/**
	 * Green-API (its `webhookUrlToken`), Evolution (a webhook header) and Multi-Session: the token sent in
	 * `Authorization` (`T` or `Bearer T`), or as the last path segment (`/webhooks/<gateway>/<T>`).
	 */
	webhookToken?: string;
}

/** Options of `client.serve()` and {@link createWebhookServer}. */
export interface WebhookServerOptions {
	/** The archive directory: files in `<directory>/<chatId>/`, the journal, the spool. @default the client's directory, else '.' */
	directory?: string;
	secrets?: WebhookSecrets;
	/** Serve routes without a configured check (meant for loopback tests). @default false */
	allowUnauthenticated?: boolean;
	/** Downloads at once. @default the client's `concurrency` (4) */
	concurrency?: number;
	/** The largest body accepted; larger ones get 413. @default 64 MiB (Evolution can inline whole files) */
	maxBody?: number;
	/** Bodies the spool holds at most before answering 503. @default 10,000 */
	maxSpooledBodies?: number;
	/** Bytes the spool holds at most before answering 503. @default 1 GiB */
	maxSpooledBytes?: number;
	/** Milliseconds a request may take to arrive whole (a body trickled slower gets 408). @default 60,000 */
	requestTimeout?: number;
	/** Milliseconds `close()` gives the downloads under way before abandoning them (their bodies stay spooled). @default 5,000 */
	shutdownTimeout?: number;
	/** Called with each journal line once it is on disk (before its spool file is removed). */
	onItem?: (line: JournalLine) => void;
	/** Called with what is not a journal line: a retry, a refused request. */
	onNotice?: (notice: ServeNotice) => void;
}

/** Something the server reports that is not a journal line. */
export type ServeNotice =
	| { type: 'retry'; gateway: WebhookGateway; delay: number; error: { code: string; message: string } }
	| { type: 'refused'; gateway: WebhookGateway | undefined; status: number; reason: string }
	| { type: 'warning'; message: string };
