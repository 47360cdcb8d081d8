import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { faultExamples } from '../faults/fault-examples.js';
import { serverNames } from '../http/request-log.js';
import type { Sandbox } from '../sandbox.js';
import { summarizeSandbox } from '../sandbox-summary.js';
import { greenApiRoutes } from './green-api-routes.js';
import { providerRoutes } from './provider-routes.js';
import type { ControlRequest, ControlRoute } from './route.js';
import { HttpError } from './route.js';
import { baseRoutes } from './routes.js';

/** A route as `GET /` lists it. */
export interface RouteDescription {
	readonly method: string;
	readonly path: string;
	readonly summary: string;
}

const rootSummary = 'this list, plus URLs, credentials and the catalog (text with Accept: text/plain)';

function sendJson(response: ServerResponse, status: number, value?: unknown): void {
	if (value === undefined) {
		response.writeHead(status).end();
		return;
	}
	// JSON has no Infinity; faults with `times: Infinity` travel as the string.
	const body = JSON.stringify(value, (_key, item: unknown) => (item === Number.POSITIVE_INFINITY ? 'Infinity' : item));
	response.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

/** Text for curl users who ask for it, and for browsers; JSON for everyone else (curl's default is `*\/*`). */
function wantsText(request: IncomingMessage): boolean {
	const accept = request.headers.accept ?? '';
	return /\btext\/(plain|html)\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

function describe(routes: readonly ControlRoute[]): RouteDescription[] {
	return [{ method: 'GET', path: '/', summary: rootSummary }, ...routes].map(({ method, path, summary }) => ({ method, path, summary }));
}

function routeListText(sandbox: Sandbox, routes: readonly RouteDescription[]): string {
	const width = Math.max(...routes.map((route) => route.path.length));
	const lines = routes.map((route) => `  ${route.method.padEnd(7)}${route.path.padEnd(width + 2)}${route.summary}`);
	const faults = faultExamples.map((entry) => `  ${entry.type.padEnd(26)}${JSON.stringify(entry.example)}`);
	return [
		`wamedia sandbox control API at ${sandbox.controlUrl}`,
		'',
		'Routes',
		...lines,
		'',
		`Fault types (POST /faults; server: ${serverNames.join(', ')}; path: a substring; times: a count or "Infinity")`,
		...faults,
		'',
		`Example: curl -X POST ${sandbox.controlUrl}/faults -d '${JSON.stringify(faultExamples[0]?.example)}'`,
		'',
	].join('\n');
}

function matches(route: ControlRoute, method: string, segments: readonly string[]): boolean {
	const parts = route.path.split('/').filter(Boolean);
	return (
		route.method === method &&
		parts.length === segments.length &&
		parts.every((part, index) => part.startsWith(':') || part === segments[index])
	);
}

async function dispatch(
	sandbox: Sandbox,
	routes: readonly ControlRoute[],
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const method = request.method ?? 'GET';
	if (method === 'GET' && segments.length === 0) {
		const described = describe(routes);
		if (wantsText(request)) {
			response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(routeListText(sandbox, described));
			return;
		}
		sendJson(response, 200, { ...summarizeSandbox(sandbox), routes: described, faultTypes: faultExamples });
		return;
	}
	const route = routes.find((candidate) => matches(candidate, method, segments));
	if (!route) {
		throw new HttpError(404, `no route ${method} ${url.pathname}; GET / lists them`);
	}
	const context: ControlRequest = { sandbox, request, url, segments };
	const answer = await route.handle(context);
	sendJson(response, answer.status, answer.value);
}

/**
 * The control API, for processes that cannot call the sandbox object (the CLI demo, benchmarks). `GET /` lists
 * every route and fault type (as text when `Accept` asks for `text/plain`), with the URLs, credentials and catalog.
 *
 * @example await fetch(`${sandbox.controlUrl}/faults`, { method: "POST", body: '{"type":"status","status":503}' })
 */
export function controlHandler(
	sandbox: Sandbox,
	routes: readonly ControlRoute[] = [...baseRoutes, ...greenApiRoutes, ...providerRoutes],
): RequestListener {
	return (request, response) => {
		dispatch(sandbox, routes, request, response).catch((error: unknown) => {
			const status = error instanceof HttpError ? error.status : 500;
			sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
		});
	};
}
