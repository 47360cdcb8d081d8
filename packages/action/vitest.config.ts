import { defineProject } from 'vitest/config';

export default defineProject({
	test: {
		name: 'action',
		include: ['test/**/*.test.ts'],
		// The end-to-end tests start the bundled action as a child process.
		testTimeout: 30_000,
	},
});
