import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { lookup as dnsLookup } from 'node:dns';
import { readFileSync } from 'node:fs';
import { createServer, type LookupFunction, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer as createTlsServer, getCACertificates, setDefaultCACertificates, type TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExchangeController, Http1Client, type Http1ClientOptions } from '../src/transport/http1-client.js';

/** A loopback server that answers each request with what `answer` writes on the raw socket. */
interface Scripted {
	url: (path?: string) => URL;
	/** Connections accepted so far. */
	connections: number;
	/** Request heads received, in order. */
	requests: string[];
	/** For each request, the TLS server name its connection asked for (https only). */
	servernames: (string | false | null)[];
}

const certificate = readFileSync(new URL('./fixtures/tls-cert.pem', import.meta.url), 'utf8');
const key = readFileSync(new URL('./fixtures/tls-key.pem', import.meta.url), 'utf8');

const servers: Server[] = [];
const clients: Http1Client[] = [];

afterEach(async () => {
	for (const client of clients.splice(0)) client.close();
	await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function scripted(
	answer: (socket: Socket, index: number, onConnection: number) => void,
	{ host = '127.0.0.1', tls = false } = {},
): Promise<Scripted> {
	const state: Scripted = { url: () => new URL('http://x'), connections: 0, requests: [], servernames: [] };
	const onConnection = (socket: Socket) => {
		state.connections++;
		let exchanges = 0;
		let pending = '';
		socket.on('error', () => {});
		socket.on('data', (data) => {
			pending += data.toString('latin1');
			for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
				state.requests.push(pending.slice(0, end));
				if (tls) state.servernames.push((socket as TLSSocket).servername);
				pending = pending.slice(end + 4);
				answer(socket, state.requests.length - 1, exchanges++);
			}
		});
	};
	const server = tls ? createTlsServer({ key, cert: certificate }, onConnection) : createServer(onConnection);
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as { port: number };
	const scheme = tls ? 'https' : 'http';
	const origin = host.includes(':') ? `${scheme}://[${host}]:${port}` : `${scheme}://${host}:${port}`;
	state.url = (path = '/file') => new URL(path, origin);
	return state;
}

function client(options: Partial<Http1ClientOptions> = {}): Http1Client {
	const made = new Http1Client({ connections: 4, lookup: dnsLookup as LookupFunction, keepAliveTimeout: 4_000, ...options });
	clients.push(made);
	return made;
}

interface Answer {
	status: number;
	headers: Record<string, string | string[]>;
	body: string;
}

/** One exchange; `onData` may pause, resume or abort through the controller. */
function exchange(
	http: Http1Client,
	url: URL,
	options: {
		headers?: Record<string, string>;
		headersTimeout?: number;
		bodyTimeout?: number;
		onData?: (controller: ExchangeController, chunk: Buffer) => void;
	} = {},
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let status = 0;
		let headers: Record<string, string | string[]> = {};
		http.dispatch(
			{
				url,
				method: 'GET',
				headers: options.headers ?? {},
				body: undefined,
				headersTimeout: options.headersTimeout ?? 10_000,
				bodyTimeout: options.bodyTimeout ?? 10_000,
			},
			{
				onRequestStart: () => {},
				onResponseStart: (_controller, code, fields) => {
					status = code;
					headers = fields;
				},
				onResponseData: (controller, chunk) => {
					chunks.push(chunk);
					options.onData?.(controller, chunk);
				},
				onResponseEnd: () => resolve({ status, headers, body: Buffer.concat(chunks).toString('latin1') }),
				onResponseError: (_controller, error) => reject(error),
			},
		);
	});
}

const ok = (body: string, extra = '') => `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n${extra}\r\n${body}`;

/** Writes the pieces one event-loop turn apart, so that they arrive as separate reads. */
function dribble(socket: Socket, pieces: string[]): void {
	const [first, ...rest] = pieces;
	if (first === undefined) return;
	socket.write(first, 'latin1');
	setTimeout(() => dribble(socket, rest), 5);
}

