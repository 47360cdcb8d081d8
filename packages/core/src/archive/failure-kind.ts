import type { ErrorCode } from '../errors/error-codes.js';
import type { WamediaError } from '../errors/wamedia-error.js';

/**
 * What a failed message means for the queue (docs/sync.md#failures):
 * - `permanent`: no retry will fetch the file: written down with its error, then deleted;
 * - `transient`: may pass: nothing deleted, the same notification is tried again;
 * - `fatal`: a problem of the setup or the disk, not of the message: nothing deleted, the run ends;
 * - `aborted`: the caller stopped the run.
 */
export type FailureKind = 'permanent' | 'transient' | 'fatal' | 'aborted';

/** The codes of a message that no retry will fetch (docs/sync.md#failures). */
export const permanentCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
	'NO_MEDIA',
	'MEDIA_NOT_FOUND',
	'MEDIA_UNAVAILABLE',
	'MEDIA_EXPIRED',
	'TOO_LARGE',
	'BLOCKED_URL',
	'INTEGRITY',
	'INVALID_INPUT',
]);
const transient = new Set<ErrorCode>(['NETWORK', 'TIMEOUT', 'UPSTREAM_ERROR', 'RATE_LIMITED']);

/** Sorts a failure of one message into a {@link FailureKind}. */
export function failureKind(error: WamediaError): FailureKind {
	if (error.code === 'ABORTED') return 'aborted';
	// A directory that cannot be written (full, read-only) is the disk's failure, never the message's.
	if (isDiskFailure(error)) return 'fatal';
	if (permanentCodes.has(error.code)) return 'permanent';
	// "instance in starting process" is retryable; "not authorized" is not (docs/green-api.md#common-errors).
	if (transient.has(error.code) || (error.code === 'INSTANCE_NOT_READY' && error.retryable)) return 'transient';
	return 'fatal';
}

function isDiskFailure(error: WamediaError): boolean {
	const { details } = error;
	return error.code === 'INVALID_INPUT' && (details.directory !== undefined || details.field === 'directory');
}
