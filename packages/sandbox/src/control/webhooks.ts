import type { Sandbox } from '../sandbox.js';
import { HttpError, knownMedia } from './route.js';

/** The webhook kinds `GET /webhooks/:kind/:id` builds. */
export const webhookKinds = ['greenApi', 'notification', 'journal', 'multiSession', 'meta', 'waha', 'evolution'] as const;

/**
 * Whether a query flag is on (`1` or `true`).
 *
 * @example isOn(url.searchParams, "expired")
 */
export function isOn(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	return value === '1' || value === 'true';
}

function choice<T extends string>(query: URLSearchParams, name: string, choices: readonly T[]): T | undefined {
	const value = query.get(name);
	if (value === null) {
		return undefined;
	}
	if (!choices.includes(value as T)) {
		throw new HttpError(400, `${name} must be one of ${choices.join(', ')}`);
	}
	return value as T;
}

function text(query: URLSearchParams, name: string): { [key: string]: string } {
	const value = query.get(name);
	return value === null ? {} : { [name]: value };
}

/**
 * The body `GET /webhooks/:kind/:ids` answers: `ids` is one catalog id, or several separated by commas for `meta`.
 *
 * @example webhookBody(sandbox, "meta", "image,document", new URLSearchParams("sha256=hex"))
 */
export function webhookBody(sandbox: Sandbox, kind: string, ids: string, query: URLSearchParams): unknown {
	const list = ids.split(',').map((id) => knownMedia(sandbox, id));
	const [id = ''] = list;
	if (list.length > 1 && kind !== 'meta') {
		throw new HttpError(400, `only meta webhooks carry several media; got ${list.length} ids for ${kind}`);
	}
	const expired = isOn(query, 'expired');
	const greenApi = { expired, ...text(query, 'downloadUrl'), ...text(query, 'typeWebhook') };
	switch (kind) {
		case 'greenApi':
			return sandbox.webhooks.greenApi(id, greenApi);
		case 'notification':
			return sandbox.webhooks.notification(id, greenApi);
		case 'journal':
			return sandbox.webhooks.journal(id, greenApi);
		case 'multiSession':
			return sandbox.webhooks.multiSession(id, { expired });
		case 'meta': {
			const sha256 = choice(query, 'sha256', ['hex', 'base64'] as const);
			return sandbox.webhooks.meta(list, {
				...(sha256 === undefined ? {} : { sha256 }),
				...(isOn(query, 'withUrl') ? { withUrl: true } : {}),
				...text(query, 'text'),
				...text(query, 'caption'),
			});
		}
		case 'waha': {
			const event = choice(query, 'event', ['message', 'message.any'] as const);
			const media = choice(query, 'media', ['file', 's3', 'none', 'no-url', 'error'] as const);
			return sandbox.webhooks.waha(id, {
				expired,
				...(event === undefined ? {} : { event }),
				...(media === undefined ? {} : { media }),
				...text(query, 'caption'),
			});
		}
		case 'evolution': {
			const fileSha256 = choice(query, 'fileSha256', ['base64', 'buffer', 'indexed'] as const);
			const fileLength = choice(query, 'fileLength', ['string', 'number', 'long'] as const);
			return sandbox.webhooks.evolution(id, {
				expired,
				...(fileSha256 === undefined ? {} : { fileSha256 }),
				...(fileLength === undefined ? {} : { fileLength }),
				...(isOn(query, 'base64') ? { base64: true } : {}),
				...(isOn(query, 'mediaUrl') ? { mediaUrl: true } : {}),
				...(isOn(query, 'apikey') ? { apikey: true } : {}),
				...text(query, 'caption'),
			});
		}
		default:
			throw new HttpError(404, `unknown webhook kind "${kind}" (${webhookKinds.join(', ')})`);
	}
}
