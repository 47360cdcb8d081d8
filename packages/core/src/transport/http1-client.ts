import { channel } from 'node:diagnostics_channel';
import { isIP, type LookupFunction, connect as netConnect, type Socket } from 'node:net';
import { badResponse, Http1Error, type Http1ErrorCode } from './http1-error.js';
import { parseResponseHead, type ResponseHead, token } from './http1-head.js';

/**
 * Every body chunk the client receives is published here as `{ length }` (the CLI's memory bound counts them;
 * docs/transfer.md#memory). Publishing costs nothing while nobody subscribes.
 */
export const bodyChunkChannel = channel('wamedia:http1:body-chunk');

/** Pauses, resumes or ends one exchange from inside its handler. */
export interface ExchangeController {
	pause(): void;
	resume(): void;
	abort(reason: Error): void;
}

/**
 * The callbacks of one exchange, named and ordered as undici's dispatch handlers are: start, then the
 * response's head (1xx heads are skipped), its body chunk by chunk, and exactly one of end or error.
 */
export interface ExchangeHandler {
	onRequestStart(controller: ExchangeController): void;
	onResponseStart(controller: ExchangeController, status: number, headers: Record<string, string | string[]>): void;
	onResponseData(controller: ExchangeController, chunk: Buffer): void;
	onResponseEnd(controller: ExchangeController): void;
	onResponseError(controller: ExchangeController, error: Error): void;
}

/** One request: a GET, or a POST with a small body that is sent whole. */
export interface ExchangeRequest {
	url: URL;
	method: 'GET' | 'POST';
	headers: Record<string, string>;
	body: Buffer | undefined;
	/** Milliseconds to connect, and from the request's last byte to the response's whole head. */
	headersTimeout: number;
	/** Milliseconds without a body byte while the handler reads (not while it pauses). */
	bodyTimeout: number;
}

/** Options of {@link Http1Client}. */
export interface Http1ClientOptions {
	/** The most connections open at once to one origin; more requests wait for one. */
	connections: number;
	/** The connect-time lookup (the URL policy: it judges the very address connected to). */
	lookup: LookupFunction;
	/** Milliseconds an idle connection is kept for the next request (less if the server says less). */
	keepAliveTimeout: number;
}

const headLimit = 16 * 1024;

/**
 * A small HTTP/1.1 client for the media path (docs/transfer.md#the-media-connection): keep-alive connections
 * per origin, one request at a time on each, the body handed to the handler as it comes off the socket.
 * It frames responses by RFC 9112 (Content-Length, chunked, or until close) and refuses anything
 * ambiguous. It needs no module beyond Node's own.
 */
export class Http1Client {
	readonly #options: Http1ClientOptions;
	readonly #origins = new Map<string, Origin>();

	constructor(options: Http1ClientOptions) {
		this.#options = options;
	}

	/** Sends a request; the handler hears the rest. Never throws: every failure goes to `onResponseError`. */
	dispatch(request: ExchangeRequest, handler: ExchangeHandler): void {
		const key = request.url.origin;
		let origin = this.#origins.get(key);
		if (origin === undefined) {
			origin = { client: this, idle: [], open: 0, waiting: [] };
			this.#origins.set(key, origin);
		}
		new WireExchange(origin, request, handler).start();
	}

	/** Closes the idle connections (busy ones close when their exchange ends). */
	close(): void {
		for (const origin of this.#origins.values()) {
			for (const connection of origin.idle.slice()) connection.destroy();
		}
	}

