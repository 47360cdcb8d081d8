import { WamediaError } from '../../errors/wamedia-error.js';
import { callApi } from '../../requests/call-api.js';
import { validateIdentifier } from '../../security/validate.js';
import { isRecord, text } from '../body-fields.js';
import type { ProviderContext } from '../provider.js';
import { graphError } from './graph-error.js';
import type { MetaSettings } from './settings.js';

/** What the Graph API says about a media id. */
export interface MetaMedia {
	/** Where the bytes are, for about 5 minutes; fetched with the same Bearer token. */
	url: URL;
	mimeType: string | undefined;
	/** The file's SHA-256, from hex or base64. */
	sha256: Buffer | undefined;
	/** The file's size in bytes (`file_size`, a string or a number). */
	size: number | undefined;
}

/** The Bearer header of the token: it goes to the Graph API, and to exactly the URL its answer names. */
export function bearer(settings: MetaSettings): Record<string, string> {
	return { authorization: `Bearer ${settings.accessToken}` };
}

/**
 * Looks a media id up on the Graph API, `GET {graphUrl}/{apiVersion}/{mediaId}[?phone_number_id=]` with the
 * token (docs/providers.md#meta-media-lookup), retrying what Meta calls temporary.
 */
export async function lookupMedia(
	settings: MetaSettings,
	reference: { mediaId?: string | undefined; phoneNumberId?: string | undefined },
	context: ProviderContext,
): Promise<MetaMedia> {
	const { transport, signal, emit, redact } = context;
	const mediaId = validateIdentifier(
		reference.mediaId,
		'mediaId',
		'Pass the id of the media object of the webhook (image.id, document.id, …).',
	);
	const phoneNumberId = reference.phoneNumberId ?? settings.phoneNumberId;
	const url = new URL(`${settings.graphUrl.href.replace(/\/+$/, '')}/${settings.apiVersion}/${encodeURIComponent(mediaId)}`);
	if (phoneNumberId !== undefined) url.searchParams.set('phone_number_id', phoneNumberId);
	const safeUrl = `${url.origin}${url.pathname}`;
	return callApi(transport, {
		url,
		safeUrl,
		method: 'GET',
		provider: 'meta',
		step: 'looking the media id up on the Graph API',
		headers: { accept: 'application/json' },
		credential: bearer(settings),
		signal,
		retry: context.retry,
		emit,
		failure: (response) => graphError(response, redact),
		parse: (text) => parseAnswer(text, safeUrl),
	});
}

function parseAnswer(body: string, safeUrl: string): MetaMedia {
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		json = undefined;
	}
	const link = isRecord(json) ? text(json.url) : undefined;
	let url: URL | undefined;
	try {
		url = link === undefined ? undefined : new URL(link);
	} catch {
		url = undefined;
	}
	if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || !isRecord(json)) {
		// A cut answer reads like this too: worth another try.
		throw new WamediaError('UPSTREAM_ERROR', {
			message: 'The Graph API answered without a media URL',
			provider: 'meta',
			status: 200,
			details: { url: safeUrl },
		});
	}
	return { url, mimeType: text(json.mime_type), sha256: digestOf(json.sha256), size: sizeOf(json.file_size) };
}

/** `sha256` as 64 hex digits or as base64 (docs/providers.md#meta-checksums); anything else is not used. */
export function digestOf(value: unknown): Buffer | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return Buffer.from(trimmed, 'base64');
	return undefined;
}

function sizeOf(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
	return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}
