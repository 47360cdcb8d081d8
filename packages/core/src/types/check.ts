import type { Provider } from '../errors/wamedia-error.js';
import type { ErrorResult } from './result.js';

/** A gateway that answered the check as ready: its credentials work and its account can deliver media. */
export interface CheckSuccess {
	success: true;
	message: string;
	provider: Exclude<Provider, 'direct'>;
	/** The server that was asked, origin and path only. */
	server: string;
	/** The account's state in the gateway's words (`authorized`, `WORKING`, `open`), where it has one. */
	state?: string;
	/** Who the credentials belong to, as the gateway names it. */
	account?: string;
}

/** One gateway's check: ready, or the error that says why not (AUTH_FAILED, INSTANCE_NOT_READY, …). */
export type CheckResult = CheckSuccess | ErrorResult;

/** Options of `client.check()`. */
export interface CheckOptions {
	/** Check only this gateway; by default every configured one. */
	provider?: Exclude<Provider, 'direct'>;
	signal?: AbortSignal;
}