describe('Http1Client', () => {
	it('reads a Content-Length body, then a chunked one with extensions and trailers, on one kept connection', async () => {
		const server = await scripted((socket, index) => {
			if (index === 0) socket.write(ok('first body', 'etag: "a"\r\n'));
			else
				dribble(socket, [
					'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n5;name=val',
					'ue\r\nhello\r\n',
					'1\r\n \r\n6\r\nwor',
					'ld!\r\n0\r\nx-trailer: 1\r\n\r\n',
				]);
		});
		const http = client();
		const first = await exchange(http, server.url());
		expect(first).toMatchObject({ status: 200, body: 'first body', headers: { etag: '"a"', 'content-length': '10' } });
		const second = await exchange(http, server.url('/second?x=1'));
		expect(second.body).toBe('hello world!');
		expect(second.headers['set-cookie']).toEqual(['a=1', 'b=2']);
		expect(server.connections).toBe(1);
		expect(server.requests[1]).toMatch(/^GET \/second\?x=1 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+$/);
	});

	it('keeps a header named like an object property as a header', async () => {
		const server = await scripted((socket) => socket.write(ok('abc', '__proto__: x\r\n__proto__: y\r\nconstructor: z\r\n')));
		const { headers } = await exchange(client(), server.url());
		expect(Object.getPrototypeOf(headers)).toBeNull();
		const proto = '__proto__';
		expect(headers[proto]).toEqual(['x', 'y']);
		expect(headers.constructor).toBe('z');
		expect(headers.etag).toBeUndefined();
	});

	it('skips 1xx heads and reads a head that spans reads', async () => {
		const server = await scripted((socket) =>
			dribble(socket, [
				'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTT',
				'P/1.1 200 OK\r\ncontent-le',
				'ngth: 3\r\n',
				'\r\nabc',
			]),
		);
		expect(await exchange(client(), server.url())).toMatchObject({ status: 200, body: 'abc' });
	});

	it('accepts a repeated equal Content-Length and refuses every ambiguous or broken response', async () => {
		const long = 'x'.repeat(17 * 1024);
		const broken = [
			'HTTP/1.1 200 OK\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
			'HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\nabcd',
			'HTTP/1.1 200 OK\r\ncontent-length: 3, 4\r\n\r\nabcd',
			'HTTP/1.1 200 OK\r\ncontent-length: -3\r\n\r\nabc',
			'HTTP/2 200 OK\r\ncontent-length: 3\r\n\r\nabc',
			'HTTP/1.1 20 OK\r\ncontent-length: 3\r\n\r\nabc',
			'HTTP/1.1 200 OK\r\ncontent-length: 3\r\n folded\r\n\r\nabc',
			'HTTP/1.1 200 OK\r\nbad header: 1\r\ncontent-length: 3\r\n\r\nabc',
			'HTTP/1.1 200 OK\r\nx-a: a\x01b\r\ncontent-length: 3\r\n\r\nabc',
			'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
			'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n',
			'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n',
			`HTTP/1.1 200 OK\r\nx-long: ${long}\r\ncontent-length: 3\r\n\r\nabc`,
			`HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;${long}\r\nabc\r\n0\r\n\r\n`,
			`HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;${'e'.repeat(300)}\r\nabc\r\n0\r\n\r\n`,
			`HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n${'x-trailer: 1\r\n'.repeat(1500)}\r\n`,
			'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n',
		];
		const server = await scripted((socket, index) => {
			socket.end(index < broken.length ? (broken[index] as string) : ok('abc').replace('content-length: 3', 'content-length: 3, 3'));
		});
		for (const _ of broken) {
			await expect(exchange(client(), server.url())).rejects.toMatchObject({ code: 'HTTP1_BAD_RESPONSE' });
		}
		expect(await exchange(client(), server.url())).toMatchObject({ body: 'abc' });
	});

	it('reads a body until close, and tells a body cut short and a close before the head apart', async () => {
		const server = await scripted((socket, index) => {
			if (index === 0) socket.end('HTTP/1.0 200 OK\r\n\r\nuntil the end');
			else if (index === 1) socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly part');
			else if (index === 2) socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n');
			else socket.end();
		});
		const http = client();
		expect(await exchange(http, server.url())).toMatchObject({ body: 'until the end' });
		await expect(exchange(http, server.url())).rejects.toMatchObject({ code: 'HTTP1_BODY_CUT' });
		await expect(exchange(http, server.url())).rejects.toMatchObject({ code: 'HTTP1_BODY_CUT' });
		await expect(exchange(http, server.url())).rejects.toMatchObject({ code: 'HTTP1_CLOSED' });
		expect(server.connections).toBe(4);
	});

	it('does not reuse a connection the server closes, nor one that sent bytes past the body', async () => {
		const server = await scripted((socket, index) => {
			if (index === 0) socket.write(ok('one', 'connection: close\r\n'));
			else if (index === 1) socket.write(`${ok('two')}HTTP/1.1 200 OK\r\n`);
			else socket.write(ok('three'));
		});
		const http = client();
		for (const body of ['one', 'two', 'three', 'three']) expect((await exchange(http, server.url())).body).toBe(body);
		expect(server.connections).toBe(3);
	});

	it("keeps an idle connection no longer than the server's Keep-Alive timeout allows", async () => {
		// timeout=1 leaves no time once the second of margin is taken: the connection closes as it goes idle.
		const server = await scripted((socket, index) => socket.write(ok('kept', index < 2 ? '' : 'keep-alive: timeout=1\r\n')));
		const http = client();
		for (let round = 0; round < 4; round++) {
			expect((await exchange(http, server.url())).body).toBe('kept');
			await sleep(20);
		}
		// The first three answers share one connection; the third's header closes it as it goes idle, so the
		// fourth needs a new one (without the hint all four would share one).
		expect(server.connections).toBe(2);
	});

	it('reports every body byte on its diagnostics channel', async () => {
		const body = 'x'.repeat(100_000);
		const server = await scripted((socket) => socket.write(ok(body)));
		let reported = 0;
		const count = (message: unknown) => {
			reported += (message as { length: number }).length;
		};
		subscribe('wamedia:http1:body-chunk', count);
		try {
			expect((await exchange(client(), server.url())).body).toBe(body);
		} finally {
			unsubscribe('wamedia:http1:body-chunk', count);
		}
		expect(reported).toBe(body.length);
	});

	it('sends the request again on a new connection when the server dropped the kept one as it went out', async () => {
		const server = await scripted((socket, _index, onConnection) => {
			if (onConnection === 0) socket.write(ok('fresh'));
			else socket.destroy();
		});
		const http = client();
		expect((await exchange(http, server.url())).body).toBe('fresh');
		expect((await exchange(http, server.url())).body).toBe('fresh');
		expect(server.requests).toHaveLength(3);
		expect(server.connections).toBe(2);
	});

	it('times out a head and a stalled body, but not a body its reader has paused', async () => {
		const server = await scripted((socket, index) => {
			if (index === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc');
			else if (index === 2) dribble(socket, ['HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n01234', '56789']);
		});
		const http = client();
		await expect(exchange(http, server.url(), { headersTimeout: 50 })).rejects.toMatchObject({ code: 'HTTP1_HEADERS_TIMEOUT' });
		await expect(exchange(http, server.url(), { bodyTimeout: 50 })).rejects.toMatchObject({ code: 'HTTP1_BODY_TIMEOUT' });
		const paused = await exchange(http, server.url(), {
			bodyTimeout: 100,
			onData: (controller) => {
				controller.pause();
				setTimeout(() => controller.resume(), 300);
			},
		});
		expect(paused.body).toBe('0123456789');
	});

	it('ends an exchange its reader aborts, with the reader’s error, and does not reuse its connection', async () => {
		const server = await scripted((socket) => dribble(socket, ['HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nabc', 'def']));
		const http = client();
		const reason = new Error('enough');
		await expect(exchange(http, server.url(), { onData: (controller) => controller.abort(reason) })).rejects.toBe(reason);
		expect((await exchange(http, server.url())).body).toBe('abcdef');
		expect(server.connections).toBe(2);
	});

	it('refuses a request header that could end its line, naming the header but not its value', async () => {
		const server = await scripted((socket) => socket.write(ok('never')));
		const error = await exchange(client(), server.url(), { headers: { authorization: 'Bearer s3cr3t\r\nx-evil: 1' } }).catch(
			(caught: Error) => caught,
		);
		expect(String(error)).toMatch(/authorization/);
		expect(String(error)).not.toMatch(/s3cr3t/);
		expect(server.connections).toBe(0);
	});

	it('queues requests beyond its connections per origin and serves them in turn', async () => {
		const server = await scripted((socket, index) => setTimeout(() => socket.write(ok(`body ${index}`)), 10));
		const http = client({ connections: 1 });
		const bodies = await Promise.all([1, 2, 3].map(() => exchange(http, server.url())));
		expect(bodies.map((answer) => answer.body).sort()).toEqual(['body 0', 'body 1', 'body 2']);
		expect(server.connections).toBe(1);
	});

	it('connects through the lookup it is given, and ends with the lookup’s refusal', async () => {
		const server = await scripted((socket) => socket.write(ok('named')));
		const asked: string[] = [];
		const resolving: LookupFunction = (hostname, _options, callback) => {
			asked.push(hostname);
			callback(null, [{ address: '127.0.0.1', family: 4 }] as never, 4);
		};
		const named = new URL(server.url().href.replace('127.0.0.1', 'media.example'));
		expect((await exchange(client({ lookup: resolving }), named)).body).toBe('named');
		expect(asked).toEqual(['media.example']);
		expect(server.requests[0]).toContain(`host: media.example:${named.port}`);
		const refusal = new Error('refused by policy');
		const refusing: LookupFunction = (_hostname, _options, callback) => callback(refusal, '', 4);
		await expect(exchange(client({ lookup: refusing }), named)).rejects.toBe(refusal);
		expect(server.connections).toBe(1);
	});

	it('ends with an error, not a throw, when the socket refuses its options', async () => {
		const errors: Error[] = [];
		const request = { url: new URL('http://media.example/file'), method: 'GET' as const, headers: {}, body: undefined };
		const handler = { onRequestStart() {}, onResponseStart() {}, onResponseData() {}, onResponseEnd() {} };
		const dispatch = () =>
			client({ lookup: 'not a function' as never }).dispatch(
				{ ...request, headersTimeout: 1_000, bodyTimeout: 1_000 },
				{ ...handler, onResponseError: (_controller, error) => errors.push(error) },
			);
		expect(dispatch).not.toThrow();
		expect(errors).toMatchObject([{ code: 'ERR_INVALID_ARG_TYPE' }]);
	});

	it('reaches an IPv6 literal', async (context) => {
		const server = await scripted((socket) => socket.write(ok('six')), { host: '::1' }).catch(() => undefined);
		if (server === undefined) return context.skip();
		expect((await exchange(client(), server.url())).body).toBe('six');
	});

	it('speaks TLS to an https origin: names the host, checks the certificate, keeps the connection', async () => {
		const server = await scripted((socket) => socket.write(ok('secret bytes')), { tls: true });
		const named = new URL(server.url().href.replace('127.0.0.1', 'media.example'));
		const lookup: LookupFunction = (_hostname, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }] as never, 4);
		await expect(exchange(client({ lookup }), named)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
		const defaults = getCACertificates('default');
		setDefaultCACertificates([...defaults, certificate]);
		try {
			const http = client({ lookup });
			expect((await exchange(http, named)).body).toBe('secret bytes');
			expect((await exchange(http, named)).body).toBe('secret bytes');
			expect((await exchange(http, server.url())).body).toBe('secret bytes');
			// A certificate for other names is refused even when trusted.
			const other = new URL(named.href.replace('media.example', 'other.example'));
			await expect(exchange(http, other)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
		} finally {
			setDefaultCACertificates(defaults);
		}
		// A named host is sent for SNI, an address is not.
		expect(server.servernames).toEqual(['media.example', 'media.example', false]);
	});
});
