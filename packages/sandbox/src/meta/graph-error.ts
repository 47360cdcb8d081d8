import { randomBytes } from 'node:crypto';
import { type Exchange, sendText } from '../http/exchange.js';

/** How the Meta emulator answers one Graph error code. */
interface GraphErrorTraits {
	readonly status: number;
	readonly type: string;
	readonly message: string;
	readonly details?: string;
}

// Statuses follow Meta's advice to build on `code`, not on the status (docs/providers.md#graph-errors): the rate
// limits come with 400, so a client that maps by status alone gets them wrong.
const traits: Readonly<Record<number, GraphErrorTraits>> = {
	1: { status: 500, type: 'OAuthException', message: 'An unknown error occurred', details: 'Invalid request or possible server error.' },
	2: {
		status: 503,
		type: 'OAuthException',
		message: 'An unexpected error has occurred. Please retry your request later.',
		details: 'Temporary due to downtime or due to being overloaded.',
	},
	4: { status: 400, type: 'OAuthException', message: '(#4) Application request limit reached' },
	10: { status: 403, type: 'OAuthException', message: '(#10) Application does not have permission for this action' },
	100: { status: 400, type: 'OAuthException', message: '(#100) Invalid parameter' },
	104: { status: 401, type: 'OAuthException', message: 'An access token is required to request this resource.' },
	190: { status: 401, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' },
	200: { status: 403, type: 'OAuthException', message: '(#200) Permissions error' },
	2500: { status: 400, type: 'OAuthException', message: 'Unknown path components' },
	80007: { status: 400, type: 'OAuthException', message: '(#80007) Rate limit issues' },
	130429: { status: 400, type: 'OAuthException', message: '(#130429) Rate limit hit' },
};

/** Overrides of one Graph error answer. */
export interface GraphErrorOptions {
	readonly status?: number | undefined;
	readonly message?: string | undefined;
	readonly type?: string | undefined;
	readonly subcode?: number | undefined;
}

/**
 * The status Graph answers an error code with in the sandbox (400 for codes it has no entry for).
 *
 * @example graphErrorStatus(190) // 401
 */
export function graphErrorStatus(code: number): number {
	return traits[code]?.status ?? 400;
}

/**
 * A Graph error envelope `{error:{message,type,code,error_subcode?,error_data,fbtrace_id}}`.
 *
 * @example graphErrorBody(4).error.code // 4
 */
export function graphErrorBody(code: number, options: GraphErrorOptions = {}): { error: Record<string, unknown> } {
	const known = traits[code];
	const message = options.message ?? known?.message ?? `(#${code}) Error`;
	return {
		error: {
			message,
			type: options.type ?? known?.type ?? 'OAuthException',
			code,
			...(options.subcode === undefined ? {} : { error_subcode: options.subcode }),
			error_data: { messaging_product: 'whatsapp', details: known?.details ?? message },
			fbtrace_id: `A${randomBytes(16).toString('base64url').slice(0, 22)}`,
		},
	};
}

/**
 * Answers a Graph error as the Graph API sends it: JSON with `x-fb-trace-id`, and `WWW-Authenticate` on a 401.
 *
 * @example sendGraphError(exchange, 190)
 */
export function sendGraphError(exchange: Exchange, code: number, options: GraphErrorOptions = {}): void {
	const body = graphErrorBody(code, options);
	const status = options.status ?? graphErrorStatus(code);
	const headers: Record<string, string> = {
		'content-type': 'application/json; charset=UTF-8',
		'x-fb-trace-id': String(body.error.fbtrace_id),
	};
	if (status === 401) {
		headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${String(body.error.message).replaceAll('"', "'")}"`;
	}
	sendText(exchange, status, JSON.stringify(body), headers);
}
