import { WamediaError } from '../errors/wamedia-error.js';

// Green-API accepts 'phone_number@c.us' and 'group_id@g.us' (docs/green-api.md#common-errors).
// The bare numeric ids of Green-API's MAX messenger (v3) are not WhatsApp chats and are refused.
const chatIdPattern = /^(?:\d{5,20}@c\.us|[\w-]{5,64}@g\.us)$/;
// WhatsApp ids are hex-like (`BAE5…`, 20–32+ chars); MAX ids are numeric strings.
const idMessagePattern = /^[\w-]{6,128}$/;
const idInstancePattern = /^\d{1,12}$/;

function invalid(message: string, hint: string, field: string): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint, details: { field } });
}

/** Throws INVALID_INPUT unless `chatId` has a shape Green-API accepts. */
export function validateChatId(chatId: unknown): string {
	if (typeof chatId !== 'string' || !chatIdPattern.test(chatId.trim())) {
		throw invalid(
			`Invalid chatId: ${JSON.stringify(String(chatId)).slice(0, 80)}`,
			"Use '<phone digits>@c.us' for a person (79001234567@c.us) or '<group id>@g.us' for a group.",
			'chatId',
		);
	}
	return chatId.trim();
}

/** Throws INVALID_INPUT unless `idMessage` looks like a message id. */
export function validateIdMessage(idMessage: unknown): string {
	if (typeof idMessage !== 'string' || !idMessagePattern.test(idMessage.trim())) {
		throw invalid(
			`Invalid idMessage: ${JSON.stringify(String(idMessage)).slice(0, 80)}`,
			'Pass the idMessage from the incoming webhook or journal (for example BAE5F4886F6F2D05).',
			'idMessage',
		);
	}
	return idMessage.trim();
}

/** Throws INVALID_INPUT unless `idInstance` is 1–12 digits. */
export function validateIdInstance(idInstance: unknown): string {
	const text = typeof idInstance === 'number' ? String(idInstance) : idInstance;
	if (typeof text !== 'string' || !idInstancePattern.test(text.trim())) {
		throw invalid(
			'Invalid idInstance: it must be the instance number',
			'Copy idInstance from the Green-API console (digits only, for example 7103000000).',
			'idInstance',
		);
	}
	return text.trim();
}

/** Parses an absolute http(s) URL, or throws INVALID_INPUT naming the field. */
function validateUrl(value: unknown, field: string): URL {
	let url: URL | undefined;
	try {
		url = typeof value === 'string' ? new URL(value.trim()) : undefined;
	} catch {
		url = undefined;
	}
	if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw invalid(`Invalid ${field}: it must be an absolute http(s) URL`, `Pass ${field} like https://host/path.`, field);
	}
	return url;
}

/**
 * Parses a configured server address (`apiUrl`, `serverUrl`): an absolute http(s) URL without user
 * info, query or fragment — request paths are appended to it, so a `?` or `#` would carry them (and a
 * token in them) elsewhere, and credentials belong in their own settings. Throws INVALID_INPUT naming
 * the field; the message never repeats the URL.
 *
 * @example
 * validateServerUrl('https://7103.api.greenapi.com', 'apiUrl') // URL
 * validateServerUrl('https://7103.api.greenapi.com?x=1', 'apiUrl') // throws INVALID_INPUT
 */
export function validateServerUrl(value: unknown, field: string): URL {
	const url = validateUrl(value, field);
	const hint = `Pass ${field} as the scheme, host and optional path only, such as https://host or https://host/path.`;
	if (url.username !== '' || url.password !== '') {
		throw invalid(`Invalid ${field}: it must not contain a user name or password`, hint, field);
	}
	// An empty `?` or `#` does not show in `search` or `hash`, but still ends the path.
	if (url.href.includes('?')) throw invalid(`Invalid ${field}: it must not contain a query (?…)`, hint, field);
	if (url.href.includes('#')) throw invalid(`Invalid ${field}: it must not contain a fragment (#…)`, hint, field);
	return url;
}

/** Throws INVALID_INPUT naming the field unless a secret (token, key) is a non-empty string; never shows it. */
export function validateSecret(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalid(`Invalid option ${field}: expected a non-empty string`, `Set ${field}.`, field);
	}
	return value.trim();
}

// One path segment or query value: no separators, no percent escapes, no white space or control characters.
const identifierPattern = /^[^\s/?#%\\\u0000-\u001f\u007f]{1,256}$/u;

/**
 * Throws INVALID_INPUT naming the field unless `value` is an id or name that can stand as one segment of a
 * gateway's path (a Meta media id, a WAHA session or message id, an Evolution instance or message id).
 *
 * @example validateIdentifier('1234567890123456', 'mediaId', 'Pass the id of the media object of the webhook.')
 */
export function validateIdentifier(value: unknown, field: string, hint: string): string {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || !identifierPattern.test(text.trim())) {
		throw invalid(`Invalid ${field}: ${JSON.stringify(String(text ?? '')).slice(0, 80)}`, hint, field);
	}
	return text.trim();
}
