import type { KyInstance, Options } from 'ky';
import type { Dispatcher } from 'undici';
import type { ArchiveJob } from '../../archive/archive-job.js';
import { abortError, transportError } from '../../errors/transport-error.js';
import { isWamediaError, WamediaError } from '../../errors/wamedia-error.js';
import { callApi } from '../../requests/call-api.js';
import { sharedRateLimiter } from '../../requests/rate-limiter.js';
import type { Transport } from '../../transport/create-transport.js';
import { isRecord } from '../body-fields.js';
import { greenApiResponseError } from './response-error.js';
import type { GreenApiSettings } from './settings.js';

// Requests per second each method allows per instance (docs/green-api.md#rate-limits).
const perSecond = {
	receiveNotification: 100,
	deleteNotification: 100,
	lastIncomingMessages: 1,
	lastOutgoingMessages: 1,
	getChatHistory: 1,
	getSettings: 1,
	getStateInstance: 1,
} as const;

type MethodName = keyof typeof perSecond;

/** A journal answer of ten thousand messages with thumbnails is tens of MiB; beyond this it is not an answer. */
const maxAnswerBytes = 256 * 1024 * 1024;

/** One item of the notification queue. */
export interface Notification {
	receiptId: number;
	body: unknown;
}

interface Call {
	httpMethod: 'GET' | 'POST' | 'DELETE';
	/** A path segment after the token (deleteNotification's receiptId). */
	argument?: string;
	query?: Record<string, string>;
	json?: unknown;
	signal: AbortSignal | undefined;
	/** A transport with a longer wait (the long poll). */
	transport?: Transport;
}

/**
 * The queue, journal and account methods of one Green-API instance, each within its own per-instance
 * rate limit (shared by every client of the process) and retried where a retry is safe: each of them
 * only reads, or deletes what is gone after the first success (docs/green-api.md#queue-and-journal-methods).
 */
/** What the methods need of a client: its Green-API settings, transport, retry rules, redactor and events. */
export type GreenApiMethodsJob = Pick<ArchiveJob, 'settingsOf' | 'transport' | 'retry' | 'redact' | 'emit'>;

export class GreenApiMethods {
	readonly #job: GreenApiMethodsJob;
	readonly #greenApi: GreenApiSettings;
	#longPoll: { seconds: number; transport: Transport } | undefined;

	constructor(job: GreenApiMethodsJob) {
		const greenApi = job.settingsOf('green-api') as GreenApiSettings | undefined;
		if (greenApi === undefined) {
			throw new WamediaError('INVALID_INPUT', {
				message: 'Sync and back-fill need Green-API credentials',
				hint: 'Configure the Green-API credentials (apiUrl, idInstance, apiTokenInstance) of the instance to archive.',
				provider: 'green-api',
				details: { field: 'idInstance' },
			});
		}
		this.#job = job;
		this.#greenApi = greenApi;
	}

