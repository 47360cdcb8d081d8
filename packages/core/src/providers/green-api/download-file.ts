import { WamediaError } from '../../errors/wamedia-error.js';
import { callApi } from '../../requests/call-api.js';
import { sharedRateLimiter } from '../../requests/rate-limiter.js';
import type { Redactor } from '../../security/redact.js';
import { validateChatId, validateIdMessage } from '../../security/validate.js';
import type { ProviderContext } from '../provider.js';
import { greenApiResponseError } from './response-error.js';
import type { GreenApiSettings } from './settings.js';

// 5 downloadFile requests per second per instance (docs/green-api.md#rate-limits).
const requestsPerWindow = 5;
const windowMs = 1_000;

/** The `downloadFile` URL of an instance, and the same URL safe to show (token redacted). */
export function downloadFileUrl(greenApi: GreenApiSettings): { url: URL; safeUrl: string } {
	const base = greenApi.apiUrl.href.replace(/\/+$/, '');
	const path = `/waInstance${greenApi.idInstance}/downloadFile/`;
	return {
		url: new URL(`${base}${path}${encodeURIComponent(greenApi.apiTokenInstance)}`),
		safeUrl: `${base}${path}***`,
	};
}

/**
 * Asks Green-API for a fresh download link of a message with `downloadFile`, within the instance's
 * rate limit, retrying what is safe to retry (the call only reads).
 */
export async function requestDownloadUrl(
	greenApi: GreenApiSettings,
	message: { chatId?: string | undefined; idMessage?: string | undefined },
	context: ProviderContext,
): Promise<string> {
	const { transport, signal, emit, redact } = context;
	const body = { chatId: validateChatId(message.chatId), idMessage: validateIdMessage(message.idMessage) };
	const { url, safeUrl } = downloadFileUrl(greenApi);
	const limiter = sharedRateLimiter(`${greenApi.apiUrl.origin}/${greenApi.idInstance}`, requestsPerWindow, windowMs);
	return callApi(transport, {
		url,
		safeUrl,
		method: 'POST',
		provider: 'green-api',
		step: 'requesting the download link',
		json: body,
		signal,
		retry: context.retry,
		emit,
		limiter,
		failure: (response) => greenApiResponseError(response, redact),
		parse: (text, answer) => parseDownloadUrl(text, answer, redact),
	});
}

function parseDownloadUrl(text: string, failure: { body: string; retryAfter: number | undefined; url: string }, redact: Redactor): string {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
	// Some methods report failure as 200 with {"code":401,"description":"Unauthorized"} (docs/green-api.md#failure-inside-a-200).
	if (typeof record.code === 'number' && record.code >= 400) {
		throw greenApiResponseError({ ...failure, status: record.code }, redact);
	}
	const { downloadUrl } = record;
	if (typeof downloadUrl === 'string' && downloadUrl !== '') return downloadUrl;
	throw new WamediaError('UPSTREAM_ERROR', {
		message: 'Green-API answered downloadFile without a downloadUrl',
		provider: 'green-api',
		status: 200,
		details: { url: failure.url, serverMessage: redact(text).slice(0, 300) },
	});
}
