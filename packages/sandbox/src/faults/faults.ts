import type { ServerName } from '../http/request-log.js';

/** How an `echo` fault spells the echoed URL and header values. */
export type EchoEncoding = 'none' | 'percent' | 'percent-lower' | 'base64' | 'base64url';

/** Where a `content-disposition-echo` fault takes the file name from. */
export type DispositionSource = 'authorization' | 'query' | 'path';

/**
 * A failure to inject. The first fault whose `server` and `path` match a request applies to it; after `times`
 * hits it is removed.
 *
 * Body faults apply to media bodies only (answers to GET that carry a media body: storage, Multi-Session, Meta's
 * media host, WAHA's files; and Evolution's base64 answer, which only the stream faults bend) and count a hit only
 * there: `reset`, `truncate`, `stall`, `slow`, `no-content-length`, `extra-bytes` bend the stream;
 * `partial-to-plain`, `changing-etag` and `content-disposition-echo` lie in the head. A stream fault with
 * `server: "api"` or `server: "meta"` bends that API's JSON answer instead, after the call has run. The others
 * (`status`, `json`, `graph-error`, `rate-limit`, `redirect`, `echo`) replace the whole answer of any request.
 *
 * @example sandbox.faults.add({ server: "storage", type: "reset", afterBytes: 65_536 })
 */
export type Fault = {
	/** Which emulator; default: any. */
	server?: ServerName;
	/** Substring the recorded request path (with query) must contain; default: any. */
	path?: string;
	/** Matching requests it hits before it is removed; default 1, `Infinity` allowed. */
	times?: number;
} & (
	| { type: 'status'; status: number; body?: string; headers?: Record<string, string> }
	| {
			/** Answers `status` (default 200) with `body` as JSON, e.g. `{ result: false }` for a failing delete. */
			type: 'json';
			status?: number;
			body: unknown;
	  }
	| {
			/**
			 * Answers a Graph API error envelope for `code` (e.g. 2, 4, 190), with the status and message the Meta
			 * emulator uses for that code unless `status` or `message` are given.
			 */
			type: 'graph-error';
			code: number;
			status?: number;
			message?: string;
	  }
	| { type: 'rate-limit'; retryAfter?: number | string }
	| { type: 'reset'; afterBytes: number }
	| { type: 'truncate'; afterBytes: number }
	| { type: 'stall'; afterBytes: number }
	| { type: 'redirect'; location: string; status?: number }
	| { type: 'slow'; bytesPerSecond: number }
	| { type: 'no-content-length' }
	| { type: 'extra-bytes'; count: number }
	| {
			/**
			 * Answers a GET without `Range` with 206 and `Content-Range: bytes start-end/size` (default start 100,
			 * end the last byte), sending those bytes. Requests with `Range` pass untouched and spend no hit.
			 */
			type: 'partial-to-plain';
			start?: number;
			/** Last byte sent, inclusive, as in Content-Range. */
			end?: number;
	  }
	| {
			/**
			 * Each hit answers with a new ETag and a later Last-Modified, and honours `Range` whatever `If-Range`
			 * says (a server that ignores If-Range). With `changeBytes`, each hit also serves other bytes of the same
			 * size and format (a file replaced between attempts).
			 */
			type: 'changing-etag';
			changeBytes?: boolean;
	  }
	| {
			/**
			 * Answers `status` (default 500) with a body that echoes the method, the raw request target (path and
			 * query, secrets included) and every request header, as `json` (default), `text` or `html`.
			 * `encoding` spells the echoed values differently (`percent`: every byte as `%XX`); `padding` puts that
			 * many `x` before the echo, to move a secret across a length cut.
			 */
			type: 'echo';
			status?: number;
			format?: 'json' | 'text' | 'html';
			encoding?: EchoEncoding;
			padding?: number;
	  }
	| {
			/**
			 * Serves the media normally with `Content-Disposition: attachment; filename="…"` whose name is
			 * `template` (default `{value}`) with `{value}` replaced by: the Authorization credentials (after the
			 * scheme), a query parameter (`param`, or the whole query string), or the last path segment (decoded).
			 * `extended` sends `filename*=UTF-8''…` instead. Without `from`, the template is the name.
			 */
			type: 'content-disposition-echo';
			from?: DispositionSource;
			param?: string;
			template?: string;
			extended?: boolean;
	  }
);

