import { node, runCli, runClient, runCliWith } from '../commands.ts';
import { megabytes, seconds, table } from '../format.ts';
import { measure } from '../measure.ts';
import { bytesMedia, MiB } from '../media.ts';
import { medianMilliseconds, medianRss, type Results } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

const cliGiB = 'wamedia CLI, 1 GiB to disk';

/** Peak RSS of the CLI on a 1 GiB download, next to the floors of Node itself. */
export const memory: Section = {
	name: 'memory',
	async measure({ sandbox, results, workspace, runs }) {
		const gib = bytesMedia(sandbox, 1024 * MiB).id;
		const small = bytesMedia(sandbox, 64 * MiB).id;
		const discard = async (stack: 'undici' | 'socket') => {
			const sample = await runClient('client-discard.ts', await workspace.job({ stack, urls: [sandbox.storageLink(gib)], concurrency: 1 }));
			if (sample.report?.bytes !== 1024 * MiB) throw new Error(`${stack}: read ${sample.report?.bytes} bytes`);
			return sample;
		};
		await rounds(results, 'memory', runs, [
			{ label: cliGiB, amount: 1024 * MiB, run: async () => runCli(sandbox.storageLink(gib), await workspace.fresh('memory')) },
			{ label: 'node -e 0', run: () => measure(node, ['-e', '0']) },
			{ label: 'undici.request, read and discard 1 GiB', amount: 1024 * MiB, run: () => discard('undici') },
			{ label: 'raw net socket, read and discard 1 GiB', amount: 1024 * MiB, run: () => discard('socket') },
			{
				label: 'wamedia CLI, 64 MiB as base64 to stdout',
				amount: 64 * MiB,
				run: () =>
					runCliWith(
						[
							'download',
							'--download-url',
							sandbox.storageLink(small),
							'--format',
							'base64',
							'--max-bytes',
							String(64 * MiB),
							'--allow-private-network',
						],
						{ discardStdout: true },
					),
			},
		]);
	},
	render(results) {
		const rows = results
			.section('memory')
			.map((row) => [
				row.label,
				row.amount === undefined ? '—' : megabytes(row.amount),
				seconds(medianMilliseconds(row)),
				megabytes(medianRss(row)),
			]);
		return [
			'## 3. Memory',
			'',
			'Peak RSS of the CLI, next to the floors: an empty Node process (most of it the pages of the Node binary itself), and',
			'undici.request or a bare socket reading the same 1 GiB and dropping it (Node allocates a buffer per socket read and',
			'frees it at the next scavenge, so RSS tracks buffers waiting for GC, not the body size).',
			'',
			...table(['what', 'body', 'time', 'peak RSS'], rows),
		];
	},
};

/** Peak RSS of the CLI downloading 1 GiB to disk, in bytes. */
export const cliPeakRss = (results: Results): number | undefined => results.medianRss('memory', cliGiB);

/** The floors shown next to the CLI's peak RSS. */
export const memoryFloors = (results: Results) => ({
	node: results.medianRss('memory', 'node -e 0'),
	undici: results.medianRss('memory', 'undici.request, read and discard 1 GiB'),
});
