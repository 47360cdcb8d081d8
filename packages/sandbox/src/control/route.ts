import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/read-body.js';
import type { Sandbox } from '../sandbox.js';

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
