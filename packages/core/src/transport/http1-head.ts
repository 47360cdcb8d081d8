import { badResponse } from './http1-error.js';

/** A response's status line and header fields, and what they say about the body and the connection. */
export interface ResponseHead {
	status: number;
	/** Lower-case names; a repeated field's values in an array. */
	headers: Record<string, string | string[]>;
	/** Whether the connection may carry the next request (HTTP/1.1 without `Connection: close`, or 1.0 with keep-alive). */
	keepAlive: boolean;
	/** The `timeout` parameter of a `Keep-Alive` header, in seconds. */
	keepAliveSeconds: number | undefined;
	contentLength: number | undefined;
	transferEncoding: string | undefined;
}

const statusLine = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: [^\0-\x08\x0a-\x1f\x7f]*)?$/;
/** A field name (RFC 9110 §5.1): a token. */
export const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values may hold visible characters, spaces, tabs and obs-text (RFC 9110 §5.5), nothing else.
const badValue = /[\0-\x08\x0a-\x1f\x7f]/;

/**
 * Parses a response head (without its blank line) as RFC 9112 §2–§6 has it, refusing what a lenient parser
 * would guess at: folded lines, a bad name or value, a Content-Length that is not one number.
 */
export function parseResponseHead(text: string): ResponseHead {
	const lines = text.split('\r\n');
	const status = statusLine.exec(lines[0] ?? '');
	if (status === null) throw badResponse('The status line is not HTTP/1.x');
	// No prototype: a server's `__proto__` or `constructor` header is a header like any other.
	const headers: Record<string, string | string[]> = Object.create(null);
	for (let index = 1; index < lines.length; index++) {
		const line = lines[index] as string;
		const colon = line.indexOf(':');
		const name = colon < 0 ? '' : line.slice(0, colon);
		if (!token.test(name)) throw badResponse('A header line is malformed');
		const value = line.slice(colon + 1).trim();
		if (badValue.test(value)) throw badResponse('A header value holds a control character');
		const key = name.toLowerCase();
		const before = headers[key];
		if (before === undefined) headers[key] = value;
		else if (Array.isArray(before)) before.push(value);
		else headers[key] = [before, value];
	}
	const connection = list(headers.connection);
	const minor = status[1];
	const keepAlive = minor === '1' ? !connection.includes('close') : connection.includes('keep-alive');
	const timeout = /(?:^|[,;\s])timeout=(\d{1,6})\b/i.exec(joined(headers['keep-alive']) ?? '');
	return {
		status: Number(status[2]),
		headers,
		keepAlive,
		keepAliveSeconds: timeout === null ? undefined : Number(timeout[1]),
		contentLength: contentLength(headers['content-length']),
		transferEncoding: joined(headers['transfer-encoding']),
	};
}

/** One length, even when a proxy repeated it (`10, 10` or two fields); differing or non-numeric ones are refused. */
function contentLength(field: string | string[] | undefined): number | undefined {
	if (field === undefined) return undefined;
	const values = new Set(list(field));
	const [value] = values;
	if (values.size !== 1 || value === undefined || !/^\d{1,15}$/.test(value))
		throw badResponse('The Content-Length header is not one number');
	return Number(value);
}

function joined(field: string | string[] | undefined): string | undefined {
	return Array.isArray(field) ? field.join(', ') : field;
}

function list(field: string | string[] | undefined): string[] {
	return (joined(field) ?? '')
		.split(',')
		.map((item) => item.trim().toLowerCase())
		.filter((item) => item !== '');
}
