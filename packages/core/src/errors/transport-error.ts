import { isWamediaError, type Provider, WamediaError } from './wamedia-error.js';

const timeoutCodes = new Set([
	'ETIMEDOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'HTTP1_HEADERS_TIMEOUT',
	'HTTP1_BODY_TIMEOUT',
]);

/** The error codes along a cause chain, and the first WamediaError on it (the URL policy's refusal inside a connect error). */
function walkCauses(error: unknown): { codes: string[]; wamedia: WamediaError | undefined } {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
		if (isWamediaError(current)) return { codes, wamedia: current };
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string') codes.push(code);
		current = cause;
	}
	return { codes, wamedia: undefined };
}

/** Whether an error is the abort of the given signal. */
export function isAbortOf(error: unknown, signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true && (error === signal.reason || (error instanceof Error && error.name === 'AbortError'));
}

/** The error for a download cancelled through its AbortSignal: ABORTED, with the signal's reason as cause. */
export function abortError(signal: AbortSignal, provider: Provider): WamediaError {
	return new WamediaError('ABORTED', { provider, details: { aborted: true }, cause: signal.reason });
}

/**
 * Maps what fetch, ky, undici or the media client threw (refused, reset, DNS, timeouts) to a {@link WamediaError}.
 * `step` names what was being done, for the message.
 */
export function transportError(error: unknown, step: string, provider: Provider, host: string): WamediaError {
	const { codes, wamedia } = walkCauses(error);
	if (wamedia !== undefined) return wamedia;
	const name = error instanceof Error ? error.name : '';
	if (name === 'TimeoutError' || codes.some((code) => timeoutCodes.has(code))) {
		return new WamediaError('TIMEOUT', {
			message: `No answer from ${host} while ${step}`,
			provider,
			details: { host, codes },
			cause: error,
		});
	}
	// OpenSSL's verdicts on a certificate (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, …) and Node's on its name.
	const certificate = codes.find((code) => code.includes('CERT'));
	if (certificate !== undefined) {
		return new WamediaError('NETWORK', {
			message: `The TLS certificate of ${host} was refused (${certificate}) while ${step}`,
			hint: "The server's certificate is not one Node trusts for that name: check the URL's host. A server with a private CA needs NODE_EXTRA_CA_CERTS pointing to the CA's certificate.",
			provider,
			retryable: false,
			details: { host, codes },
			cause: error,
		});
	}
	const errno = codes.find((code) => /^E[A-Z]+$/.test(code));
	const refused = errno === 'ECONNREFUSED';
	return new WamediaError('NETWORK', {
		message: refused
			? `Connection refused by ${host} (ECONNREFUSED) while ${step}`
			: `Network error while ${step} (${host}${errno === undefined ? '' : `, ${errno}`})`,
		...(refused ? { hint: 'Nothing answers at that address: check the URL and port, and that the server is running.' } : {}),
		provider,
		details: { host, codes },
		cause: error,
	});
}
