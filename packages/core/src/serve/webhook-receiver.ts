import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Spool, SpoolEntry } from '../archive/spool.js';
import { providerNamed } from '../providers/index.js';
import type { WebhookCheck } from '../providers/provider.js';
import { equalInConstantTime } from '../security/constant-time.js';
import type { ServeNotice, WebhookGateway, WebhookSecrets } from '../types/serve.js';
import { classifyWebhook } from './classify-webhook.js';
import { readRequestBody } from './read-request-body.js';
import type { ServeMetrics } from './serve-metrics.js';

/** The gateways with a route, in the order the docs list them. */
export const webhookGateways: readonly WebhookGateway[] = ['green-api', 'multi-session', 'meta', 'waha', 'evolution'];

/** Seconds a gateway is told to wait (Retry-After) when the spool cannot take more. */
export const retryAfterSeconds = 30;

/** What the receiver needs from the server around it. */
export interface WebhookReceiverOptions {
	secrets: WebhookSecrets;
	allowUnauthenticated: boolean;
	maxBody: number;
	spool: Spool;
	metrics: ServeMetrics;
	/** Hands a stored body to the workers. */
	accept: (entry: SpoolEntry) => void;
	/** Bodies waiting or being archived, for `/healthz`. */
	pending: () => number;
	onNotice: (notice: ServeNotice) => void;
}

/**
 * The routes of `wamedia serve`, as one `node:http` request listener (docs/serve.md#routes):
 * `POST /webhooks/<gateway>[/<token>]`, Meta's `GET /webhooks/meta` handshake, `GET /healthz`,
 * `GET /metrics`; anything else is 404. A body is answered 200 only after it is in the spool for good.
 */
export class WebhookReceiver {
	readonly #options: WebhookReceiverOptions;
	#stopping = false;
	/** Requests being answered now: close() waits for them. */
	#answering = 0;
	#idle: (() => void) | undefined;

	constructor(options: WebhookReceiverOptions) {
		this.#options = options;
	}

	/** Stops taking bodies: `/healthz` answers 503, and every new webhook 503 with Retry-After. */
	stop(): void {
		this.#stopping = true;
	}

	/** Resolves once every request under way has its answer. */
	async settled(): Promise<void> {
		if (this.#answering === 0) return;
		await new Promise<void>((resolve) => {
			this.#idle = resolve;
		});
	}

	/** The request listener. */
	readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
		this.#answering++;
		response.once('close', () => {
			if (--this.#answering === 0) this.#idle?.();
		});
		this.#route(request, response).catch(() => {
			if (!response.headersSent) this.#refuse(response, undefined, 500, 'internal error', true);
			else response.destroy();
		});
	};

	async #route(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const segments = url.pathname.split('/').filter((segment) => segment !== '');
		if (segments.length === 1 && segments[0] === 'healthz' && isRead(request)) return this.#health(response);
		if (segments.length === 1 && segments[0] === 'metrics' && isRead(request)) return this.#metrics(response);
		const gateway = segments[1] as WebhookGateway;
		if (segments[0] !== 'webhooks' || !webhookGateways.includes(gateway) || segments.length > 3) {
			return this.#answer(response, 404, { error: 'not found' });
		}
		const pathToken = segments[2] === undefined ? undefined : decodeSegment(segments[2]);
		if (gateway === 'meta' && isRead(request) && segments.length === 2) return this.#verifySubscription(url, response);
		if (request.method !== 'POST') return this.#answer(response, 405, { error: 'method not allowed' }, { allow: 'POST' });
		return this.#receive(gateway, pathToken, request, response);
	}

	async #receive(gateway: WebhookGateway, pathToken: string | undefined, request: IncomingMessage, response: ServerResponse) {
		const { secrets, metrics, spool } = this.#options;
		if (this.#stopping) return this.#refuse(response, gateway, 503, 'stopping', true);
		const check = providerNamed(gateway).webhook as WebhookCheck;
		const checked = check.configured(secrets);
		if (!checked && !this.#options.allowUnauthenticated) return this.#refuse(response, gateway, 401, 'no check configured', true);
		const head = { headers: request.headers, pathToken };
		// A missing signature or a wrong token is refused before a byte of the body is read.
		if (checked && check.early(head, secrets) === 'forged') return this.#refuse(response, gateway, 401, 'not authentic', true);
		const read = await readRequestBody(request, this.#options.maxBody);
		if ('closed' in read) return;
		if ('tooLarge' in read) return this.#refuse(response, gateway, 413, 'body too large', true);
		if (checked && !check.verify({ ...head, body: read.body }, secrets)) return this.#refuse(response, gateway, 401, 'not authentic');
		metrics.received.inc({ gateway });
		const kind = classifyWebhook(gateway, read.body);
		if (kind.kind === 'invalid') return this.#refuse(response, gateway, 400, kind.reason);
		if (kind.kind === 'no-media') {
			metrics.ignored.inc({ gateway });
			return this.#answer(response, 200, { status: 'ignored', reason: 'no media' });
		}
		let put: Awaited<ReturnType<Spool['put']>>;
		try {
			put = await spool.put(gateway, read.body);
		} catch {
			put = { full: 'disk' };
		}
		if ('full' in put)
			return this.#refuse(response, gateway, 503, `spool full (${put.full})`, false, { 'retry-after': String(retryAfterSeconds) });
		metrics.accepted.inc({ gateway });
		this.#options.accept(put.stored);
		return this.#answer(response, 200, { status: put.duplicate ? 'duplicate' : 'accepted', media: kind.count });
	}

	#verifySubscription(url: URL, response: ServerResponse): void {
		const token = this.#options.secrets.metaVerifyToken;
		const given = url.searchParams.get('hub.verify_token') ?? '';
		const challenge = url.searchParams.get('hub.challenge') ?? '';
		const ok = url.searchParams.get('hub.mode') === 'subscribe' && token !== undefined && token !== '' && equalInConstantTime(given, token);
		if (!ok) {
			this.#refuse(response, 'meta', 403, 'verification refused');
			return;
		}
		// The challenge is echoed as plain text; nosniff keeps a browser from reading it as anything else.
		response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
		response.end(challenge);
	}

	#health(response: ServerResponse): void {
		const { count, bytes } = this.#options.spool.size();
		const status = this.#stopping ? 'stopping' : 'ok';
		this.#answer(response, this.#stopping ? 503 : 200, { status, pending: this.#options.pending(), spooled: count, spooledBytes: bytes });
	}

	async #metrics(response: ServerResponse): Promise<void> {
		const { registry } = this.#options.metrics;
		const text = await registry.metrics();
		response.writeHead(200, { 'content-type': registry.contentType });
		response.end(text);
	}

	#refuse(
		response: ServerResponse,
		gateway: WebhookGateway | undefined,
		status: number,
		reason: string,
		close = false,
		headers: Record<string, string> = {},
	): void {
		this.#options.metrics.refused.inc({ reason: String(status) });
		this.#options.onNotice({ type: 'refused', gateway, status, reason });
		this.#answer(response, status, { error: reason }, close ? { ...headers, connection: 'close' } : headers);
	}

	#answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
		const text = JSON.stringify(body);
		response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
		response.end(text);
	}
}

function isRead(request: IncomingMessage): boolean {
	return request.method === 'GET' || request.method === 'HEAD';
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
