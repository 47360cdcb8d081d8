import type { FailedResponse } from '../errors/response-error.js';
import { type Provider as ProviderName, WamediaError } from '../errors/wamedia-error.js';
import { callApi } from '../requests/call-api.js';
import { isRecord } from './body-fields.js';
import type { ProviderContext } from './provider.js';

/** One authenticated GET of a gateway's check (docs/providers.md#check). */
export interface CheckRequest {
	provider: ProviderName;
	/** The server's URL and the path of the call, which must not carry a secret (it is shown in errors). */
	url: URL;
	/** The headers with the credential: sent to the URL's origin only. */
	credential: Record<string, string>;
	/** The gateway's reading of a failed answer. */
	failure: (response: FailedResponse) => WamediaError;
}

/**
 * Makes the check's GET as every API call is made (retries, events, the gateway's error mapping) and returns
 * its JSON object (a JSON array comes as `{ list }`); any other answer is UPSTREAM_ERROR.
 */
export function checkRequest(request: CheckRequest, context: ProviderContext): Promise<Record<string, unknown>> {
	const safeUrl = `${request.url.origin}${request.url.pathname}`;
	return callApi(context.transport, {
		url: request.url,
		safeUrl,
		method: 'GET',
		provider: request.provider,
		step: 'checking the credentials',
		headers: { accept: 'application/json' },
		credential: request.credential,
		signal: context.signal,
		retry: context.retry,
		emit: context.emit,
		failure: request.failure,
		parse: (text) => {
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			if (Array.isArray(json)) return { list: json };
			if (!isRecord(json)) {
				throw new WamediaError('UPSTREAM_ERROR', {
					message: 'The server answered the check with something other than a JSON object',
					provider: request.provider,
					status: 200,
					details: { url: safeUrl },
				});
			}
			return json;
		},
	});
}

/** `{base}/{segments…}`, each segment percent-encoded, on the server URL's own path. */
export function serverPath(server: URL, ...segments: string[]): URL {
	return new URL(`${server.href.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`);
}
