import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/requests/rate-limiter.js';

describe('RateLimiter', () => {
	it('lets `limit` callers start at once and holds the next until a slot left the window', async () => {
		const limiter = new RateLimiter(2, 100);
		const events: string[] = [];
		const first = await limiter.take();
		const second = await limiter.take();
		const third = limiter.take().then((release) => {
			events.push('third');
			return release;
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		// Both slots still run: however long ago they started, the third must wait.
		expect(events).toEqual([]);
		const endedAt = performance.now();
		first();
		(await third)();
		// Counted from the end of the first request, not its start: a lower bound only.
		expect(performance.now() - endedAt).toBeGreaterThanOrEqual(99);
		second();
	});

	it('serves waiters in arrival order', async () => {
		const limiter = new RateLimiter(1, 20);
		const order: number[] = [];
		await Promise.all(
			[1, 2, 3, 4].map(async (number) => {
				const release = await limiter.take();
				order.push(number);
				release();
			}),
		);
		expect(order).toEqual([1, 2, 3, 4]);
	});

	it('rejects a waiter whose signal aborts, and the next one still gets the slot', async () => {
		const limiter = new RateLimiter(1, 50);
		const release = await limiter.take();
		const controller = new AbortController();
		const aborted = limiter.take(controller.signal);
		const next = limiter.take();
		controller.abort(new Error('stop'));
		await expect(aborted).rejects.toThrow('stop');
		release();
		await expect(next).resolves.toBeTypeOf('function');
	});

	it('after slowDown (a 429), no caller starts until the wait is over, then they go on', async () => {
		const limiter = new RateLimiter(5, 50);
		(await limiter.take())();
		const asked = performance.now();
		limiter.slowDown(120);
		const started: number[] = [];
		await Promise.all(
			[1, 2, 3].map(async () => {
				const release = await limiter.take();
				started.push(performance.now() - asked);
				release();
			}),
		);
		expect(started).toHaveLength(3);
		// Lower bounds only: a busy machine may make it later, never earlier.
		for (const time of started) expect(time).toBeGreaterThanOrEqual(119);
	});

	it('keeps a margin beyond the interval after a request ended', async () => {
		// A long interval, so that its 2 % margin (20 ms) stands out of timer rounding (the limiter adds 1 ms).
		const limiter = new RateLimiter(1, 1000);
		const release = await limiter.take();
		const endedAt = performance.now();
		release();
		(await limiter.take())();
		expect(performance.now() - endedAt).toBeGreaterThanOrEqual(1019);
	});
});
