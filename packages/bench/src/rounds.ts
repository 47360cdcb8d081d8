import type { Sample } from './measure.ts';
import type { Results } from './results.ts';

/** One way of doing a section's work. */
export interface Approach {
	label: string;
	/** Bytes or files one run moves, for rates. */
	amount?: number;
	run: () => Promise<Sample>;
}

/**
 * Runs every approach once per round, `runs` rounds, so that each figure shares its noise with the figures it is
 * compared with: ratios come from runs made side by side, never from separate series.
 *
 * @example await rounds(results, 'file', 3, [{ label: 'curl -o', run: () => measure('curl', args) }])
 */
export async function rounds(results: Results, section: string, runs: number, approaches: readonly Approach[]): Promise<void> {
	const rows = approaches.map((approach) => results.add(section, approach.label, approach.amount));
	for (let round = 0; round < runs; round++) {
		for (const [index, approach] of approaches.entries()) {
			const sample = await approach.run();
			rows[index]?.samples.push(sample);
			process.stderr.write(`  ${section} · ${approach.label}: ${sample.milliseconds.toFixed(0)} ms\n`);
		}
	}
}
