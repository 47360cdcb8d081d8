import { setTimeout as sleep } from 'node:timers/promises';
import { abortError } from '../errors/transport-error.js';
import { isWamediaError, type Provider, type WamediaError } from '../errors/wamedia-error.js';
import type { EventListener } from '../types/events.js';
import { backoffDelay, type RetrySettings } from './retry-timing.js';

/** Options of {@link withRetry}. */
export interface WithRetryOptions {
	settings: RetrySettings;
	provider: Provider;
	signal: AbortSignal | undefined;
	/** Decides whether an error is worth another attempt; default: its `retryable`. */
	shouldRetry?: (error: WamediaError) => boolean;
	/** Told before each wait: the attempt that failed (1 = the first), the wait in ms, the error. */
	onRetry?: ((attempt: number, delay: number, error: WamediaError) => void) | undefined;
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, or the retry limit is used up.
 * Waits with exponential backoff, or as long as `Retry-After` asked (`details.retryAfter`, seconds);
 * a server that asks for longer than `maxRetryAfter` fails at once.
 */
export async function withRetry<T>(attempt: (attemptNumber: number) => Promise<T>, options: WithRetryOptions): Promise<T> {
	const { settings, signal } = options;
	const shouldRetry = options.shouldRetry ?? ((error: WamediaError) => error.retryable);
	for (let attemptNumber = 0; ; attemptNumber++) {
		try {
			return await attempt(attemptNumber);
		} catch (error) {
			if (!isWamediaError(error) || attemptNumber >= settings.limit || !shouldRetry(error)) throw error;
			const retryAfter = error.details.retryAfter;
			const wait = typeof retryAfter === 'number' ? retryAfter * 1000 : backoffDelay(attemptNumber + 1, settings);
			if (wait > settings.maxRetryAfter) throw error;
			options.onRetry?.(attemptNumber + 1, wait, error);
			try {
				await sleep(wait, undefined, signal === undefined ? {} : { signal });
			} catch {
				throw signal?.aborted ? abortError(signal, options.provider) : error;
			}
		}
	}
}

/**
 * The `onRetry` that tells each retry of a request to `url` (shown without its query or secrets) to a
 * download's event listener, as a `retry` event.
 */
export function reportRetries(emit: EventListener, settings: RetrySettings, url: string): WithRetryOptions['onRetry'] {
	return (attempt, delay, error) =>
		emit({
			type: 'retry',
			attempt,
			retries: settings.limit,
			delay,
			code: error.code,
			...(error.status === undefined ? {} : { status: error.status }),
			url,
		});
}