	/** The head of the queue, or null when none came within `receiveTimeout` seconds. */
	async receiveNotification(receiveTimeout: number, signal: AbortSignal | undefined): Promise<Notification | null> {
		const answer = await this.#call('receiveNotification', {
			httpMethod: 'GET',
			query: { receiveTimeout: String(receiveTimeout) },
			signal,
			transport: this.#longPollTransport(receiveTimeout),
		});
		if (answer === null) return null;
		if (isRecord(answer) && typeof answer.receiptId === 'number' && 'body' in answer)
			return { receiptId: answer.receiptId, body: answer.body };
		throw unexpected('receiveNotification');
	}

	/** Deletes a notification; false when Green-API did not (already deleted, or an unknown receipt id). */
	async deleteNotification(receiptId: number, signal: AbortSignal | undefined): Promise<boolean> {
		const answer = await this.#call('deleteNotification', { httpMethod: 'DELETE', argument: String(receiptId), signal });
		if (isRecord(answer) && typeof answer.result === 'boolean') return answer.result;
		throw unexpected('deleteNotification');
	}

	/** The incoming or outgoing journal of the last `minutes`. */
	async lastMessages(
		method: 'lastIncomingMessages' | 'lastOutgoingMessages',
		minutes: number,
		signal: AbortSignal | undefined,
	): Promise<unknown[]> {
		return list(method, await this.#call(method, { httpMethod: 'GET', query: { minutes: String(minutes) }, signal }));
	}

	/** A chat's newest `count` messages. */
	async getChatHistory(chatId: string, count: number, signal: AbortSignal | undefined): Promise<unknown[]> {
		return list('getChatHistory', await this.#call('getChatHistory', { httpMethod: 'POST', json: { chatId, count }, signal }));
	}

	/** The instance's settings (`webhookUrl`, `incomingWebhook`, …). */
	async getSettings(signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
		const answer = await this.#call('getSettings', { httpMethod: 'GET', signal });
		if (isRecord(answer)) return answer;
		throw unexpected('getSettings');
	}

	/** The instance's state: `authorized`, `notAuthorized`, `starting`, …; undefined while it is being created. */
	async getStateInstance(signal: AbortSignal | undefined): Promise<string | undefined> {
		const answer = await this.#call('getStateInstance', { httpMethod: 'GET', signal });
		if (answer === null) return undefined;
		if (isRecord(answer) && typeof answer.stateInstance === 'string') return answer.stateInstance;
		throw unexpected('getStateInstance');
	}

	async #call(method: MethodName, call: Call): Promise<unknown> {
		const { signal } = call;
		const { url, safeUrl } = methodUrl(this.#greenApi, method, call.argument, call.query);
		const limiter = sharedRateLimiter(`${this.#greenApi.apiUrl.origin}/${this.#greenApi.idInstance}/${method}`, perSecond[method], 1_000);
		const { redact, retry, emit } = this.#job;
		return callApi(call.transport ?? this.#job.transport, {
			url,
			safeUrl,
			method: call.httpMethod,
			provider: 'green-api',
			step: `calling ${method}`,
			json: call.json,
			signal,
			retry,
			emit,
			limiter,
			read: (response) => readAnswer(response, method, signal, url.host),
			failure: (response) => greenApiResponseError(response, redact),
			parse: (text, answer) => {
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					throw unexpected(method, redact(text).slice(0, 300));
				}
				// Some methods report failure as 200 with {"code":401,"description":"Unauthorized"} (docs/green-api.md#failure-inside-a-200).
				if (isRecord(json) && typeof json.code === 'number' && json.code >= 400) {
					throw greenApiResponseError({ ...answer, status: json.code }, redact);
				}
				return json;
			},
		});
	}

	// The long poll holds the answer for up to receiveTimeout seconds: its request waits that much longer
	// than the client's timeout, on the same agent (docs/green-api.md#queue-and-journal-methods).
	#longPollTransport(seconds: number): Transport {
		if (this.#longPoll?.seconds === seconds) return this.#longPoll.transport;
		const { transport } = this.#job;
		const timeout = transport.timeout + seconds * 1_000;
		let ky: Promise<KyInstance> | undefined;
		const longPoll: Transport = {
			...transport,
			timeout,
			ky: () => {
				ky ??= Promise.all([transport.ky(), import('ky'), transport.agent()]).then(([base, { replaceOption }, agent]) => {
					const dispatcher = agent.compose(
						(dispatch) => (options: Dispatcher.DispatchOptions, handler) =>
							dispatch({ ...options, headersTimeout: timeout, bodyTimeout: timeout }, handler),
					);
					// Replaced, not merged: ky would deep-merge the agent into a plain object. ky passes
					// `dispatcher` through to fetch; its types do not list it.
					return base.extend({ dispatcher: replaceOption(dispatcher), timeout } as unknown as Options);
				});
				return ky;
			},
		};
		this.#longPoll = { seconds, transport: longPoll };
		return longPoll;
	}
}

/** A method's URL, and the same URL safe to show (token redacted). */
function methodUrl(
	greenApi: GreenApiSettings,
	method: MethodName,
	argument: string | undefined,
	query: Record<string, string> | undefined,
): { url: URL; safeUrl: string } {
	const base = greenApi.apiUrl.href.replace(/\/+$/, '');
	const path = `/waInstance${greenApi.idInstance}/${method}/`;
	const tail = `${argument === undefined ? '' : `/${encodeURIComponent(argument)}`}${query === undefined ? '' : `?${new URLSearchParams(query)}`}`;
	return { url: new URL(`${base}${path}${encodeURIComponent(greenApi.apiTokenInstance)}${tail}`), safeUrl: `${base}${path}***${tail}` };
}

async function readAnswer(response: Response, method: MethodName, signal: AbortSignal | undefined, host: string): Promise<string> {
	const reader = response.body?.getReader();
	if (reader === undefined) return '';
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.length;
			if (size > maxAnswerBytes) {
				throw new WamediaError('UPSTREAM_ERROR', {
					message: `Green-API's ${method} answer is larger than ${maxAnswerBytes / 1024 / 1024} MiB`,
					hint: 'Ask for fewer messages (a shorter time window, a smaller count).',
					provider: 'green-api',
					retryable: false,
				});
			}
			chunks.push(value);
		}
	} catch (error) {
		if (isWamediaError(error)) throw error;
		if (signal?.aborted) throw abortError(signal, 'green-api');
		throw transportError(error, `reading the ${method} answer`, 'green-api', host);
	} finally {
		reader.cancel().catch(() => undefined);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function list(method: MethodName, answer: unknown): unknown[] {
	if (Array.isArray(answer)) return answer;
	throw unexpected(method);
}

function unexpected(method: MethodName, serverMessage?: string): WamediaError {
	return new WamediaError('UPSTREAM_ERROR', {
		message: `Green-API answered ${method} with something it does not document`,
		provider: 'green-api',
		status: 200,
		details: serverMessage === undefined ? { method } : { method, serverMessage },
	});
}
