import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A sliding-window limiter: at most `limit` starts in any `interval` milliseconds, also when many
 * callers wait at once (they are served in arrival order).
 */
export class RateLimiter {
	readonly #limit: number;
	readonly #interval: number;
	readonly #starts: number[] = [];
	#queue: Promise<void> = Promise.resolve();

	constructor(limit: number, interval: number) {
		this.#limit = limit;
		this.#interval = interval;
	}

	/** Resolves when the caller may start; rejects with the signal's reason if aborted while waiting. */
	take(signal?: AbortSignal): Promise<void> {
		const turn = this.#queue.then(() => this.#wait(signal));
		// The next caller waits for this one's slot, whether or not this one was aborted.
		this.#queue = turn.catch(() => undefined);
		return turn;
	}

	async #wait(signal: AbortSignal | undefined): Promise<void> {
		signal?.throwIfAborted();
		for (;;) {
			const now = performance.now();
			while (this.#starts.length > 0 && now - (this.#starts[0] ?? 0) >= this.#interval) this.#starts.shift();
			if (this.#starts.length < this.#limit) {
				this.#starts.push(now);
				return;
			}
			// One extra millisecond keeps timer rounding from letting a start in just before the window ends.
			await sleep((this.#starts[0] ?? now) + this.#interval - now + 1, undefined, signal ? { signal } : {});
		}
	}
}

const limiters = new Map<string, RateLimiter>();

/**
 * The limiter shared by every client in this process for one key (a Green-API instance), so that
 * separate clients for the same instance stay within its limit together.
 */
export function sharedRateLimiter(key: string, limit: number, interval: number): RateLimiter {
	let limiter = limiters.get(key);
	if (limiter === undefined) {
		limiter = new RateLimiter(limit, interval);
		limiters.set(key, limiter);
	}
	return limiter;
}
