import { type Provider, WamediaError } from './wamedia-error.js';

const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function causeCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string') codes.push(code);
		current = cause;
	}
	return codes;
}

/** Whether an error is the abort of the given signal. */
export function isAbortOf(error: unknown, signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true && (error === signal.reason || (error instanceof Error && error.name === 'AbortError'));
}

/** The error for a download cancelled through its AbortSignal. */
export function abortError(signal: AbortSignal, provider: Provider): WamediaError {
	const reason: unknown = signal.reason;
	if (reason instanceof Error && reason.name === 'TimeoutError') {
		return new WamediaError('TIMEOUT', { message: 'The download took longer than its time limit', provider, cause: reason });
	}
	return new WamediaError('NETWORK', {
		message: 'Download aborted',
		hint: 'The download was cancelled by its caller; start it again if that was not intended.',
		retryable: false,
		provider,
		details: { aborted: true },
		cause: reason,
	});
}

/**
 * Maps what fetch or ky threw (refused, reset, DNS, timeouts) to a {@link WamediaError}.
 * `step` names what was being done, for the message.
 */
export function transportError(error: unknown, step: string, provider: Provider, host: string): WamediaError {
	if (error instanceof WamediaError) return error;
	const codes = causeCodes(error);
	const name = error instanceof Error ? error.name : '';
	if (name === 'TimeoutError' || codes.some((code) => timeoutCodes.has(code))) {
		return new WamediaError('TIMEOUT', {
			message: `No answer from ${host} while ${step}`,
			provider,
			details: { host, codes },
			cause: error,
		});
	}
	const refused = codes.includes('ECONNREFUSED');
	return new WamediaError('NETWORK', {
		message: refused ? `Connection refused by ${host} while ${step}` : `Network error while ${step}`,
		...(refused ? { hint: 'Nothing answers at that address: check the URL and port, and that the server is running.' } : {}),
		provider,
		details: { host, codes },
		cause: error,
	});
}
