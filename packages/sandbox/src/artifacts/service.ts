import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { listen } from '../http/http-server.js';
import { deterministicUuid } from '../identifiers.js';
import { blobCallOf, handleBlob } from './blob.js';
import { type ArtifactCall, type ArtifactFault, ArtifactFaultList } from './faults.js';
import { ArtifactServiceError, readBytes, sendArtifactJson, sendAzureError, sendTwirpError } from './http.js';
import { type ArtifactInfo, ArtifactStore, duplicateNameMessage } from './store.js';
import { type ArtifactScope, checkRuntimeToken, createRuntimeToken, type RuntimeTokenOptions } from './token.js';
import { handleTwirp, type TwirpContext, twirpPrefix } from './twirp.js';

/**
 * How to start an artifact service. Every field is optional.
 *
 * @example await startArtifactService({ maxArtifactBytes: 1024 * 1024 })
 */
export interface ArtifactServiceOptions {
	/** Port on 127.0.0.1; default 0 (a free one). */
	port?: number;
	/** The workflow run the service stands for; default a fixed UUID. */
	workflowRunBackendId?: string;
	/** The job whose {@link ArtifactService.runtimeToken} is handed out; default a fixed UUID. */
	workflowJobRunBackendId?: string;
	/** Largest artifact accepted; default 512 MiB. */
	maxArtifactBytes?: number;
}

/**
 * One request the artifact service received.
 *
 * @example service.requests.list().filter((record) => record.call === "UploadBlock").length
 */
export interface ArtifactRequestRecord {
	/** The call it was, or undefined for an unknown route. */
	call: ArtifactCall | undefined;
	method: string;
	/** Path and query as received, with the `sig` value replaced by `<sig>`. */
	path: string;
	/** The parsed JSON body of a Twirp call. */
	body: Record<string, unknown> | undefined;
	/** Arrival time in ms since the epoch. */
	time: number;
	/** Status sent, or 0 when none was (a reset, or still pending). */
	status: number;
}

/**
 * A running emulator of the GitHub Actions artifact service (`ACTIONS_RESULTS_URL`): the Twirp JSON methods of
 * `github.actions.results.api.v1.ArtifactService` and the Azure block-blob endpoints behind its signed URLs, as
 * `@actions/artifact` v2–v6 use them.
 *
 * @example
 * const service = await startArtifactService();
 * spawn(process.execPath, ["dist/index.js"], { env: { ...process.env, ...service.env } });
 * service.artifacts.get("whatsapp-media").bytes; // the uploaded zip
 * await service.close();
 */
export interface ArtifactService {
	/** The value for `ACTIONS_RESULTS_URL`, e.g. `http://127.0.0.1:41234/`. */
	readonly resultsUrl: string;
	readonly workflowRunBackendId: string;
	readonly workflowJobRunBackendId: string;
	/** An unsigned runtime token scoped to the service's run and job. */
	readonly runtimeToken: string;
	/** `ACTIONS_RESULTS_URL` and `ACTIONS_RUNTIME_TOKEN`, ready to merge into a child's environment. */
	readonly env: { ACTIONS_RESULTS_URL: string; ACTIONS_RUNTIME_TOKEN: string };
	/** Mints another runtime token: another job of the run, another run, a bad scope, or an expired one. */
	token(options?: RuntimeTokenOptions): string;
	artifacts: {
		/** Every artifact, finalized or not, oldest first. */
		list(): ArtifactInfo[];
		/** The artifact of the service's run with that name; throws when there is none. */
		get(name: string): ArtifactInfo;
		/** Adds a finalized artifact, as if an earlier attempt (another job run) of the workflow run had uploaded it. */
		add(name: string, bytes: Buffer, options?: { workflowJobRunBackendId?: string }): ArtifactInfo;
	};
	faults: { add(fault: ArtifactFault): void; clear(): void; list(): ArtifactFault[] };
	requests: { list(): ArtifactRequestRecord[]; clear(): void };
	/** Stops listening and destroys open connections, slow ones included. */
	close(): Promise<void>;
}

