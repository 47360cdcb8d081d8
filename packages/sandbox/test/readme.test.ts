import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultExamples } from '../src/faults/fault-examples.js';
import { parseFault } from '../src/faults/parse-fault.js';
import { type Sandbox, startSandbox } from '../src/index.js';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

/** Whether the README has a table row whose first cell is this code span (the formatter pads cells). */
function hasRow(code: string): boolean {
	return readme.split('\n').some((line) => line.startsWith(`| \`${code}\``) && /^\| `[^`]+` +\|/.test(line));
}

describe('README', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.close());

	it('documents every fault type the parser accepts, with a curl example that the control API takes', async () => {
		const parserSource = await readFile(new URL('../src/faults/parse-fault.ts', import.meta.url), 'utf8');
		const accepted = [...parserSource.matchAll(/case '([a-z-]+)':/g)].map((match) => match[1]);
		expect(faultExamples.map((entry) => entry.type).sort()).toEqual([...new Set(accepted)].sort());
		for (const { type, example } of faultExamples) {
			expect(hasRow(type)).toBe(true);
			const line = `curl -X POST $CONTROL/faults -d '${JSON.stringify(example)}'`;
			expect(readme).toContain(line);
			expect(parseFault(example)).toEqual(example);
		}
	});

	it('lists every control route', async () => {
		const listing = (await (await fetch(sandbox.controlUrl)).json()) as { routes: { method: string; path: string }[] };
		for (const route of listing.routes) {
			expect(hasRow(`${route.method} ${route.path}`)).toBe(true);
		}
	});
});
