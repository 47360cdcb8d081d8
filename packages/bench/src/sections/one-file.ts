import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { curlThenSha256sum, curlToFile, runCli, runClient } from '../commands.ts';
import { megabytes, ratio, seconds, table, throughput } from '../format.ts';
import { bytesMedia, MiB } from '../media.ts';
import { medianMilliseconds, medianRss, type Results } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

/** The anchor: the same work as a verified download, done by the usual tools. */
export const fileAnchor = 'curl -o && sha256sum';
const sizes = (large: boolean) => [256 * MiB, ...(large ? [1024 * MiB] : [])];
const sectionName = (size: number) => `file ${size / MiB} MiB`;

/** One large file to disk: the CLI and the library next to curl, with and without the hash. */
export const oneFile: Section = {
	name: 'file',
	async measure({ sandbox, results, workspace, runs, large }) {
		for (const size of sizes(large)) {
			const media = bytesMedia(sandbox, size);
			const link = () => sandbox.storageLink(media.id);
			const expectFile = async (directory: string) => {
				const [name, ...others] = await readdir(directory);
				const written = name === undefined ? 0 : (await stat(join(directory, name))).size;
				if (others.length > 0 || written !== size) throw new Error(`${sectionName(size)}: expected one file of ${size} bytes`);
			};
			await rounds(results, sectionName(size), runs, [
				{ label: 'curl -o', amount: size, run: async () => curlToFile(link(), join(await workspace.fresh('curl'), 'file.bin')) },
				{
					label: fileAnchor,
					amount: size,
					run: async () => {
						const sample = await curlThenSha256sum(link(), join(await workspace.fresh('anchor'), 'file.bin'));
						if (!sample.stdout.startsWith(media.sha256)) throw new Error(`${fileAnchor}: unexpected digest ${sample.stdout}`);
						return sample;
					},
				},
				{
					label: 'wamedia CLI',
					amount: size,
					run: async () => {
						const directory = await workspace.fresh('cli');
						const sample = await runCli(link(), directory);
						await expectFile(directory);
						return sample;
					},
				},
				{
					label: 'wamedia library',
					amount: size,
					run: async () => {
						const job = {
							references: [{ downloadUrl: link() }],
							directory: await workspace.fresh('library'),
							format: 'file',
							concurrency: 1,
						};
						const sample = await runClient('client-library.ts', await workspace.job(job));
						if (sample.report?.sha256 !== media.sha256) throw new Error('wamedia library: the sha256 does not match the sandbox');
						return sample;
					},
				},
				...(size <= 256 * MiB
					? [
							{
								label: 'fetch + arrayBuffer',
								amount: size,
								run: async () => {
									const job = [{ url: link(), path: join(await workspace.fresh('usual'), 'file.bin') }];
									return runClient('client-usual.ts', await workspace.job(job));
								},
							},
						]
					: []),
			]);
		}
	},
	render(results) {
		const lines = [
			'## 1. One large file to disk',
			'',
			`The CLI against the same work done by curl and coreutils (\`curl -s -o f URL && sha256sum f\`), and against plain`,
			'`curl -o`, which neither hashes nor checks anything. The library times exclude Node start-up; the others are whole processes.',
			'',
		];
		const rows: string[][] = [];
		for (const size of [256 * MiB, 1024 * MiB]) {
			const section = results.section(sectionName(size));
			if (section.length === 0) continue;
			const anchor = results.median(sectionName(size), fileAnchor);
			const curl = results.median(sectionName(size), 'curl -o');
			for (const row of section) {
				const milliseconds = medianMilliseconds(row);
				rows.push([
					`${size / MiB} MiB`,
					row.label,
					seconds(milliseconds),
					throughput(size, milliseconds),
					ratio(anchor / milliseconds),
					ratio(curl / milliseconds),
					megabytes(medianRss(row)),
				]);
			}
		}
		return [...lines, ...table(['size', 'approach', 'time', 'throughput', `vs ${fileAnchor}`, 'vs curl -o', 'peak RSS'], rows)];
	},
};

/** The ratio the target is judged on: the anchor's time over the CLI's, for 256 MiB. */
export const oneFileRatio = (results: Results): number =>
	results.median(sectionName(256 * MiB), fileAnchor) / results.median(sectionName(256 * MiB), 'wamedia CLI');
