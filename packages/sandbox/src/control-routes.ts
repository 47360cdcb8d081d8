import type { IncomingMessage } from 'node:http';
import type { Fault } from './faults.js';
import type { MediaSpec } from './media-spec.js';
import { parseFault } from './parse-fault.js';
import { readBody } from './read-body.js';
import type { Sandbox } from './sandbox.js';

/** A control API failure with the status to answer. */
export class HttpError extends Error {
	readonly status: number;

	constructor(status: number, message: string) {
		super(message);
		this.status = status;
	}
}

/** One request to the control API, parsed. */
export interface ControlRequest {
	readonly sandbox: Sandbox;
	readonly request: IncomingMessage;
	readonly url: URL;
	/** Decoded path segments. */
	readonly segments: readonly string[];
}

/** What a route answers: a status and a JSON value (none for 204). */
export interface ControlAnswer {
	readonly status: number;
	readonly value?: unknown;
}

/** A route of the control API. */
export interface ControlRoute {
	readonly method: 'GET' | 'POST' | 'DELETE';
	/** Path with `:name` placeholders, e.g. `/links/:id`. */
	readonly path: string;
	readonly summary: string;
	readonly handle: (context: ControlRequest) => ControlAnswer | Promise<ControlAnswer>;
}

/**
 * Reads a JSON request body (at most 1 MiB); a 400 when it is not JSON.
 *
 * @example const fault = await readJson(request);
 */
export async function readJson(request: IncomingMessage): Promise<unknown> {
	const text = await readBody(request, 1024 * 1024);
	try {
		return JSON.parse(text);
	} catch {
		throw new HttpError(400, 'body is not JSON');
	}
}

/**
 * Runs a parser on a request value and turns its `TypeError` into a 400.
 *
 * @example const fault = checked(() => parseFault(body));
 */
export function checked<T>(parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		throw new HttpError(400, (error as Error).message);
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

/**
 * Throws a 404 unless a media with this id is registered.
 *
 * @example knownMedia(sandbox, "image")
 */
export function knownMedia(sandbox: Sandbox, id: string): string {
	if (!sandbox.media.list().some((info) => info.id === id)) {
		throw new HttpError(404, `unknown media id "${id}"`);
	}
	return id;
}

/**
 * The control API's routes for faults, requests, media, links and webhook bodies (`GET /` is added by the server).
 *
 * @example baseRoutes.map((route) => `${route.method} ${route.path}`)
 */
export const baseRoutes: readonly ControlRoute[] = [
	{
		method: 'GET',
		path: '/faults',
		summary: 'the active faults, times = hits left ("Infinity" for no limit)',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.faults.list() }),
	},
	{
		method: 'POST',
		path: '/faults',
		summary: 'add a fault or an array of faults (JSON body); answers the active faults',
		handle: async ({ sandbox, request }) => {
			const body = await readJson(request);
			const faults: Fault[] = checked(() => (Array.isArray(body) ? body : [body]).map(parseFault));
			for (const fault of faults) {
				sandbox.faults.add(fault);
			}
			return { status: 201, value: sandbox.faults.list() };
		},
	},
	{
		method: 'DELETE',
		path: '/faults',
		summary: 'remove every fault',
		handle: ({ sandbox }) => {
			sandbox.faults.clear();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/requests',
		summary: 'every request the emulators received (tokens hidden in paths)',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.requests.list() }),
	},
	{
		method: 'DELETE',
		path: '/requests',
		summary: 'forget the recorded requests',
		handle: ({ sandbox }) => {
			sandbox.requests.clear();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/media',
		summary: 'the media catalog with sizes, idMessages and sha256',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.media.list() }),
	},
	{
		method: 'POST',
		path: '/media',
		summary: 'register a media: {"id":"big","kind":"mp4","size":1000000}',
		handle: async ({ sandbox, request }) => {
			const spec = (await readJson(request)) as MediaSpec;
			return { status: 201, value: checked(() => sandbox.media.add(spec)) };
		},
	},
	{
		method: 'GET',
		path: '/links/:id',
		summary: 'a fresh storage link and Multi-Session path for a media; ?expired=1 for expired ones',
		handle: ({ sandbox, url, segments }) => {
			const id = knownMedia(sandbox, segments[1] ?? '');
			const options = { expired: isExpired(url.searchParams) };
			return {
				status: 200,
				value: { downloadUrl: sandbox.storageLink(id, options), multiSessionPath: sandbox.multiSessionPath(id, options) },
			};
		},
	},
	{
		method: 'GET',
		path: '/webhooks/:kind/:id',
		summary: 'a body for a media; kind greenApi, notification, journal or multiSession; ?expired=1, ?downloadUrl=, ?typeWebhook=',
		handle: ({ sandbox, url, segments }) => {
			const id = knownMedia(sandbox, segments[2] ?? '');
			return { status: 200, value: webhook(sandbox, segments[1] ?? '', id, url.searchParams) };
		},
	},
];
