// `pnpm bench`: wamedia's downloads next to curl and the usual fetch-and-buffer approach, all in one run over
// loopback against @wamedia/sandbox (which serves from this process while the clients run in their own).
// Writes BENCHMARKS.md and benchmarks.json at the repository root. `--large` adds a 1 GiB file to item 1,
// `--runs N` changes the number of runs per figure (default 3).
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '@wamedia/sandbox';
import { measure, median, type Sample } from './measure.ts';

// `pnpm bench -- --runs 1` passes the `--` through: it is not an argument.
const { values: flags } = parseArgs({
	args: process.argv.slice(2).filter((argument) => argument !== '--'),
	options: { large: { type: 'boolean' }, runs: { type: 'string' } },
});
const runs = Number(flags.runs ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got ${flags.runs}`);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const cliBin = join(root, 'packages/core/dist/cli/bin.js');
const node = process.execPath;
const script = (name: string) => ['--disable-warning=ExperimentalWarning', join(here, name)];
let jobs = 0;
const MiB = 1024 * 1024;

interface Row {
	section: string;
	label: string;
	samples: Sample[];
	/** Bytes or files the run moved, for rates. */
	amount?: number;
	meta?: Record<string, unknown>;
}
const rows: Row[] = [];
const medianMs = (row: Row | undefined) => median(row?.samples.map((sample) => sample.milliseconds) ?? [Number.NaN]);
const medianRss = (row: Row | undefined) => {
	const values = (row?.samples ?? []).map((sample) => sample.maxRss).filter((value) => value !== undefined);
	return values.length === 0 ? undefined : median(values);
};
const find = (section: string, label: string) => rows.find((row) => row.section === section && row.label === label);

/** Runs every approach once per round, `runs` rounds, so that each figure's noise is shared with its comparison. */
async function rounds(section: string, approaches: Array<{ label: string; run: () => Promise<Sample>; amount?: number }>) {
	const section_ = approaches.map((approach) => {
		const row: Row = { section, label: approach.label, samples: [], ...(approach.amount === undefined ? {} : { amount: approach.amount }) };
		rows.push(row);
		return row;
	});
	for (let round = 0; round < runs; round++) {
		for (const [index, approach] of approaches.entries()) {
			const sample = await approach.run();
			section_[index]?.samples.push(sample);
			process.stderr.write(`  ${section} · ${approach.label}: ${sample.milliseconds.toFixed(0)} ms\n`);
		}
	}
}

const largeSizes = [64 * MiB, 256 * MiB, ...(flags.large ? [1024 * MiB] : [])];
const sandbox = await startSandbox({
	media: [
		...largeSizes.map((size) => ({ id: `large-${size / MiB}`, kind: 'bytes' as const, size, contentType: 'application/octet-stream' })),
		{ id: 'memory-1024', kind: 'bytes', size: 1024 * MiB, contentType: 'application/octet-stream' },
	],
});
const work = await mkdtemp(join(tmpdir(), 'wamedia-bench-'));
try {
	// Jobs go to the clients as files: a thousand links do not fit in one argument.
	const job = async (value: unknown) => {
		const file = join(work, `job-${jobs++}.json`);
		await writeFile(file, JSON.stringify(value));
		return file;
	};
	const fresh = async (name: string) => {
		const directory = join(work, name);
		await rm(directory, { recursive: true, force: true });
		await mkdir(directory, { recursive: true });
		return directory;
	};

	// 1 + 3. One large file to disk.
	for (const size of largeSizes) {
		const id = `large-${size / MiB}`;
		const url = sandbox.storageLink(id);
		const section = `large ${size / MiB} MiB`;
		const approaches = [
			{ label: 'curl -o', run: async () => measure('curl', ['-s', '-o', join(await fresh('curl'), 'file.bin'), url]) },
			{
				label: 'wamedia CLI',
				run: async () => measure(node, [cliBin, 'download', '--download-url', url, '--out', await fresh('cli'), '--allow-private-network']),
			},
			{
				label: 'wamedia library',
				run: async () =>
					measure(node, [
						...script('client-library.ts'),
						await job({ references: [{ downloadUrl: url }], directory: await fresh('library'), format: 'file', concurrency: 1 }),
					]),
			},
			...(size <= 256 * MiB
				? [
						{
							label: 'fetch + arrayBuffer',
							run: async () =>
								measure(node, [...script('client-usual.ts'), await job([{ url, path: join(await fresh('usual'), 'file.bin') }])]),
						},
					]
				: []),
		];
		await rounds(
			section,
			approaches.map((approach) => ({ ...approach, amount: size })),
		);
		const library = find(section, 'wamedia library')?.samples[0]?.report?.sha256;
		if (library !== sandbox.media.get(id).sha256) throw new Error(`${section}: the library's sha256 does not match the sandbox's`);
		const written = await stat(join(work, 'curl', 'file.bin'));
		if (written.size !== size) throw new Error(`${section}: curl wrote ${written.size} bytes`);
	}

	// 2 + 3. Many small files, concurrency 16.
	const smallCount = 1000;
	const smallUrls = Array.from({ length: smallCount }, (_, index) => {
		sandbox.media.add({ id: `small-${index}`, kind: 'jpeg', size: 64 * 1024 });
		return sandbox.storageLink(`small-${index}`);
	});
	const curlConfig = join(work, 'curl-batch.txt');
	/** curl --parallel over every small file, into a fresh directory. */
	const runCurlBatch = async (name: string) => {
		const directory = await fresh(name);
		await writeFile(curlConfig, smallUrls.map((url, index) => `url = "${url}"\noutput = "${join(directory, `${index}.jpg`)}"\n`).join(''));
		return measure('curl', ['-s', '--parallel', '--parallel-max', '16', '-K', curlConfig]);
	};
	await rounds('batch', [
		{
			label: 'curl --parallel --parallel-max 16',
			amount: smallCount,
			run: () => runCurlBatch('curl-batch'),
		},
		{
			label: 'wamedia downloadMany',
			amount: smallCount,
			run: async () =>
				measure(node, [
					...script('client-library.ts'),
					await job({
						references: smallUrls.map((url) => ({ downloadUrl: url })),
						directory: await fresh('library-batch'),
						format: 'file',
						concurrency: 16,
					}),
				]),
		},
		{
			label: 'fetch + arrayBuffer, sequential',
			amount: smallCount,
			run: async () => {
				const directory = await fresh('usual-batch');
				return measure(node, [
					...script('client-usual.ts'),
					await job(smallUrls.map((url, index) => ({ url, path: join(directory, `${index}.jpg`) }))),
				]);
			},
		},
	]);
	for (const name of ['curl-batch', 'library-batch', 'usual-batch']) {
		const count = (await readdir(join(work, name))).length;
		if (count !== smallCount) throw new Error(`batch: ${name} wrote ${count} files`);
	}

	// 4. Memory of the CLI.
	const gib = sandbox.storageLink('memory-1024');
	await rounds('memory', [
		{
			label: 'CLI, 1 GiB to disk',
			amount: 1024 * MiB,
			run: async () =>
				measure(node, [cliBin, 'download', '--download-url', gib, '--out', await fresh('memory'), '--allow-private-network']),
		},
		{
			label: 'CLI, 64 MiB as base64 to stdout',
			amount: 64 * MiB,
			run: () =>
				measure(
					node,
					[
						cliBin,
						'download',
						'--download-url',
						sandbox.storageLink('large-64'),
						'--format',
						'base64',
						'--max-bytes',
						String(64 * MiB),
						'--allow-private-network',
					],
					{
						discardStdout: true,
					},
				),
		},
	]);

	// Floors: single ingredients of a download, next to curl in the same rounds.
	const floorUrl = sandbox.storageLink('large-256');
	await rounds('floors', [
		{ label: 'curl -o, 256 MiB', run: async () => measure('curl', ['-s', '-o', join(await fresh('floor-curl'), 'file.bin'), floorUrl]) },
		{
			label: 'sha256 of 256 MiB in memory',
			run: async () => measure(node, [...script('client-floor.ts'), await job({ kind: 'sha256', bytes: 256 * MiB })]),
		},
		{
			label: 'fetch, read 256 MiB (no hash, no disk)',
			run: async () => measure(node, [...script('client-floor.ts'), await job({ kind: 'fetch', urls: [floorUrl], concurrency: 1 })]),
		},
		{
			label: 'curl --parallel, 1,000 × 64 KiB',
			run: () => runCurlBatch('floor-curl-batch'),
		},
		{
			label: 'fetch, read 1,000 × 64 KiB (no hash, no disk)',
			run: async () => measure(node, [...script('client-floor.ts'), await job({ kind: 'fetch', urls: smallUrls, concurrency: 16 })]),
		},
		{
			label: 'write 1,000 × 64 KiB files directly',
			run: async () =>
				measure(node, [
					...script('client-floor.ts'),
					await job({ kind: 'files', directory: await fresh('floor-plain'), count: 1000, size: 65_536, atomic: false, concurrency: 16 }),
				]),
		},
		{
			label: 'write 1,000 × 64 KiB files via temp + link',
			run: async () =>
				measure(node, [
					...script('client-floor.ts'),
					await job({ kind: 'files', directory: await fresh('floor-atomic'), count: 1000, size: 65_536, atomic: true, concurrency: 16 }),
				]),
		},
	]);

	// 5. Start-up.
	const startRuns = Math.max(runs, 10);
	const startup: Row[] = ['node -e 0', 'wamedia --version', "import('@wamedia/core')"].map((label) => ({
		section: 'start-up',
		label,
		samples: [],
	}));
	rows.push(...startup);
	for (let round = 0; round < startRuns; round++) {
		startup[0]?.samples.push(await measure(node, ['-e', '0']));
		startup[1]?.samples.push(await measure(node, [cliBin, '--version']));
		startup[2]?.samples.push(await measure(node, ['--input-type=module', '-e', "await import('@wamedia/core')"], { cwd: here }));
	}

	// 6. The resolve path: downloadFile + fetch for 100 messages within 5 requests per second.
	const messages = 100;
	const image = sandbox.media.get('image');
	const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
	await rounds('resolve', [
		{
			label: 'wamedia downloadMany (5 req/s)',
			amount: messages,
			run: async () =>
				measure(node, [
					...script('client-library.ts'),
					await job({
						references: Array.from({ length: messages }, () => ({ chatId: sandbox.chatId, idMessage: image.idMessage })),
						directory: await fresh('resolve'),
						format: 'file',
						concurrency: 16,
						greenApi: sandbox.greenApi,
					}),
				]),
		},
		{
			label: 'plain fetch, sequential, no limit',
			amount: messages,
			run: async () => {
				// A fresh second, so that the sandbox's window is not still full of the previous run's calls.
				await new Promise((resolve) => setTimeout(resolve, 1100));
				const directory = await fresh('resolve-usual');
				const downloadFileUrl = `${apiUrl}/waInstance${idInstance}/downloadFile/${apiTokenInstance}`;
				const items = Array.from({ length: messages }, (_, index) => ({
					message: { downloadFileUrl, chatId: sandbox.chatId, idMessage: image.idMessage },
					path: join(directory, `${index}.jpg`),
				}));
				return measure(node, [...script('client-usual.ts'), await job(items)]);
			},
		},
	]);
} finally {
	await sandbox.close();
	await rm(work, { recursive: true, force: true });
}

// Report.
const seconds = (ms: number) =>
	ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const megabytes = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);
const ratio = (value: number) => `${value.toFixed(2)}×`;
const lines: string[] = [];
const cpu = cpus();
lines.push(
	'# Benchmarks',
	'',
	`Measured by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${process.platform}/${process.arch}.`,
	`Every figure is the median of ${runs} runs (start-up: ${Math.max(runs, 10)}); within a section the approaches take turns, so each ratio compares runs made side by side.`,
	'All traffic is loopback to @wamedia/sandbox, which serves from the benchmark process while each client runs in its own process.',
	'Times of the library clients exclude Node start-up; times of the CLI and curl are whole processes. Peak RSS comes from GNU time.',
	'',
	'## 1. One large file to disk (and 3. the usual approach)',
	'',
	'| size | approach | time | throughput | vs curl | peak RSS |',
	'| --- | --- | --- | --- | --- | --- |',
);
for (const size of largeSizes) {
	const section = `large ${size / MiB} MiB`;
	const curl = medianMs(find(section, 'curl -o'));
	for (const row of rows.filter((item) => item.section === section)) {
		const ms = medianMs(row);
		lines.push(
			`| ${size / MiB} MiB | ${row.label} | ${seconds(ms)} | ${(size / 1e6 / (ms / 1000)).toFixed(0)} MB/s | ${ratio(curl / ms)} | ${megabytes(medianRss(row))} |`,
		);
	}
}
const curlBatch = medianMs(find('batch', 'curl --parallel --parallel-max 16'));
lines.push(
	'',
	'## 2. 1,000 files of 64 KiB, concurrency 16 (and 3. the usual approach)',
	'',
	'| approach | time | files/s | vs curl --parallel | peak RSS |',
	'| --- | --- | --- | --- | --- |',
);
for (const row of rows.filter((item) => item.section === 'batch')) {
	const ms = medianMs(row);
	lines.push(
		`| ${row.label} | ${seconds(ms)} | ${((row.amount ?? 0) / (ms / 1000)).toFixed(0)} | ${ratio(curlBatch / ms)} | ${megabytes(medianRss(row))} |`,
	);
}
lines.push('', '## 4. Memory', '', '| what | body | peak RSS |', '| --- | --- | --- |');
for (const row of rows.filter((item) => item.section === 'memory'))
	lines.push(`| ${row.label} | ${megabytes(row.amount)} | ${megabytes(medianRss(row))} |`);
lines.push('', '## 5. Start-up', '', '| command | median |', '| --- | --- |');
for (const row of rows.filter((item) => item.section === 'start-up')) lines.push(`| \`${row.label}\` | ${seconds(medianMs(row))} |`);
const minimumResolve = (Math.ceil(100 / 5) - 1) * 1000;
lines.push(
	'',
	'## 6. Resolve path: downloadFile + fetch for 100 messages',
	'',
	`The limit of 5 downloadFile requests per second allows 100 in no less than ${seconds(minimumResolve)} (the last five start 19 s after the first five).`,
	'',
	'| approach | time | vs minimum | failed |',
	'| --- | --- | --- | --- |',
);
for (const row of rows.filter((item) => item.section === 'resolve')) {
	const failed = row.samples.map((sample) => Number(sample.report?.failed ?? 0));
	lines.push(`| ${row.label} | ${seconds(medianMs(row))} | ${ratio(medianMs(row) / minimumResolve)} | ${median(failed)} of 100 |`);
}
lines.push(
	'',
	'## Floors: what the throughput targets are up against',
	'',
	'Single ingredients of a download, each in its own process, in the same rounds as curl. A download cannot be faster than',
	'its slowest necessary ingredient on one core: the sha256 that every result carries, the fetch stack (ky is fetch-based),',
	'and, for files, the temporary name that keeps a partial file from ever carrying the final name.',
	'',
	'| ingredient | time | peak RSS |',
	'| --- | --- | --- |',
);
for (const row of rows.filter((item) => item.section === 'floors'))
	lines.push(`| ${row.label} | ${seconds(medianMs(row))} | ${megabytes(medianRss(row))} |`);
