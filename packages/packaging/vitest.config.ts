import { defineProject } from 'vitest/config';

export default defineProject({
	test: {
		name: 'packaging',
		include: ['test/**/*.test.ts'],
		// Packing, an npm install and a Node-RED start: seconds each, more on a cold npm cache.
		testTimeout: 180_000,
		hookTimeout: 180_000,
	},
});