/** The fault types that bend a media body while it streams. */
export type StreamFault = Extract<Fault, { type: 'reset' | 'truncate' | 'stall' | 'slow' | 'no-content-length' | 'extra-bytes' }>;

/** The fault types that lie in the head of a media answer. */
export type HeadFault = Extract<Fault, { type: 'partial-to-plain' | 'changing-etag' | 'content-disposition-echo' }>;

/** The fault types that apply only where a media body is sent. */
export type BodyFault = StreamFault | HeadFault;

/** The fault types that replace the whole answer. */
export type ResponseFault = Exclude<Fault, BodyFault>;

/** Servers that answer only API calls (JSON), never a media body: body faults skip them unless they name them. */
const apiOnlyServers: ReadonlySet<ServerName> = new Set(['api', 'meta']);

/**
 * Whether a stream fault aimed at this server bends its JSON answers (Green-API and Meta's Graph API).
 *
 * @example bendsApiAnswers("meta") // true
 */
export function bendsApiAnswers(server: ServerName | undefined): boolean {
	return server !== undefined && apiOnlyServers.has(server);
}

const streamFaultTypes: ReadonlySet<string> = new Set(['reset', 'truncate', 'stall', 'slow', 'no-content-length', 'extra-bytes']);
const headFaultTypes: ReadonlySet<string> = new Set(['partial-to-plain', 'changing-etag', 'content-disposition-echo']);

/**
 * Whether a fault applies only to media bodies.
 *
 * @example isBodyFault({ type: "stall", afterBytes: 0 }) // true
 */
export function isBodyFault(fault: Fault): fault is BodyFault {
	return streamFaultTypes.has(fault.type) || headFaultTypes.has(fault.type);
}

/**
 * Whether a fault bends the stream of a media body.
 *
 * @example isStreamFault({ type: "changing-etag" }) // false
 */
export function isStreamFault(fault: Fault): fault is StreamFault {
	return streamFaultTypes.has(fault.type);
}

/** A registered fault, the hits it has left and the hits it has had. */
export interface FaultEntry {
	readonly fault: Fault;
	remaining: number;
	hits: number;
}

/**
 * The active faults, in the order they were added.
 *
 * @example faults.match("storage", "/sw-media/…")
 */
export class FaultList {
	#entries: FaultEntry[] = [];

	/** Adds a fault at the end of the list. */
	add(fault: Fault): void {
		this.#entries.push({ fault: { ...fault }, remaining: fault.times ?? 1, hits: 0 });
	}

	/** Removes every fault. */
	clear(): void {
		this.#entries = [];
	}

	/** The active faults, `times` set to the hits left. */
	list(): Fault[] {
		return this.#entries.map((entry) => ({ ...entry.fault, times: entry.remaining }));
	}

	/**
	 * The first fault that applies to a request on `server` with this recorded path. Green-API and the Graph API
	 * answer no media, so body faults skip them, except stream faults that name the server: those bend its JSON
	 * answer.
	 */
	match(server: ServerName, path: string): FaultEntry | undefined {
		return this.#entries.find(
			({ fault }) =>
				(fault.server === undefined || fault.server === server) &&
				(fault.path === undefined || path.includes(fault.path)) &&
				(!bendsApiAnswers(server) || !isBodyFault(fault) || (fault.server === server && isStreamFault(fault))),
		);
	}

	/** Counts one hit; false when the fault is already used up or cleared. */
	consume(entry: FaultEntry): boolean {
		if (!this.#entries.includes(entry) || entry.remaining <= 0) {
			return false;
		}
		entry.remaining -= 1;
		entry.hits += 1;
		if (entry.remaining <= 0) {
			this.#entries = this.#entries.filter((candidate) => candidate !== entry);
		}
		return true;
	}
}
