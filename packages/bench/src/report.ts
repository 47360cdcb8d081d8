import { table } from './format.ts';
import type { Machine } from './machine.ts';
import type { Results } from './results.ts';
import type { Section } from './section.ts';
import type { Target } from './targets.ts';

const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : 'not met');

/**
 * BENCHMARKS.md: the machine, the targets with their verdicts, then every section's table.
 *
 * @example renderReport(describeMachine(), 3, results, sections, targets(results))
 */
export function renderReport(
	machine: Machine,
	runs: number,
	results: Results,
	sections: readonly Section[],
	targets: readonly Target[],
): string {
	const sha =
		machine.shaExtensions === undefined
			? 'unknown'
			: machine.shaExtensions > 0
				? `yes (${machine.shaExtensions} of ${machine.cpus} CPUs)`
				: 'no';
	const lines = [
		'# Benchmarks',
		'',
		`Measured by \`pnpm bench\` on ${machine.date.slice(0, 10)}: ${machine.cpus} CPUs (${machine.cpuModel}), SHA extensions: ${sha},`,
		`Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage.toFixed(1)} when the run started (other work on`,
		'the machine stretches every figure, and ratios of runs made side by side least).',
		`Every figure is the median of ${runs} rounds; within a section the approaches take turns, so each ratio compares runs`,
		'made side by side. All traffic is loopback to @wamedia/sandbox, which serves from the benchmark process while each',
		'client runs in its own process. Peak RSS comes from GNU time. CPUs of this kind differ (SHA extensions make',
		"`sha256sum` and Node's hash several times faster): compare ratios within one run, never times across runs.",
		'Raw numbers: `benchmarks.json`.',
		'',
		'## Targets',
		'',
		...table(
			['what', 'target', 'compared with, same run', 'measured', 'verdict'],
			targets.map((target) => [target.what, target.target, target.comparedWith, target.measured, verdict(target.met)]),
		),
		'',
		'Faults injected by the sandbox are covered by the test suite, not timed here.',
	];
	for (const section of sections) lines.push('', ...section.render(results));
	return `${lines.join('\n')}\n`;
}
