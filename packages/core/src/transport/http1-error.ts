/** What ends an HTTP/1.1 exchange when it is not an errno of the socket: the code says which step failed. */
export class Http1Error extends Error {
	override name = 'Http1Error';
	readonly code: Http1ErrorCode;
	constructor(code: Http1ErrorCode, message: string) {
		super(message);
		this.code = code;
	}
}

export type Http1ErrorCode =
	| 'HTTP1_HEADERS_TIMEOUT'
	| 'HTTP1_BODY_TIMEOUT'
	/** The connection closed before the body's end (its length or its last chunk). */
	| 'HTTP1_BODY_CUT'
	/** The connection closed before the response's head. */
	| 'HTTP1_CLOSED'
	/** Not HTTP/1.1 as RFC 9112 frames it: a bad status line, header or chunk, or a head over 16 KiB. */
	| 'HTTP1_BAD_RESPONSE';

/** The error of an answer that is not HTTP/1.1 as RFC 9112 frames it. */
export function badResponse(message: string): Http1Error {
	return new Http1Error('HTTP1_BAD_RESPONSE', message);
}
