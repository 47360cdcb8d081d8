import { describe, expect, it } from 'vitest';
import { progressText } from '../src/status-text.js';

describe('progressText', () => {
	it('shows whole percents when the size is known', () => {
		expect(progressText({ transferred: 999, total: 1000, percent: 0.999 })).toBe('99%');
		expect(progressText({ transferred: 1000, total: 1000, percent: 1 })).toBe('100%');
	});

	it('shows the bytes so far when it is not', () => {
		expect(progressText({ transferred: 2_500_000, total: undefined, percent: undefined })).toBe('2.4 MiB');
	});
});
