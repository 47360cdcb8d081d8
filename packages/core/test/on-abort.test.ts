import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from '../src/utils/on-abort.js';

describe('onAbort', () => {
	it('gives every watcher of a signal one shared listener, calls each once, and not those that stopped', () => {
		const controller = new AbortController();
		const calls: string[] = [];
		const stops = ['a', 'b', 'c'].map((name) => onAbort(controller.signal, () => calls.push(name)));
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
		stops[1]?.();
		controller.abort();
		controller.abort();
		expect(calls).toEqual(['a', 'c']);
	});
});
