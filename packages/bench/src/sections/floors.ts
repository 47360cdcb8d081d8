import { join } from 'node:path';
import { batchConcurrency, curlParallel, curlToFile, runClient, sha256sum, sha256sumAll } from '../commands.ts';
import { writeCurlConfig } from '../curl-config.ts';
import { megabytes, seconds, table } from '../format.ts';
import type { Sample } from '../measure.ts';
import { bytesMedia, MiB, smallFileLinks, smallFiles } from '../media.ts';
import { medianMilliseconds, medianRss } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

const batchName = `${smallFiles.count.toLocaleString('en')} × ${smallFiles.size / 1024} KiB`;

/** Single ingredients of a download, each in its own process, in the same rounds as curl. */
export const floors: Section = {
	name: 'floors',
	async measure({ sandbox, results, workspace, runs }) {
		const large = bytesMedia(sandbox, 256 * MiB);
		const largeLink = () => sandbox.storageLink(large.id);
		const links = smallFileLinks(sandbox);
		const curlConfig = join(workspace.root, 'curl-floors.txt');
		// What sha256sum reads: written once, before the rounds.
		const largeFile = join(await workspace.fresh('floor-file'), 'file.bin');
		await curlToFile(largeLink(), largeFile);
		const smallDirectory = await workspace.fresh('floor-small');
		await curlParallel(await writeCurlConfig(curlConfig, links, smallDirectory));

		const discard = async (stack: 'fetch' | 'undici' | 'socket', urls: string[], bytes: number) => {
			const concurrency = urls.length === 1 ? 1 : batchConcurrency;
			const sample = await runClient('client-discard.ts', await workspace.job({ stack, urls, concurrency }));
			if (sample.report?.bytes !== bytes) throw new Error(`${stack}: read ${sample.report?.bytes} of ${bytes} bytes`);
			return sample;
		};
		const hash = async (block: number) => runClient('client-sha256.ts', await workspace.job({ bytes: 256 * MiB, block }));
		const write = async (atomic: boolean): Promise<Sample> => {
			const directory = await workspace.fresh(atomic ? 'floor-atomic' : 'floor-plain');
			const job = { directory, count: smallFiles.count, size: smallFiles.size, atomic, concurrency: batchConcurrency };
			return runClient('client-files.ts', await workspace.job(job));
		};
		const batchBytes = smallFiles.count * smallFiles.size;
		await rounds(results, 'floors', runs, [
			{ label: 'curl -o, 256 MiB', run: async () => curlToFile(largeLink(), join(await workspace.fresh('floor-curl'), 'file.bin')) },
			{ label: '`sha256sum` of the 256 MiB file', run: () => sha256sum(largeFile) },
			{ label: 'Node crypto sha256 of 256 MiB in memory, 1 MiB updates', run: () => hash(MiB) },
			{ label: 'Node crypto sha256 of 256 MiB in memory, 64 KiB updates', run: () => hash(64 * 1024) },
			{ label: 'raw net socket, read and discard 256 MiB', run: () => discard('socket', [largeLink()], 256 * MiB) },
			{ label: 'undici.request, read and discard 256 MiB', run: () => discard('undici', [largeLink()], 256 * MiB) },
			{ label: 'fetch, read and discard 256 MiB', run: () => discard('fetch', [largeLink()], 256 * MiB) },
			{
				label: `curl --parallel, ${batchName}`,
				run: async () => curlParallel(await writeCurlConfig(curlConfig, links, await workspace.fresh('floor-curl-batch'))),
			},
			{ label: `\`sha256sum\` of ${batchName} files`, run: () => sha256sumAll(smallDirectory) },
			{ label: `undici.request on one Agent, read and discard ${batchName}`, run: () => discard('undici', links, batchBytes) },
			{ label: `fetch, read and discard ${batchName}`, run: () => discard('fetch', links, batchBytes) },
			{ label: `write ${batchName} files directly`, run: () => write(false) },
			{ label: `write ${batchName} files via temp + link`, run: () => write(true) },
		]);
	},
	render(results) {
		const rows = results.section('floors').map((row) => [row.label, seconds(medianMilliseconds(row)), megabytes(medianRss(row))]);
		return [
			'## Floors: what the throughput targets are up against',
			'',
			'Single ingredients of a download, each in its own process, in the same rounds as curl. A download cannot be faster',
			'than its slowest necessary ingredient on one core: the HTTP stack that receives the bytes, the sha256 that every',
			'result carries, and, for files, the temporary name that keeps a partial file from ever carrying the final name.',
			`Node clients report the time of their work (start-up excluded); curl and sha256sum are whole processes. Concurrency ${batchConcurrency} for batches.`,
			'',
			...table(['ingredient', 'time', 'peak RSS'], rows),
		];
	},
};
