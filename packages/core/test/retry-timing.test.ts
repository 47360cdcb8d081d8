import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../src/requests/retry-timing.js';

describe('retry timing', () => {
	it('reads Retry-After seconds and dates', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0')).toBe(0);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Thu, 01 Jan 2025 00:00:05 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(null)).toBeUndefined();
	});
	it('backs off exponentially within the cap', () => {
		const settings = { limit: 5, delay: 100, maxDelay: 350, maxRetryAfter: 1000 };
		for (let index = 0; index < 50; index++) {
			expect(backoffDelay(1, settings)).toBeGreaterThanOrEqual(50);
			expect(backoffDelay(1, settings)).toBeLessThanOrEqual(100);
			expect(backoffDelay(2, settings)).toBeGreaterThanOrEqual(100);
			expect(backoffDelay(5, settings)).toBeLessThanOrEqual(350);
		}
	});
});