const large256 = medianMs(find('large 256 MiB', 'wamedia CLI'));
const curl256 = medianMs(find('large 256 MiB', 'curl -o'));
const batch = medianMs(find('batch', 'wamedia downloadMany'));
const rss = medianRss(find('memory', 'CLI, 1 GiB to disk'));
const start = medianMs(find('start-up', 'wamedia --version'));
const targets = [
	['one 256 MiB file to disk ≥ 0.9 × curl', ratio(curl256 / large256), curl256 / large256 >= 0.9],
	['1,000 × 64 KiB ≥ 1.0 × curl --parallel', ratio(curlBatch / batch), curlBatch / batch >= 1],
	['peak RSS, 1 GiB to disk ≤ 100 MB', megabytes(rss), rss !== undefined && rss <= 100e6],
	['CLI start (`wamedia --version`) ≤ 150 ms', seconds(start), start <= 150],
] as const;
lines.push('', '## Targets (DESIGN.md §6)', '', '| target | measured | met |', '| --- | --- | --- |');
for (const [target, measured, met] of targets) lines.push(`| ${target} | ${measured} | ${met ? 'yes' : 'no'} |`);
lines.push('');
writeFileSync(join(root, 'BENCHMARKS.md'), lines.join('\n'));
writeFileSync(
	join(root, 'benchmarks.json'),
	`${JSON.stringify({ date: new Date().toISOString(), cpus: cpu.length, cpuModel: cpu[0]?.model.trim(), node: process.version, runs, rows }, null, '\t')}\n`,
);
console.log(lines.join('\n'));
