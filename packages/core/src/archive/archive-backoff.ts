import { setTimeout as sleep } from 'node:timers/promises';
import { abortError } from '../errors/transport-error.js';
import { backoffDelay, type RetrySettings } from '../requests/retry-timing.js';

/** The longest wait before a failed notification is tried again (docs/sync.md#failures). */
export const maxBackoffMs = 60_000;
// Even with a retry delay of 0, a queue that keeps failing is not hammered.
const minBackoffMs = 100;

/** How long to wait before the `attempt`th retry: the client's retry delay, doubling, up to a minute. */
export function archiveBackoff(attempt: number, retry: RetrySettings): number {
	return backoffDelay(attempt, { ...retry, delay: Math.max(minBackoffMs, retry.delay), maxDelay: maxBackoffMs });
}

/** Waits; an abort ends the wait at once with ABORTED. */
export async function waitOrAbort(delay: number, signal: AbortSignal | undefined): Promise<void> {
	try {
		await sleep(delay, undefined, signal === undefined ? {} : { signal });
	} catch (error) {
		if (signal?.aborted) throw abortError(signal, 'green-api');
		throw error;
	}
}