	/** An idle connection to the origin, a new one when the limit allows, else undefined (the exchange waits). */
	connection(origin: Origin, url: URL): Connection | undefined {
		for (let idle = origin.idle.pop(); idle !== undefined; idle = origin.idle.pop()) {
			if (idle.open()) return idle;
			idle.destroy();
		}
		if (origin.open >= this.#options.connections) return undefined;
		return new Connection(this.#options, origin, url);
	}
}

interface Origin {
	client: Http1Client;
	idle: Connection[];
	open: number;
	waiting: WireExchange[];
}

/** One socket to one origin, counted in the origin's `open` while it lives; it carries one exchange at a time. */
class Connection {
	readonly socket: Socket;
	/** The exchange on it; bytes that come with none (on an idle connection) close it. */
	exchange: WireExchange | undefined;
	/** Whether it carried an exchange before: the server may have closed it meanwhile. */
	reused = false;
	readonly #origin: Origin;
	#closed = false;
	#idleTimer: NodeJS.Timeout | undefined;
	#keepAlive: number;

	constructor(options: Http1ClientOptions, origin: Origin, url: URL) {
		this.#origin = origin;
		this.#keepAlive = options.keepAliveTimeout;
		const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
		// An IPv6 literal comes bracketed in a URL; the socket wants it bare, and TLS names no address.
		const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
		const connect = { host, port, lookup: options.lookup, noDelay: true };
		// node:tls is loaded by the first https connection: a batch of plain-http links never pays for it.
		this.socket =
			url.protocol === 'https:'
				? process
						.getBuiltinModule('node:tls')
						.connect({ ...connect, ...(isIP(host) === 0 ? { servername: host } : {}), ALPNProtocols: ['http/1.1'] })
				: netConnect(connect);
		origin.open++;
		this.socket.on('data', (chunk: Buffer) => {
			if (this.exchange === undefined) this.destroy();
			else this.exchange.read(chunk);
		});
		this.socket.on('end', () => this.exchange?.closed());
		this.socket.on('error', (error) => this.exchange?.fail(error));
		this.socket.on('close', () => {
			this.#gone();
			this.exchange?.closed();
		});
	}

	/** Still open and not half-closed by the server. */
	open(): boolean {
		return !this.#closed && this.socket.readable;
	}

	/** Gives the connection to an exchange. */
	carry(exchange: WireExchange): void {
		clearTimeout(this.#idleTimer);
		this.exchange = exchange;
		this.socket.ref();
		this.socket.resume();
	}

	/** Ends the exchange's hold: the connection goes to the next waiting exchange, to the idle list, or is closed. */
	release(reusable: boolean): void {
		this.exchange = undefined;
		if (!reusable || !this.open()) {
			this.destroy();
			this.#origin.waiting.shift()?.start();
			return;
		}
		this.reused = true;
		const next = this.#origin.waiting.shift();
		if (next !== undefined) {
			next.startOn(this);
			return;
		}
		this.socket.unref();
		// Flowing while idle, so that a close or stray bytes from the server are seen at once.
		this.socket.resume();
		this.#origin.idle.push(this);
		this.#idleTimer = setTimeout(() => this.destroy(), this.#keepAlive);
		this.#idleTimer.unref();
	}

	/** The server's idle limit from its Keep-Alive header, a second less (it may close right at the mark). */
	keepAliveHint(seconds: number | undefined): void {
		if (seconds !== undefined) this.#keepAlive = Math.min(this.#keepAlive, Math.max(0, seconds * 1000 - 1000));
	}

	destroy(): void {
		this.socket.destroy();
		this.#gone();
	}

	#gone(): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#idleTimer);
		this.#origin.open--;
		const index = this.#origin.idle.indexOf(this);
		if (index >= 0) this.#origin.idle.splice(index, 1);
	}
}

type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked'; reader: ChunkedReader } | { kind: 'close' } | { kind: 'none' };

/**
 * One request and its response on the wire: writes the request, parses the answer, drives the handler (for the
 * media path, media-exchange.ts's Exchange, which turns these callbacks into a MediaResponse).
 */
class WireExchange implements ExchangeController {
	readonly #origin: Origin;
	readonly #request: ExchangeRequest;
	readonly #handler: ExchangeHandler;
	#text = '';
	#connection: Connection | undefined;
	#finished = false;
	#paused = false;
	/** The bytes of a head that spans reads. */
	#head: Buffer | undefined;
	#response: ResponseHead | undefined;
	#framing: Framing = { kind: 'none' };
	/** Bytes came past the response's end: the connection is out of step with the server. */
	#spoilt = false;
	#timer: NodeJS.Timeout | undefined;
	#received = false;
	#retried = false;

	constructor(origin: Origin, request: ExchangeRequest, handler: ExchangeHandler) {
		this.#origin = origin;
		this.#request = request;
		this.#handler = handler;
	}

	start(): void {
		if (this.#text === '') {
			this.#handler.onRequestStart(this);
			if (this.#finished) return;
			try {
				this.#text = requestText(this.#request);
			} catch (error) {
				this.fail(error as Error);
				return;
			}
		}
		let connection: Connection | undefined;
		try {
			connection = this.#origin.client.connection(this.#origin, this.#request.url);
		} catch (error) {
			// Options the socket refuses outright (no lookup or connect happened): the exchange's error.
			this.fail(error as Error);
			return;
		}
		if (connection === undefined) this.#origin.waiting.push(this);
		else this.startOn(connection);
	}

	startOn(connection: Connection): void {
		this.#connection = connection;
		connection.carry(this);
		const { socket } = connection;
		if (socket.connecting) {
			this.#arm('HTTP1_HEADERS_TIMEOUT', `No connection within ${this.#request.headersTimeout} ms`, this.#request.headersTimeout);
			socket.once(this.#request.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => this.#sent());
		}
		socket.write(this.#text, 'latin1');
		if (this.#request.body !== undefined) socket.write(this.#request.body);
		if (!socket.connecting) this.#sent();
	}

	pause(): void {
		this.#paused = true;
		this.#connection?.socket.pause();
		if (this.#response !== undefined) this.#disarm();
	}

	resume(): void {
		if (!this.#paused || this.#finished) return;
		this.#paused = false;
		if (this.#response !== undefined) this.#armBody();
		this.#connection?.socket.resume();
	}

	abort(reason: Error): void {
		this.fail(reason);
	}

	read(chunk: Buffer): void {
		this.#received = true;
		let rest: Buffer | undefined = chunk;
		while (rest !== undefined && rest.length > 0 && !this.#finished) {
			rest = this.#response === undefined ? this.#readHead(rest) : this.#readBody(rest);
		}
	}

	/** The socket ended or closed: the end of a body read until close, else a cut. */
	closed(): void {
		if (this.#finished) return;
		if (this.#response !== undefined && this.#framing.kind === 'close') this.#end();
		else if (this.#mayRetry()) this.#retry();
		else if (this.#response === undefined) this.fail(new Http1Error('HTTP1_CLOSED', 'The server closed the connection before answering'));
		else this.fail(new Http1Error('HTTP1_BODY_CUT', 'The server closed the connection before the end of the body'));
	}

	fail(error: Error): void {
		if (this.#finished) return;
		if (isReset(error) && this.#mayRetry()) {
			this.#retry();
			return;
		}
		this.#finished = true;
		this.#detach(false);
		this.#handler.onResponseError(this, error);
	}

	/** The request is out: the head must come within headersTimeout. */
	#sent(): void {
		if (this.#finished || this.#response !== undefined) return;
		this.#arm('HTTP1_HEADERS_TIMEOUT', `No response head within ${this.#request.headersTimeout} ms`, this.#request.headersTimeout);
	}

	#armBody(): void {
		this.#arm('HTTP1_BODY_TIMEOUT', `No body byte within ${this.#request.bodyTimeout} ms`, this.#request.bodyTimeout);
	}

	#arm(code: Http1ErrorCode, message: string, milliseconds: number): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.fail(new Http1Error(code, message)), milliseconds);
	}

	#disarm(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	/** Collects the head; once whole, starts the response and returns the bytes after it. */
	#readHead(chunk: Buffer): Buffer | undefined {
		const seen = this.#head === undefined ? chunk : Buffer.concat([this.#head, chunk]);
		// The blank line may straddle two reads: search from just before the new bytes.
		const end = seen.indexOf('\r\n\r\n', Math.max(0, seen.length - chunk.length - 3), 'latin1');
		if (end < 0 || end > headLimit) {
			if (seen.length > headLimit) this.fail(badResponse('The response head is over 16 KiB'));
			else this.#head = seen;
			return undefined;
		}
		this.#head = undefined;
		const rest = seen.subarray(end + 4);
		let head: ResponseHead;
		try {
			head = parseResponseHead(seen.toString('latin1', 0, end));
			if (head.status === 101) throw badResponse('The server switched protocols');
			if (head.status < 200) return rest;
			this.#framing = frame(head, this.#request.method);
		} catch (error) {
			this.fail(error as Error);
			return undefined;
		}
		this.#response = head;
		this.#connection?.keepAliveHint(head.keepAliveSeconds);
		this.#armBody();
		this.#handler.onResponseStart(this, head.status, head.headers);
		if (this.#framing.kind === 'none' || (this.#framing.kind === 'length' && this.#framing.remaining === 0)) {
			this.#spoilt = rest.length > 0;
			this.#end();
			return undefined;
		}
		return rest;
	}

	/** Hands body bytes over as the framing delimits them. */
	#readBody(chunk: Buffer): undefined {
		if (!this.#paused) this.#timer?.refresh();
		const framing = this.#framing;
		if (framing.kind === 'length') {
			const piece = chunk.length <= framing.remaining ? chunk : chunk.subarray(0, framing.remaining);
			framing.remaining -= piece.length;
			this.#deliver(piece);
			if (framing.remaining === 0) {
				this.#spoilt = piece.length < chunk.length;
				this.#end();
			}
		} else if (framing.kind === 'chunked') {
			try {
				if (framing.reader.read(chunk, (piece) => this.#deliver(piece))) {
					this.#spoilt = framing.reader.extra;
					this.#end();
				}
			} catch (error) {
				this.fail(error as Error);
			}
		} else {
			this.#deliver(chunk);
		}
		return undefined;
	}

	#deliver(piece: Buffer): void {
		if (this.#finished || piece.length === 0) return;
		if (bodyChunkChannel.hasSubscribers) bodyChunkChannel.publish({ length: piece.length });
		this.#handler.onResponseData(this, piece);
	}

	#end(): void {
		if (this.#finished) return;
		this.#finished = true;
		const keep = !this.#spoilt && this.#response?.keepAlive === true && this.#framing.kind !== 'close';
		this.#detach(keep);
		this.#handler.onResponseEnd(this);
	}

	/** A reused connection that failed before any answer: the server closed it as the request went out. */
	#mayRetry(): boolean {
		return !this.#received && !this.#retried && this.#connection?.reused === true;
	}

	#retry(): void {
		this.#retried = true;
		this.#detach(false);
		this.start();
	}

	#detach(reusable: boolean): void {
		this.#disarm();
		const connection = this.#connection;
		this.#connection = undefined;
		if (connection !== undefined) connection.release(reusable);
		else if (this.#origin.waiting.includes(this)) this.#origin.waiting.splice(this.#origin.waiting.indexOf(this), 1);
	}
}

function isReset(error: Error): boolean {
	const code = (error as { code?: unknown }).code;
	return code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * The request's head. A header value with CR, LF or NUL could write headers of its own: it is refused, and
 * the error names the header, never its value (it may be a credential).
 */
function requestText({ url, method, headers, body }: ExchangeRequest): string {
	let text = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n`;
	for (const name in headers) {
		const value = headers[name] as string;
		if (!token.test(name) || /[\r\n\0]/.test(value)) throw new TypeError(`The request header ${name} is not valid`);
		text += `${name}: ${value}\r\n`;
	}
	if (body !== undefined) text += `content-length: ${body.length}\r\n`;
	return `${text}\r\n`;
}

/** How the body is delimited (RFC 9112 §6.3); both Content-Length and Transfer-Encoding at once are refused. */
function frame(head: ResponseHead, method: string): Framing {
	if (method === 'HEAD' || head.status === 204 || head.status === 304) return { kind: 'none' };
	const { transferEncoding, contentLength } = head;
	if (transferEncoding !== undefined) {
		if (contentLength !== undefined) throw badResponse('The response has both Content-Length and Transfer-Encoding');
		const codings = transferEncoding.toLowerCase().split(',');
		return codings[codings.length - 1]?.trim() === 'chunked' ? { kind: 'chunked', reader: new ChunkedReader() } : { kind: 'close' };
	}
	return contentLength === undefined ? { kind: 'close' } : { kind: 'length', remaining: contentLength };
}

/**
 * Reads a chunked body (RFC 9112 §7.1): sizes in hex, extensions and trailers skipped. A size line holds at
 * most 256 bytes and the trailers 16 KiB together, so that no endless framing can pass for a body.
 */
class ChunkedReader {
	#state: 'size' | 'data' | 'data-end' | 'trailer' = 'size';
	#line = '';
	#remaining = 0;
	#trailers = 0;
	/** Bytes came after the body's end. */
	extra = false;

	/** Feeds a read; `deliver` gets the data; true at the body's end. */
	read(chunk: Buffer, deliver: (piece: Buffer) => void): boolean {
		let at = 0;
		while (at < chunk.length) {
			if (this.#state === 'data') {
				const take = Math.min(this.#remaining, chunk.length - at);
				deliver(chunk.subarray(at, at + take));
				at += take;
				this.#remaining -= take;
				if (this.#remaining === 0) this.#state = 'data-end';
				continue;
			}
			const newline = chunk.indexOf(10, at);
			const end = newline < 0 ? chunk.length : newline + 1;
			this.#line += chunk.toString('latin1', at, end);
			at = end;
			if (this.#line.length > (this.#state === 'trailer' ? headLimit - this.#trailers : 256))
				throw badResponse('A chunked body has framing that is too long');
			if (newline < 0) return false;
			if (!this.#line.endsWith('\r\n')) throw badResponse('A chunked body has a line without CR LF');
			const line = this.#line.slice(0, -2);
			this.#line = '';
			if (this.#state === 'data-end') {
				if (line !== '') throw badResponse('A chunk is longer than its size');
				this.#state = 'size';
			} else if (this.#state === 'size') {
				const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line);
				if (size === null) throw badResponse('A chunk size is not hexadecimal');
				this.#remaining = Number.parseInt(size[1] as string, 16);
				this.#state = this.#remaining === 0 ? 'trailer' : 'data';
			} else if (line === '') {
				this.extra = at < chunk.length;
				return true;
			} else {
				this.#trailers += line.length + 2;
			}
		}
		return false;
	}
}
