/** Normalized retry settings. */
export interface RetrySettings {
	limit: number;
	delay: number;
	maxDelay: number;
	maxRetryAfter: number;
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or undefined when
 * it is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
	if (header === null || header.trim() === '') return undefined;
	const seconds = Number(header.trim());
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(header);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter over the upper half: attempt 1 → delay…delay/2, doubling, capped. */
export function backoffDelay(attempt: number, settings: RetrySettings): number {
	const ceiling = Math.min(settings.maxDelay, settings.delay * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
