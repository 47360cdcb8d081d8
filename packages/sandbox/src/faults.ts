import type { ServerName } from './request-log.js';

/**
 * A failure to inject. The first fault whose `server` and `path` match a request applies to it; after `times`
 * hits it is removed. Body faults (`reset`, `truncate`, `stall`, `slow`, `no-content-length`, `extra-bytes`)
 * apply to media bodies only (storage and Multi-Session 200/206 answers to GET); the others to any request.
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
	| { type: 'rate-limit'; retryAfter?: number | string }
	| { type: 'reset'; afterBytes: number }
	| { type: 'truncate'; afterBytes: number }
	| { type: 'stall'; afterBytes: number }
	| { type: 'redirect'; location: string; status?: number }
	| { type: 'slow'; bytesPerSecond: number }
	| { type: 'no-content-length' }
	| { type: 'extra-bytes'; count: number }
);

/** The fault types that change a media body rather than the whole answer. */
export type BodyFault = Extract<Fault, { type: 'reset' | 'truncate' | 'stall' | 'slow' | 'no-content-length' | 'extra-bytes' }>;

/** The fault types that replace the whole answer. */
export type ResponseFault = Exclude<Fault, BodyFault>;

const bodyFaultTypes: ReadonlySet<string> = new Set(['reset', 'truncate', 'stall', 'slow', 'no-content-length', 'extra-bytes']);

/**
 * Whether a fault changes a media body.
 *
 * @example isBodyFault({ type: "stall", afterBytes: 0 }) // true
 */
export function isBodyFault(fault: Fault): fault is BodyFault {
	return bodyFaultTypes.has(fault.type);
}

/** A registered fault and the hits it has left. */
export interface FaultEntry {
	readonly fault: Fault;
	remaining: number;
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
		this.#entries.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
	}

	/** Removes every fault. */
	clear(): void {
		this.#entries = [];
	}

	/** The active faults, `times` set to the hits left. */
	list(): Fault[] {
		return this.#entries.map((entry) => ({ ...entry.fault, times: entry.remaining }));
	}

	/** The first fault that applies to a request on `server` with this recorded path. */
	match(server: ServerName, path: string): FaultEntry | undefined {
		return this.#entries.find(
			({ fault }) =>
				(fault.server === undefined || fault.server === server) &&
				(fault.path === undefined || path.includes(fault.path)) &&
				(server !== 'api' || !isBodyFault(fault)),
		);
	}

	/** Counts one hit; false when the fault is already used up or cleared. */
	consume(entry: FaultEntry): boolean {
		if (!this.#entries.includes(entry) || entry.remaining <= 0) {
			return false;
		}
		entry.remaining -= 1;
		if (entry.remaining <= 0) {
			this.#entries = this.#entries.filter((candidate) => candidate !== entry);
		}
		return true;
	}
}
