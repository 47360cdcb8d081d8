interface Slot {
	/** When the request using the slot ended; undefined while it runs. */
	endedAt: number | undefined;
}

/**
 * At most `limit` requests in any `interval` milliseconds, also when many callers wait at once (they are
 * served in arrival order). A slot counts from the moment its request starts until `interval` after it
 * ended: measured from the end, no delay between here and the server can put more than `limit` arrivals
 * into one of the server's windows.
 */
export class RateLimiter {
	readonly #limit: number;
	readonly #interval: number;
	#slots: Slot[] = [];
	#queue: Promise<unknown> = Promise.resolve();
	#wake: (() => void) | undefined;

	constructor(limit: number, interval: number) {
		this.#limit = limit;
		this.#interval = interval;
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
			this.#slots = this.#slots.filter((slot) => slot.endedAt === undefined || now - slot.endedAt < this.#interval);
			if (this.#slots.length < this.#limit) {
				const slot: Slot = { endedAt: undefined };
				this.#slots.push(slot);
				return () => {
					if (slot.endedAt !== undefined) return;
					slot.endedAt = performance.now();
					this.#wake?.();
				};
			}
			const ended = this.#slots.map((slot) => slot.endedAt).filter((time) => time !== undefined);
			// Wait for the oldest ended slot to leave the window, for a running request to end, or for an abort.
			// One extra millisecond keeps timer rounding from letting a start in just before the window ends.
			const delay = ended.length > 0 ? Math.min(...ended) + this.#interval - now + 1 : undefined;
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
