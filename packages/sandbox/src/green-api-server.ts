import type { RequestListener } from 'node:http';
import { parseDownloadFileRequest } from './download-file-request.js';
import { emulatorHandler } from './emulator-handler.js';
import { type Exchange, sendJson, sendStatus, sendText } from './exchange.js';
import type { FaultList } from './faults.js';
import type { MediaCatalog, MediaEntry } from './media-catalog.js';
import { RateLimiter } from './rate-limiter.js';
import { readBody } from './read-body.js';
import type { RequestLog } from './request-log.js';
import { specialMessageOf } from './special-messages.js';

/** The instance the Green-API emulator impersonates. */
export interface GreenApiOptions {
	readonly idInstance: string;
	readonly apiTokenInstance: string;
	readonly chatId: string;
	readonly catalog: MediaCatalog;
	readonly log: RequestLog;
	readonly faults: FaultList;
	/** A fresh presigned storage link to a media. */
	readonly link: (entry: MediaEntry) => string;
}

// The documented 466 body: https://greenapi.com/en/docs/api/466-error-example-body (research/green-api.md §1.7).
const quotaBody = {
	invokeStatus: {
		method: 'downloadFile',
		used: 100,
		total: 100,
		status: 'QUOTE_EXCEEDED',
		description:
			'Monthly quota has been exceeded. Please go to your personal account and change the tariff to business https://console.green-api.com',
	},
};

const badGatewayPage =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The instance answers `instance in starting process` this many times before it is ready. */
const startingAnswers = 2;

/**
 * Hides the token, the last segment of `/waInstance{id}/{method}/{token}`.
 *
 * @example redactGreenApiPath("/waInstance1/downloadFile/abc") // "/waInstance1/downloadFile/<token>"
 */
export function redactGreenApiPath(path: string): string {
	return path.replace(/^(\/waInstance[^/?]*\/[^/?]+\/)([^/?]+)/, '$1<token>');
}

class GreenApiEmulator {
	readonly #options: GreenApiOptions;
	// Green-API allows 5 downloadFile calls per second per instance (research/green-api.md §1.6).
	readonly #limiter = new RateLimiter(5, 1000);
	#startingSeen = 0;

	constructor(options: GreenApiOptions) {
		this.#options = options;
	}

	async handle(exchange: Exchange): Promise<void> {
		const url = new URL(exchange.request.url ?? '/', 'http://127.0.0.1');
		const match = /^\/waInstance([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
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
		const method = match[2]?.toLowerCase();
		if (method === 'downloadfile' && exchange.request.method === 'POST') {
			await this.#downloadFile(exchange);
		} else if (method === 'getstateinstance' && exchange.request.method === 'GET') {
			sendJson(exchange, 200, { stateInstance: 'authorized' });
		} else {
			// Green-API answers a wrong HTTP method with 404 (research/green-api.md §1.7).
			sendStatus(exchange, 404);
		}
	}

	async #downloadFile(exchange: Exchange): Promise<void> {
		if (!this.#limiter.tryAcquire(performance.now())) {
			sendStatus(exchange, 429);
			return;
		}
		const request = parseDownloadFileRequest(await readBody(exchange.request, 1024 * 1024));
		if (!request.ok) {
			if (request.json) {
				sendJson(exchange, request.status, request.body);
			} else {
				sendText(exchange, request.status, String(request.body));
			}
			return;
		}
		const { chatId, idMessage } = request;
		const about = `by chatId ${chatId} and idMessage ${idMessage}`;
		switch (specialMessageOf(idMessage)) {
			case 'noMedia':
				break;
			case 'unavailable':
				sendJson(exchange, 500, { message: `Internal error when downloading file ${about}` });
				return;
			case 'starting':
				if (this.#startingSeen < startingAnswers) {
					this.#startingSeen += 1;
					sendJson(exchange, 400, { message: 'instance in starting process try later' });
				} else {
					sendJson(exchange, 200, { downloadUrl: this.#options.link(this.#options.catalog.get('image')) });
				}
				return;
			case 'notAuthorized':
				sendJson(exchange, 400, { message: 'instance is starting or not authorized' });
				return;
			case 'quota':
				sendJson(exchange, 466, quotaBody);
				return;
			case 'unauthorizedIn200':
				// Some Green-API methods report failures inside a 200 (research/green-api.md §1.7, UpdateApiToken).
				sendJson(exchange, 200, { code: 401, description: 'Unauthorized' });
				return;
			case 'html500':
				sendText(exchange, 502, badGatewayPage, { 'content-type': 'text/html' });
				return;
			case 'garbage':
				sendText(exchange, 200, 'not json', { 'content-type': 'application/json' });
				return;
			case 'noLink':
				sendJson(exchange, 200, {});
				return;
			case undefined: {
				const entry = this.#options.catalog.findByIdMessage(idMessage);
				if (entry && chatId === this.#options.chatId) {
					sendJson(exchange, 200, { downloadUrl: this.#options.link(entry) });
					return;
				}
			}
		}
		// A bare JSON string, as in Green-API's own example (research/green-api.md §1.4).
		sendJson(exchange, 400, `File message encrypted url not found ${about}`);
	}
}

/**
 * The Green-API emulator (server `api`): `POST /waInstance{idInstance}/downloadFile/{apiTokenInstance}` (method
 * name in any case) and `GET …/getStateInstance/…`, with Green-API's documented errors and its 5 per second
 * `downloadFile` limit. Logged paths read `<token>` instead of the token.
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
