import { megabytes, ratio, seconds } from './format.ts';
import type { Results } from './results.ts';
import { batchAnchor, batchLibraryRatio, batchRatio } from './sections/batch.ts';
import { cliPeakRss, memoryFloors } from './sections/memory.ts';
import { fileAnchor, oneFileRatio } from './sections/one-file.ts';
import { minimumResolveMilliseconds, resolveOutcome } from './sections/resolve.ts';
import { serveOutcome } from './sections/serve-burst.ts';
import { startUpRatio } from './sections/start-up.ts';

/** One quality target and how this run fared. */
export interface Target {
	what: string;
	target: string;
	comparedWith: string;
	measured: string;
	/** Undefined when the run did not measure it (`--only`). */
	met: boolean | undefined;
}

const check = (value: number | undefined, passes: (value: number) => boolean) =>
	value === undefined || Number.isNaN(value) ? undefined : passes(value);

/**
 * The quality targets, each judged on ratios from this run.
 *
 * @example targets(results)[0] // { what: 'one 256 MiB file, loopback, to disk, CLI', target: '≥ 1.2×', met: false, … }
 */
export function targets(results: Results): Target[] {
	const file = oneFileRatio(results);
	const many = batchRatio(results);
	const manyInProcess = batchLibraryRatio(results);
	const rss = cliPeakRss(results);
	const floor = memoryFloors(results);
	const start = startUpRatio(results);
	const resolve = resolveOutcome(results);
	const serve = serveOutcome(results);
	return [
		{
			what: 'one 256 MiB file, loopback, to disk, CLI',
			target: '≥ 1.2×',
			comparedWith: `\`${fileAnchor}\``,
			measured: ratio(file),
			met: check(file, (value) => value >= 1.2),
		},
		{
			what: '1,000 × 64 KiB files, `downloadMany`, concurrency 16, as a whole process (the CLI: start and loading included)',
			target: '≥ 0.7×',
			comparedWith: `\`${batchAnchor}\` of the files`,
			measured: `${ratio(many)} (in process: ${ratio(manyInProcess)})`,
			met: check(many, (value) => value >= 0.7),
		},
		{
			what: 'peak RSS, CLI, one 1 GiB file to disk',
			target: '≤ 96 MB',
			comparedWith: `floors: \`node -e 0\` ${megabytes(floor.node)}, undici.request discard ${megabytes(floor.undici)}`,
			measured: megabytes(rss),
			met: check(rss, (value) => value <= 96e6),
		},
		{
			what: 'CLI start (`wamedia --version`)',
			target: '≤ 1.3×',
			comparedWith: '`node -e 0`',
			measured: ratio(start),
			met: check(start, (value) => value <= 1.3),
		},
		{
			what: 'resolve path: 100 Green-API messages',
			target: '≤ 1.05× the minimum, 0 failed',
			comparedWith: `the minimum the 5/s limit allows (${seconds(minimumResolveMilliseconds)})`,
			measured: `${ratio(resolve.ratio)}, ${Number.isNaN(resolve.failed) ? 'n/a' : resolve.failed} failed`,
			met: check(resolve.ratio, (value) => value <= 1.05 && resolve.failed === 0),
		},
		{
			what: '`wamedia serve`: 1,000 webhooks from 16 senders, p99 time-to-200',
			target: '≤ 3×, 0 5xx, every media archived',
			comparedWith: 'a bare `node:http` server that fsyncs each body and answers 200',
			measured: `${ratio(serve.ratio)}, ${Number.isNaN(serve.fiveHundreds) ? 'n/a' : serve.fiveHundreds} 5xx, ${Number.isNaN(serve.missing) ? 'n/a' : serve.missing} not archived`,
			met: check(serve.ratio, (value) => value <= 3 && serve.fiveHundreds === 0 && serve.missing === 0),
		},
	];
}
