import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchConcurrency, curlParallel, curlParallelThenSha256sum, runCliBatch, runClient, runClientAsCli } from '../commands.ts';
import { writeCurlConfig } from '../curl-config.ts';
import { megabytes, ratio, seconds, table } from '../format.ts';
import { smallFileLinks, smallFiles } from '../media.ts';
import { medianMilliseconds, medianProcessMilliseconds, medianRss, type Results } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

/** The anchor: the same work as a verified batch, done by the usual tools. */
export const batchAnchor = 'curl --parallel && sha256sum';
/** The batch as a user pays it: Node's start, loading wamedia, then `downloadMany` behind the CLI. */
const cliBatch = 'wamedia download --input (CLI)';
const library = 'wamedia downloadMany';
const plainCurl = `curl --parallel --parallel-max ${batchConcurrency}`;
/** The steps every verified file needs, in plain Node code and nothing else. */
const stepsFloor = 'the same steps in plain Node: undici.request + sha256 + temp file + link';

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
		const input = join(workspace.root, 'batch.ndjson');
		await writeFile(input, links.map((downloadUrl) => `${JSON.stringify({ downloadUrl })}\n`).join(''));
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
				label: cliBatch,
				amount: smallFiles.count,
				run: async () => {
					const directory = await workspace.fresh('cli-batch');
					const sample = await runCliBatch(input, directory);
					await expectFiles(directory);
					return sample;
				},
			},
			{
				label: library,
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
				label: stepsFloor,
				amount: smallFiles.count,
				run: async () => {
					const directory = await workspace.fresh('steps-batch');
					const sample = await runClientAsCli(
						'client-steps.ts',
						await workspace.job({ urls: links, directory, concurrency: batchConcurrency }),
					);
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
			const whole = medianProcessMilliseconds(row);
			// Library clients: their own work, and (in brackets) their whole process, which also pays for Node
			// stripping the types of the bench's TypeScript client. Commands: the whole process only.
			const inProcess = milliseconds !== whole;
			const versus = (other: number) => (inProcess ? `${ratio(other / milliseconds)} (${ratio(other / whole)})` : ratio(other / whole));
			return [
				row.label,
				inProcess ? seconds(milliseconds) : '—',
				seconds(whole),
				((row.amount ?? 0) / (milliseconds / 1000)).toFixed(0),
				versus(anchor),
				versus(curl),
				megabytes(medianRss(row)),
			];
		});
		return [
			`## 2. ${smallFiles.count.toLocaleString('en')} files of ${smallFiles.size / 1024} KiB, concurrency ${batchConcurrency}`,
			'',
			'`downloadMany` (files, sha256 of each) against curl --parallel followed by `sha256sum` of the files, and against plain',
			'curl --parallel. The CLI row is the batch as a user pays it, a whole process: Node starts, loads wamedia, reads the',
			'list of links and runs `downloadMany`; the target is judged on it. "in process" of the library clients is the time of',
			'their work alone (a program that already runs pays only that); their ratios in brackets are for the whole process.',
			'"The same steps in plain Node" does only what every verified file needs (request, hash, temporary file, link), the',
			"way a script would, with undici.request and the command's Node flags. The CLI does all of wamedia's work besides (URL",
			'policy, redirects, naming, sniffing, reporting) on its own HTTP/1.1 client; docs/transfer.md#start-up says where it goes.',
			'',
			...table(['approach', 'in process', 'whole process', 'files/s', `vs ${batchAnchor}`, 'vs curl --parallel', 'peak RSS'], rows),
		];
	},
};

/** The ratio the target is judged on: the anchor's time over the CLI batch's, both whole processes. */
export const batchRatio = (results: Results): number =>
	results.median('batch', batchAnchor) / medianProcessMilliseconds(results.find('batch', cliBatch));

/** The library's ratio, its work alone (Node already running). */
export const batchLibraryRatio = (results: Results): number => results.median('batch', batchAnchor) / results.median('batch', library);
