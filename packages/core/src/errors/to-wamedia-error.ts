import { createRedactor, type Redactor, redactCause, redactValue } from '../security/redact.js';
import { isWamediaError, WamediaError } from './wamedia-error.js';

/**
 * Any thrown value as a {@link WamediaError} whose message, hint, details, cause chain and stack are
 * free of the given secrets. Unknown errors become UPSTREAM_ERROR with the original as cause. `context`
 * (such as the message's chatId and idMessage) is added to the details where they do not say otherwise.
 */
export function toWamediaError(error: unknown, redact: Redactor = createRedactor([]), context: Record<string, unknown> = {}): WamediaError {
	const source = isWamediaError(error)
		? error
		: new WamediaError('UPSTREAM_ERROR', {
				message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
				hint: 'This is probably a bug in wamedia; please report it with the steps that led to it.',
				retryable: false,
				cause: error,
			});
	const copy = new WamediaError(source.code, {
		message: redact(source.message),
		hint: redact(source.hint),
		retryable: source.retryable,
		details: redactValue({ ...context, ...source.details }, redact),
		...(source.status === undefined ? {} : { status: source.status }),
		...(source.provider === undefined ? {} : { provider: source.provider }),
		...(source.cause === undefined ? {} : { cause: redactCause(source.cause, redact) }),
	});
	copy.stack = redact(source.stack ?? '');
	return copy;
}
