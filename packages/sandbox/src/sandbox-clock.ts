/**
 * The sandbox's notion of time: the real clock plus an offset that tests move forward, so that links, media URLs
 * and stored files expire without waiting. Every expiry in the sandbox reads this clock.
 *
 * @example const clock = new SandboxClock(); clock.advance(300_000); clock.now() - Date.now() // 300000
 */
export class SandboxClock {
	#offsetMs = 0;

	/** Milliseconds since the epoch, as the emulators see them. */
	now(): number {
		return Date.now() + this.#offsetMs;
	}

	/** How far the clock has been moved ahead of real time, in ms. */
	offset(): number {
		return this.#offsetMs;
	}

	/** Moves the clock forward by `ms` (a non-negative integer); returns the new {@link now}. */
	advance(ms: number): number {
		if (!Number.isSafeInteger(ms) || ms < 0) {
			throw new TypeError(`clock.advance expects a non-negative integer of ms, got ${String(ms)}`);
		}
		this.#offsetMs += ms;
		return this.now();
	}

	/** Back to real time. */
	reset(): void {
		this.#offsetMs = 0;
	}
}
