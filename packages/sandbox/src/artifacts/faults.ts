/**
 * The calls the artifact service answers: the Twirp methods, and the blob storage operations
 * (`UploadBlock` = `PUT ?comp=block`, `CommitBlockList` = `PUT ?comp=blocklist`, `DownloadBlob` = `GET`).
 */
export type ArtifactCall =
	| 'CreateArtifact'
	| 'FinalizeArtifact'
	| 'ListArtifacts'
	| 'GetSignedArtifactURL'
	| 'DeleteArtifact'
	| 'UploadBlock'
	| 'CommitBlockList'
	| 'DownloadBlob';

/** Every {@link ArtifactCall}, in the order an upload makes them. */
export const artifactCalls: readonly ArtifactCall[] = [
	'CreateArtifact',
	'UploadBlock',
	'CommitBlockList',
	'FinalizeArtifact',
	'ListArtifacts',
	'GetSignedArtifactURL',
	'DeleteArtifact',
	'DownloadBlob',
];

/**
 * A failure to inject into the artifact service. The first fault whose `call` matches applies; after `times`
 * hits it is removed.
 * - `status`: that HTTP status, with a Twirp JSON error (`{code, msg}`) or, for blob calls, an Azure XML error;
 *   409 defaults to the service's own "already exists" text;
 * - `quota`: the storage-quota refusal (`msg` contains "insufficient usage", which `@actions/artifact` turns into
 *   its `UsageError`);
 * - `not-ok`: 200 with `{"ok": false}`;
 * - `slow`: handles the call normally after `delayMs`;
 * - `reset`: destroys the connection without an answer (ECONNRESET on the client).
 *
 * @example service.faults.add({ call: "CreateArtifact", type: "status", status: 503 })
 */
export type ArtifactFault = {
	/** Which call; default: any. */
	call?: ArtifactCall;
	/** Matching calls it hits before it is removed; default 1, `Infinity` allowed. */
	times?: number;
} & (
	| { type: 'status'; status: number; message?: string }
	| { type: 'quota' }
	| { type: 'not-ok' }
	| { type: 'slow'; delayMs: number }
	| { type: 'reset' }
);

const types = new Set(['status', 'quota', 'not-ok', 'slow', 'reset']);

/**
 * Checks a fault and throws a `TypeError` naming the bad field.
 *
 * @example validateArtifactFault({ type: "slow", delayMs: 2000 })
 */
export function validateArtifactFault(fault: ArtifactFault): ArtifactFault {
	if (!types.has(fault.type)) throw new TypeError(`fault.type must be one of ${[...types].join(', ')}`);
	if (fault.call !== undefined && !artifactCalls.includes(fault.call)) {
		throw new TypeError(`fault.call must be one of ${artifactCalls.join(', ')}`);
	}
	const times = fault.times ?? 1;
	if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
		throw new TypeError('fault.times must be a positive integer or Infinity');
	}
	if (fault.type === 'status' && !(Number.isInteger(fault.status) && fault.status >= 400 && fault.status <= 599)) {
		throw new TypeError('fault.status must be an HTTP error status (400-599)');
	}
	if (fault.type === 'slow' && !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0)) {
		throw new TypeError('fault.delayMs must be a number of milliseconds ≥ 0');
	}
	return { ...fault };
}

/**
 * The active artifact-service faults, in the order they were added.
 *
 * @example faults.take("CreateArtifact")
 */
export class ArtifactFaultList {
	#entries: Array<{ fault: ArtifactFault; remaining: number }> = [];

	add(fault: ArtifactFault): void {
		const checked = validateArtifactFault(fault);
		this.#entries.push({ fault: checked, remaining: checked.times ?? 1 });
	}

	clear(): void {
		this.#entries = [];
	}

	/** The active faults, `times` set to the hits left. */
	list(): ArtifactFault[] {
		return this.#entries.map((entry) => ({ ...entry.fault, times: entry.remaining }));
	}

	/** The first fault for `call`, counted as one hit; undefined when none applies. */
	take(call: ArtifactCall): ArtifactFault | undefined {
		const entry = this.#entries.find(({ fault }) => fault.call === undefined || fault.call === call);
		if (!entry) return undefined;
		entry.remaining -= 1;
		if (entry.remaining <= 0) this.#entries = this.#entries.filter((candidate) => candidate !== entry);
		return entry.fault;
	}
}
