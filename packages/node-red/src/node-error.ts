import { isWamediaError } from '@wamedia/core';

/** An error as `done(error)` hands it to Node-RED: Catch nodes copy its `message`, `code`, `stack` and `cause` into `msg.error`. */
export type NodeError = Error & { code?: string };

/**
 * The error a failed download ends with. A wamedia error becomes one whose message carries the hint, so the
 * debug sidebar and the log say what to do, with `code` for Catch nodes and the original as `cause`.
 * Core has already removed every secret from the message, the hint and the cause.
 */
export function toNodeError(error: unknown): NodeError {
	if (!isWamediaError(error)) return error instanceof Error ? error : new Error(String(error));
	const message = error.message.replace(/[.\s]+$/, '');
	const failure: NodeError = new Error(`${message}. ${error.hint}`, { cause: error });
	failure.name = 'WamediaError';
	failure.code = error.code;
	return failure;
}
