// `pnpm bench`: wamedia's downloads next to curl, curl + sha256sum and the usual fetch-and-buffer approach, all in
// one run over loopback against @wamedia/sandbox (which serves from this process while every client runs in its own).
// Writes BENCHMARKS.md and benchmarks.json at the repository root.
//   --runs N       rounds per figure (default 3)
//   --large        adds a 1 GiB file to the one-file section
//   --only a,b     measures only these sections (file, batch, memory, floors, start-up, resolve, serve) and writes nothing
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '@wamedia/sandbox';
import { describeMachine } from './machine.ts';
import { renderReport } from './report.ts';
import { Results } from './results.ts';
import type { Section } from './section.ts';
import { batch } from './sections/batch.ts';
import { floors } from './sections/floors.ts';
import { memory } from './sections/memory.ts';
import { oneFile } from './sections/one-file.ts';
import { resolve } from './sections/resolve.ts';
import { serveBurst } from './sections/serve-burst.ts';
import { startUp } from './sections/start-up.ts';
import { targets } from './targets.ts';
import { Workspace } from './workspace.ts';

const allSections: Section[] = [oneFile, batch, memory, startUp, resolve, floors, serveBurst];

// `pnpm bench -- --runs 1` passes the `--` through: it is not an argument.
const { values: flags } = parseArgs({
	args: process.argv.slice(2).filter((argument) => argument !== '--'),
	options: { large: { type: 'boolean' }, runs: { type: 'string' }, only: { type: 'string' } },
});
const runs = Number(flags.runs ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got ${flags.runs}`);
const only = flags.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !allSections.some((section) => section.name === name)) ?? [];
if (unknown.length > 0)
	throw new Error(`--only: unknown section ${unknown.join(', ')}; known: ${allSections.map((section) => section.name).join(', ')}`);
const sections = only === undefined ? allSections : allSections.filter((section) => only.includes(section.name));

const started = performance.now();
const machine = describeMachine();
const results = new Results();
const sandbox = await startSandbox();
const workspace = await Workspace.create();
try {
	for (const section of sections) {
		process.stderr.write(`${section.name}\n`);
		await section.measure({ sandbox, results, workspace, runs, large: flags.large ?? false });
	}
} finally {
	await sandbox.close();
	await workspace.remove();
}

const report = renderReport(machine, runs, results, sections, targets(results));
console.log(report);
process.stderr.write(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
if (only === undefined) {
	const root = fileURLToPath(new URL('../../../', import.meta.url));
	// The digests and outputs the checks read stay out of the raw numbers.
	const rows = results.rows.map((row) => ({ ...row, samples: row.samples.map(({ stdout: _stdout, ...sample }) => sample) }));
	await writeFile(`${root}BENCHMARKS.md`, report);
	await writeFile(`${root}benchmarks.json`, `${JSON.stringify({ ...machine, runs, targets: targets(results), rows }, null, '\t')}\n`);
}
