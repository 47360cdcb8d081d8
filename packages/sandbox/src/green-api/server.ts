import type { RequestListener } from 'node:http';
import type { FaultList } from '../faults/faults.js';
import { emulatorHandler } from '../http/emulator-handler.js';
import { type Exchange, sendJson, sendStatus } from '../http/exchange.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { RequestLog } from '../http/request-log.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { downloadFileMethod } from './download-file-method.js';
import type { GreenApiInstance } from './instance.js';
import { getSettingsMethod, getStateInstanceMethod } from './instance-methods.js';
import { getChatHistoryMethod, lastIncomingMessagesMethod, lastOutgoingMessagesMethod } from './journal-methods.js';
import type { GreenApiContext, GreenApiMethod } from './method.js';
import { deleteNotificationMethod, receiveNotificationMethod } from './queue-methods.js';

/** The instance the Green-API emulator impersonates. */
export interface GreenApiOptions {
	readonly idInstance: string;
	readonly apiTokenInstance: string;
	readonly chatId: string;
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	readonly instance: GreenApiInstance;
	/** A fresh presigned storage link to a media. */
	readonly link: (entry: MediaEntry) => string;
	/** The longest a `receiveNotification` waits on an empty queue, in ms. */
	readonly longPollMs: number;
	/** Calls per second per method name, replacing the documented limits; 0 lifts a limit. */
	readonly rateLimits?: Readonly<Record<string, number>>;
}

/**
 * Hides the token, the segment after the method in `/waInstance{id}/{method}/{token}[/{argument}]`.
 *
 * @example redactGreenApiPath("/waInstance1/downloadFile/abc") // "/waInstance1/downloadFile/<token>"
 */
export function redactGreenApiPath(path: string): string {
	return path.replace(/^(\/waInstance[^/?]*\/[^/?]+\/)([^/?]+)/, '$1<token>');
}

class GreenApiEmulator {
	readonly #options: GreenApiOptions;
	readonly #context: GreenApiContext;
	readonly #methods = new Map<string, { method: GreenApiMethod; limiter: RateLimiter | undefined }>();

	constructor(options: GreenApiOptions) {
		this.#options = options;
		this.#context = {
			chatId: options.chatId,
			catalog: options.catalog,
			instance: options.instance,
			link: options.link,
			longPollMs: options.longPollMs,
		};
		const methods = [
			downloadFileMethod(),
			getStateInstanceMethod,
			getSettingsMethod,
			receiveNotificationMethod,
			deleteNotificationMethod,
			lastIncomingMessagesMethod,
			lastOutgoingMessagesMethod,
			getChatHistoryMethod,
		];
		for (const method of methods) {
			const perSecond = options.rateLimits?.[method.name] ?? method.perSecond;
			this.#methods.set(method.name.toLowerCase(), {
				method,
				limiter: perSecond > 0 ? new RateLimiter(perSecond, 1000) : undefined,
			});
		}
	}

	async handle(exchange: Exchange): Promise<void> {
		const url = new URL(exchange.request.url ?? '/', 'http://127.0.0.1');
		const match = /^\/waInstance([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
		if (!match) {
			sendStatus(exchange, 404);
			return;
		}
		if (match[1] !== this.#options.idInstance) {
			sendStatus(exchange, 403);
			return;
		}
		if (match[3] !== this.#options.apiTokenInstance) {
			sendStatus(exchange, 401);
			return;
		}
		const found = this.#methods.get(match[2]?.toLowerCase() ?? '');
		const argument = match[4];
		// Green-API answers a wrong HTTP method with 404: https://green-api.com/en/docs/api/common-errors/
		if (
			!found ||
			found.method.httpMethod !== exchange.request.method ||
			(argument !== undefined) !== (found.method.takesArgument ?? false)
		) {
			sendStatus(exchange, 404);
			return;
		}
		if (found.limiter && !found.limiter.tryAcquire(performance.now())) {
			sendStatus(exchange, 429);
			return;
		}
		const state = this.#options.instance.state();
		if (found.method.needsAuthorized && state !== 'authorized' && state !== 'yellowCard') {
			const message = state === 'starting' ? 'instance in starting process try later' : 'instance is starting or not authorized';
			sendJson(exchange, 400, { message });
			return;
		}
		await found.method.handle({ exchange, url, argument }, this.#context);
	}
}

/**
 * The Green-API emulator (server `api`): `downloadFile`, `getStateInstance`, `getSettings`, the HTTP notification
 * queue (`receiveNotification`, `deleteNotification`) and the journals (`lastIncomingMessages`,
 * `lastOutgoingMessages`, `getChatHistory`), method names in any case, each with its documented per-second limit
 * (429 beyond it) and Green-API's errors. Logged paths read `<token>` instead of the token.
 *
 * @example await listen(greenApiHandler(options), 0)
 */
export function greenApiHandler(options: GreenApiOptions): RequestListener {
	const emulator = new GreenApiEmulator(options);
	return emulatorHandler({
		server: 'api',
		log: options.log,
		faults: options.faults,
		redactPath: redactGreenApiPath,
		handle: (exchange) => emulator.handle(exchange),
	});
}
