/**
 * A sliding-window limit: at most `limit` accepted calls within any `windowMs`. Refused calls do not count.
 *
 * @example const limiter = new RateLimiter(5, 1000); limiter.tryAcquire(performance.now())
 */
export class RateLimiter {
	readonly #limit: number;
	readonly #windowMs: number;
	#accepted: number[] = [];

	constructor(limit: number, windowMs: number) {
		this.#limit = limit;
		this.#windowMs = windowMs;
	}

	/** Accepts a call at time `now` (ms) unless `limit` calls were accepted within the window before it. */
	tryAcquire(now: number): boolean {
		this.#accepted = this.#accepted.filter((time) => now - time < this.#windowMs);
		if (this.#accepted.length >= this.#limit) {
			return false;
		}
		this.#accepted.push(now);
		return true;
	}
}
