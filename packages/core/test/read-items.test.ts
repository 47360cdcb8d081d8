import { describe, expect, it } from 'vitest';
import { readItems } from '../src/inputs/index.js';

describe('readItems', () => {
	it('takes items given several times, or several in one value, and drops blanks', () => {
		expect(readItems(['a, b', 'c\n', '', ' d '])).toEqual(['a', 'b', 'c', 'd']);
		expect(readItems('one\ntwo,,three')).toEqual(['one', 'two', 'three']);
		expect(readItems([])).toEqual([]);
	});
});
