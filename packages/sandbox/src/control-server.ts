import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Fault } from './faults.js';
import type { MediaSpec } from './media-spec.js';
import { parseFault } from './parse-fault.js';
import { readBody } from './read-body.js';
import type { Sandbox } from './sandbox.js';
import { summarizeSandbox } from './sandbox-summary.js';

class HttpError extends Error {
	readonly status: number;

	constructor(status: number, message: string) {
		super(message);
		this.status = status;
	}
}

function send(response: ServerResponse, status: number, value?: unknown): void {
	if (value === undefined) {
		response.writeHead(status).end();
		return;
	}
	// JSON has no Infinity; faults with `times: Infinity` travel as the string.
	const body = JSON.stringify(value, (_key, item: unknown) => (item === Number.POSITIVE_INFINITY ? 'Infinity' : item));
	response.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const text = await readBody(request, 1024 * 1024);
	try {
		return JSON.parse(text);
	} catch {
		throw new HttpError(400, 'body is not JSON');
	}
}

function isExpired(query: URLSearchParams): boolean {
	const value = query.get('expired');
	return value === '1' || value === 'true';
}

function webhook(sandbox: Sandbox, kind: string, id: string, query: URLSearchParams): unknown {
	const expired = isExpired(query);
	const downloadUrl = query.get('downloadUrl');
	const typeWebhook = query.get('typeWebhook');
	const options = {
		expired,
		...(downloadUrl === null ? {} : { downloadUrl }),
		...(typeWebhook === null ? {} : { typeWebhook }),
	};
	switch (kind) {
		case 'greenApi':
			return sandbox.webhooks.greenApi(id, options);
		case 'notification':
			return sandbox.webhooks.notification(id, options);
		case 'journal':
			return sandbox.webhooks.journal(id, options);
		case 'multiSession':
			return sandbox.webhooks.multiSession(id, { expired });
		default:
			throw new HttpError(404, `unknown webhook kind "${kind}" (greenApi, notification, journal, multiSession)`);
	}
}

function knownMedia(sandbox: Sandbox, id: string): string {
	if (!sandbox.media.list().some((info) => info.id === id)) {
		throw new HttpError(404, `unknown media id "${id}"`);
	}
	return id;
}

async function route(sandbox: Sandbox, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const key = `${request.method} /${segments[0] ?? ''}`;
	switch (key) {
		case 'GET /':
			return send(response, 200, summarizeSandbox(sandbox));
		case 'GET /faults':
			return send(response, 200, sandbox.faults.list());
		case 'POST /faults': {
			const body = await readJson(request);
			let faults: Fault[];
			try {
				faults = (Array.isArray(body) ? body : [body]).map(parseFault);
			} catch (error) {
				throw new HttpError(400, (error as Error).message);
			}
			for (const fault of faults) {
				sandbox.faults.add(fault);
			}
			return send(response, 201, sandbox.faults.list());
		}
		case 'DELETE /faults':
			sandbox.faults.clear();
			return send(response, 204);
		case 'GET /requests':
			return send(response, 200, sandbox.requests.list());
		case 'DELETE /requests':
			sandbox.requests.clear();
			return send(response, 204);
		case 'GET /media':
			return send(response, 200, sandbox.media.list());
		case 'POST /media': {
			const spec = (await readJson(request)) as MediaSpec;
			try {
				return send(response, 201, sandbox.media.add(spec));
			} catch (error) {
				throw new HttpError(400, (error as Error).message);
			}
		}
		case 'GET /links': {
			const id = knownMedia(sandbox, segments[1] ?? '');
			const options = { expired: isExpired(url.searchParams) };
			return send(response, 200, {
				downloadUrl: sandbox.storageLink(id, options),
				multiSessionPath: sandbox.multiSessionPath(id, options),
			});
		}
		case 'GET /webhooks': {
			const id = knownMedia(sandbox, segments[2] ?? '');
			return send(response, 200, webhook(sandbox, segments[1] ?? '', id, url.searchParams));
		}
		default:
			throw new HttpError(404, `no route ${request.method} ${url.pathname}`);
	}
}

/**
 * The control API, for processes that cannot call the sandbox object (the CLI demo, benchmarks):
 * `GET /` (URLs, credentials, catalog), `GET|POST|DELETE /faults` (a fault or an array; `"Infinity"` for
 * `times`), `GET|DELETE /requests`, `GET|POST /media`, `GET /links/:id?expired=1`,
 * `GET /webhooks/:kind/:id?expired=1` (kind `greenApi`, `notification`, `journal`, `multiSession`).
 *
 * @example await fetch(`${sandbox.controlUrl}/faults`, { method: "POST", body: '{"type":"status","status":503}' })
 */
export function controlHandler(sandbox: Sandbox): RequestListener {
	return (request, response) => {
		route(sandbox, request, response).catch((error: unknown) => {
			const status = error instanceof HttpError ? error.status : 500;
			send(response, status, { error: error instanceof Error ? error.message : String(error) });
		});
	};
}
