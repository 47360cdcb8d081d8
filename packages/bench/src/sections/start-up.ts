import { fileURLToPath } from 'node:url';
import { node, runCliWith } from '../commands.ts';
import { ratio, seconds, table } from '../format.ts';
import { measure } from '../measure.ts';
import { medianMilliseconds, type Results } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

const bench = fileURLToPath(new URL('../..', import.meta.url));
/** Start-up is short and noisy: it takes at least this many rounds. */
const minimumRuns = 10;

/** How long the CLI takes to start, next to an empty Node process. */
export const startUp: Section = {
	name: 'start-up',
	async measure({ results, runs }) {
		await rounds(results, 'start-up', Math.max(runs, minimumRuns), [
			{ label: 'node -e 0', run: () => measure(node, ['-e', '0']) },
			{ label: 'wamedia --version', run: () => runCliWith(['--version']) },
			{
				label: "import('@wamedia/core')",
				run: () => measure(node, ['--input-type=module', '-e', "await import('@wamedia/core')"], { cwd: bench }),
			},
		]);
	},
	render(results) {
		const empty = results.median('start-up', 'node -e 0');
		const rows = results.section('start-up').map((row) => {
			const milliseconds = medianMilliseconds(row);
			return [`\`${row.label}\``, seconds(milliseconds), ratio(milliseconds / empty)];
		});
		return [
			'## 4. Start-up',
			'',
			`Whole processes, median of at least ${minimumRuns} rounds.`,
			'',
			...table(['command', 'median', 'vs `node -e 0`'], rows),
		];
	},
};

/** `wamedia --version` over `node -e 0`: the ratio the target is judged on. */
export const startUpRatio = (results: Results): number =>
	results.median('start-up', 'wamedia --version') / results.median('start-up', 'node -e 0');
