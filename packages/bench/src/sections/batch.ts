import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { batchConcurrency, curlParallel, curlParallelThenSha256sum, runClient } from '../commands.ts';
import { writeCurlConfig } from '../curl-config.ts';
import { megabytes, ratio, seconds, table } from '../format.ts';
import { smallFileLinks, smallFiles } from '../media.ts';
import { medianMilliseconds, medianProcessMilliseconds, medianRss, type Results } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

/** The anchor: the same work as a verified batch, done by the usual tools. */
export const batchAnchor = 'curl --parallel && sha256sum';
const plainCurl = `curl --parallel --parallel-max ${batchConcurrency}`;

/** Many small files to disk: `downloadMany` next to curl --parallel, with and without the hash. */
export const batch: Section = {
	name: 'batch',
	async measure({ sandbox, results, workspace, runs }) {
		const links = smallFileLinks(sandbox);
		const expectFiles = async (directory: string) => {
			const count = (await readdir(directory)).length;
			if (count !== smallFiles.count) throw new Error(`batch: ${directory} holds ${count} files`);
		};
		const config = (directory: string) => writeCurlConfig(join(workspace.root, 'curl-batch.txt'), links, directory);
		await rounds(results, 'batch', runs, [
			{
				label: plainCurl,
				amount: smallFiles.count,
				run: async () => {
					const directory = await workspace.fresh('curl-batch');
					const sample = await curlParallel(await config(directory));
					await expectFiles(directory);
					return sample;
				},
			},
			{
				label: batchAnchor,
				amount: smallFiles.count,
				run: async () => {
					const directory = await workspace.fresh('anchor-batch');
					return curlParallelThenSha256sum(await config(directory), directory);
				},
			},
			{
				label: 'wamedia downloadMany',
				amount: smallFiles.count,
				run: async () => {
					const directory = await workspace.fresh('library-batch');
					const job = {
						references: links.map((downloadUrl) => ({ downloadUrl })),
						directory,
						format: 'file',
						concurrency: batchConcurrency,
					};
					const sample = await runClient('client-library.ts', await workspace.job(job));
					await expectFiles(directory);
					return sample;
				},
			},
			{
				label: 'fetch + arrayBuffer, sequential',
				amount: smallFiles.count,
				run: async () => {
					const directory = await workspace.fresh('usual-batch');
					const job = links.map((url, index) => ({ url, path: join(directory, `${index}.jpg`) }));
					return runClient('client-usual.ts', await workspace.job(job));
				},
			},
		]);
	},
	render(results) {
		const anchor = results.median('batch', batchAnchor);
		const curl = results.median('batch', plainCurl);
		const rows = results.section('batch').map((row) => {
			const milliseconds = medianMilliseconds(row);
			return [
				row.label,
				seconds(milliseconds),
				seconds(medianProcessMilliseconds(row)),
				((row.amount ?? 0) / (milliseconds / 1000)).toFixed(0),
				ratio(anchor / milliseconds),
				ratio(curl / milliseconds),
				megabytes(medianRss(row)),
			];
		});
		return [
			`## 2. ${smallFiles.count.toLocaleString('en')} files of ${smallFiles.size / 1024} KiB, concurrency ${batchConcurrency}`,
			'',
			'`downloadMany` (files, sha256 of each) against curl --parallel followed by `sha256sum` of the files, and against plain',
			'curl --parallel. "time" of the library clients excludes Node start-up (a library call pays it once, not per batch);',
			'"whole process" includes it.',
			'',
			...table(['approach', 'time', 'whole process', 'files/s', `vs ${batchAnchor}`, 'vs curl --parallel', 'peak RSS'], rows),
		];
	},
};

/** The ratio the target is judged on: the anchor's time over `downloadMany`'s. */
export const batchRatio = (results: Results): number =>
	results.median('batch', batchAnchor) / results.median('batch', 'wamedia downloadMany');