function pause(ms: number, response: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		response.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

const twirpMethods = new Set<ArtifactCall>([
	'CreateArtifact',
	'FinalizeArtifact',
	'ListArtifacts',
	'GetSignedArtifactURL',
	'DeleteArtifact',
]);

function routeOf(request: IncomingMessage): { call: ArtifactCall | undefined; twirp: boolean; key: string; query: URLSearchParams } {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	if (url.pathname.startsWith(twirpPrefix)) {
		const method = url.pathname.slice(twirpPrefix.length) as ArtifactCall;
		return {
			call: request.method === 'POST' && twirpMethods.has(method) ? method : undefined,
			twirp: true,
			key: '',
			query: url.searchParams,
		};
	}
	const blob = /^\/blob\/([0-9a-f]+)$/.exec(url.pathname);
	return {
		call: blob ? blobCallOf(request.method, url.searchParams) : undefined,
		twirp: false,
		key: blob?.[1] ?? '',
		query: url.searchParams,
	};
}

function sendFault(response: ServerResponse, twirp: boolean, fault: Exclude<ArtifactFault, { type: 'slow' | 'reset' }>): void {
	if (fault.type === 'not-ok') {
		sendArtifactJson(response, 200, { ok: false });
		return;
	}
	const status = fault.type === 'quota' ? 403 : fault.status;
	const message =
		fault.type === 'quota'
			? 'insufficient usage to create artifact: the artifact storage quota has been hit'
			: (fault.message ?? (status === 409 ? duplicateNameMessage : (STATUS_CODES[status] ?? 'error')));
	if (twirp) sendTwirpError(response, status, message);
	else sendAzureError(response, status, fault.type === 'quota' ? 'AccountLimitExceeded' : 'ServerBusy', message);
}

/**
 * Starts the artifact-service emulator on 127.0.0.1. It checks what the real service checks: the runtime
 * token's `Actions.Results:<run>:<job>` scope against the request, unique names per run (409 with the service's
 * text), the signed upload URL, and at FinalizeArtifact the size and `sha256:` hash of the assembled blob.
 *
 * @example
 * const service = await startArtifactService();
 * service.faults.add({ call: "CreateArtifact", type: "status", status: 503 });
 */
export async function startArtifactService(options: ArtifactServiceOptions = {}): Promise<ArtifactService> {
	const port = options.port ?? 0;
	if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TypeError(`options.port must be an integer within 0-65535`);
	const maxBytes = options.maxArtifactBytes ?? 512 * 1024 * 1024;
	if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError('options.maxArtifactBytes must be a positive integer');
	const scope: ArtifactScope = {
		workflowRunBackendId: options.workflowRunBackendId ?? deterministicUuid('artifact:run'),
		workflowJobRunBackendId: options.workflowJobRunBackendId ?? deterministicUuid('artifact:job'),
	};
	const store = new ArtifactStore(maxBytes);
	const faults = new ArtifactFaultList();
	let records: ArtifactRequestRecord[] = [];
	// The signed URLs need the server's origin, known once it listens (before any request can arrive).
	let twirpContext: TwirpContext | undefined;

	const serve = async (request: IncomingMessage, response: ServerResponse, record: ArtifactRequestRecord): Promise<void> => {
		const { call, twirp, key, query } = routeOf(request);
		record.call = call;
		try {
			let body: Record<string, unknown> = {};
			if (twirp && call !== undefined) {
				try {
					body = JSON.parse((await readBytes(request, 1024 * 1024)).toString('utf8')) as Record<string, unknown>;
				} catch (error) {
					if (error instanceof ArtifactServiceError) throw error;
					throw new ArtifactServiceError(400, 'the request body is not JSON');
				}
				record.body = body;
			}
			const fault = call === undefined ? undefined : faults.take(call);
			if (fault?.type === 'reset') {
				request.socket.destroy();
				return;
			}
			if (fault?.type === 'slow') await pause(fault.delayMs, response);
			else if (fault) return sendFault(response, twirp, fault);
			if (response.destroyed) return;
			if (call === undefined) throw new ArtifactServiceError(404, 'no such route', 'UnsupportedHttpVerb');
			if (twirp && twirpContext) {
				sendArtifactJson(response, 200, handleTwirp(twirpContext, call, checkRuntimeToken(request.headers.authorization), body));
				return;
			}
			await handleBlob(store, call, key, query, request, response);
		} catch (error) {
			const known = error instanceof ArtifactServiceError ? error : new ArtifactServiceError(500, String(error), 'InternalError');
			if (twirp) sendTwirpError(response, known.status, known.message);
			else sendAzureError(response, known.status, known.azureCode, known.message);
		}
	};

	const server = await listen((request, response) => {
		const record: ArtifactRequestRecord = {
			call: undefined,
			method: request.method ?? 'GET',
			path: (request.url ?? '/').replace(/([?&]sig=)[^&]*/, '$1<sig>'),
			body: undefined,
			time: performance.timeOrigin + performance.now(),
			status: 0,
		};
		records.push(record);
		response.on('close', () => {
			if (response.headersSent) record.status = response.statusCode;
		});
		void serve(request, response, record);
	}, port);
	twirpContext = { store, scope, origin: server.url, urlTtlSeconds: 6 * 3600 };
	const runtimeToken = createRuntimeToken(scope);

	return {
		resultsUrl: `${server.url}/`,
		workflowRunBackendId: scope.workflowRunBackendId,
		workflowJobRunBackendId: scope.workflowJobRunBackendId,
		runtimeToken,
		env: { ACTIONS_RESULTS_URL: `${server.url}/`, ACTIONS_RUNTIME_TOKEN: runtimeToken },
		token: (tokenOptions) => createRuntimeToken(scope, tokenOptions),
		artifacts: {
			list: () => store.list(),
			get: (name) => {
				const found = store.list().find((info) => info.name === name && info.workflowRunBackendId === scope.workflowRunBackendId);
				if (!found) throw new Error(`no artifact named ${name}`);
				return found;
			},
			add: (name, bytes, addOptions) =>
				store.seed(
					{ ...scope, workflowJobRunBackendId: addOptions?.workflowJobRunBackendId ?? scope.workflowJobRunBackendId },
					name,
					bytes,
				),
		},
		faults: { add: (fault) => faults.add(fault), clear: () => faults.clear(), list: () => faults.list() },
		requests: {
			list: () => records.map((record) => ({ ...record })),
			clear: () => {
				records = [];
			},
		},
		close: () => server.close(),
	};
}
