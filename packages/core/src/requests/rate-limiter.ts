interface Slot {
	/** When the request using the slot ended; undefined while it runs. */
	endedAt: number | undefined;
}

/**
 * The part of the interval added as a margin. Counting from the end of a request already keeps the server's
 * arrivals an interval apart whatever the latency (the earlier call arrived before it ended, the next one
 * arrives after it is sent); the margin covers only what a clock shared by both sides can still disagree on.
 */
const marginShare = 0.02;

/**
 * At most `limit` requests in any `interval` milliseconds, also when many callers wait at once (they are
 * served in arrival order), as the server counts them (docs/green-api.md#rate-limits):
 * - a slot counts from the moment its request is sent until `interval` plus a margin after it ended:
 *   measured from the end, no latency between here and the server, however it varies, puts more than
 *   `limit` arrivals into one of the server's windows, and the margin absorbs timer and clock rounding;
 * - a 429 is a signal that the server's view differs: {@link RateLimiter.slowDown} holds every new start
 *   until the server's wait is over, so that callers who were not refused do not run into it too.
 */
export class RateLimiter {
	readonly #limit: number;
	readonly #interval: number;
	readonly #window: number;
	#slots: Slot[] = [];
	#queue: Promise<unknown> = Promise.resolve();
	#wake: (() => void) | undefined;
	/** No request starts before this time (after a 429). */
	#pausedUntil = 0;

	constructor(limit: number, interval: number) {
		this.#limit = limit;
		this.#interval = interval;
		this.#window = interval * (1 + marginShare);
	}

	/**
	 * The server answered 429: no new request starts for `delay` ms (its Retry-After), and at least for one
	 * interval, which lets the server's window empty.
	 */
	slowDown(delay: number | undefined): void {
		const wait = Math.max(this.#interval, delay ?? 0);
		this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + wait);
		this.#wake?.();
	}

	/**
	 * Resolves when the caller may start, with the function to call when its request has ended.
	 * Rejects with the signal's reason if aborted while waiting.
	 */
	take(signal?: AbortSignal): Promise<() => void> {
		const turn = this.#queue.then(() => this.#wait(signal));
		// The next caller waits for this one's slot, whether or not this one was aborted.
		this.#queue = turn.catch(() => undefined);
		return turn;
	}

	async #wait(signal: AbortSignal | undefined): Promise<() => void> {
		for (;;) {
			signal?.throwIfAborted();
			const now = performance.now();
			this.#slots = this.#slots.filter((slot) => now < (this.#freeAt(slot) ?? Number.POSITIVE_INFINITY));
			if (this.#slots.length < this.#limit && now >= this.#pausedUntil) {
				const slot: Slot = { endedAt: undefined };
				this.#slots.push(slot);
				return () => {
					if (slot.endedAt !== undefined) return;
					slot.endedAt = performance.now();
					this.#wake?.();
				};
			}
			const free = this.#slots.map((slot) => this.#freeAt(slot)).filter((time) => time !== undefined);
			// Wait for the first slot to leave the window (or the pause to end), for a running request to end,
			// or for an abort. One extra millisecond keeps timer rounding from letting a start in too early.
			const next =
				this.#slots.length < this.#limit ? this.#pausedUntil : free.length > 0 ? Math.max(Math.min(...free), this.#pausedUntil) : undefined;
			const delay = next === undefined ? undefined : Math.max(0, next - now) + 1;
			await new Promise<void>((resolve) => {
				const wake = (): void => {
					clearTimeout(timer);
					signal?.removeEventListener('abort', wake);
					this.#wake = undefined;
					resolve();
				};
				const timer = delay === undefined ? undefined : setTimeout(wake, delay);
				this.#wake = wake;
				signal?.addEventListener('abort', wake, { once: true });
			});
		}
	}

	/**
	 * When a slot stops counting: a window (the interval and its margin) after its request ended, which is
	 * also more than a window after it was sent; undefined while it runs.
	 */
	#freeAt(slot: Slot): number | undefined {
		return slot.endedAt === undefined ? undefined : slot.endedAt + this.#window;
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
