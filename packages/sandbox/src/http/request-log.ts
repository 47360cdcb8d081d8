/**
 * The emulators that record requests (the control API does not): Green-API (`api`), the presigned `storage`,
 * `multiSession`, Meta's Graph API (`meta`) and its media host (`metaMedia`), `waha` and `evolution`.
 */
export type ServerName = 'api' | 'storage' | 'multiSession' | 'meta' | 'metaMedia' | 'waha' | 'evolution';

/** Every {@link ServerName}, in the order the sandbox starts them. */
export const serverNames: readonly ServerName[] = ['api', 'storage', 'multiSession', 'meta', 'metaMedia', 'waha', 'evolution'];

/**
 * One request an emulator received.
 *
 * @example sandbox.requests.list().filter((record) => record.server === "storage")
 */
export interface RequestRecord {
	server: ServerName;
	method: string;
	/** Path and query as received; the Green-API token segment reads `<token>`, a WAHA `x-api-key` query `<key>`. */
	path: string;
	/** Request headers, lower-case names; repeated headers joined with ", ". */
	headers: Record<string, string | undefined>;
	/** Arrival time in ms since the epoch, sub-millisecond (`performance.timeOrigin + performance.now()`). */
	time: number;
	/** Status sent, or 0 while the response head has not been sent. */
	status: number;
}

/**
 * Every request every emulator received, in arrival order.
 *
 * @example log.add(record); log.list()
 */
export class RequestLog {
	#records: RequestRecord[] = [];

	/** Appends a record; the caller keeps the object and fills `status` in later. */
	add(record: RequestRecord): void {
		this.#records.push(record);
	}

	/** Snapshot copies, oldest first. */
	list(): RequestRecord[] {
		return this.#records.map((record) => ({ ...record, headers: { ...record.headers } }));
	}

	/** Forgets every record. */
	clear(): void {
		this.#records = [];
	}
}
