// Floors: the cost of single ingredients of a download, each in its own process, so that BENCHMARKS.md can
// show what the targets are up against on this machine. argv[2] is a JSON job file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

type Job =
	| { kind: 'sha256'; bytes: number }
	| { kind: 'fetch'; urls: string[]; concurrency: number }
	| { kind: 'files'; directory: string; count: number; size: number; atomic: boolean; concurrency: number };

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;

/** Runs `work` for 0..count-1 with `concurrency` workers. */
async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) await work(next++);
		}),
	);
}

const started = performance.now();
if (job.kind === 'sha256') {
	// Hashing alone, in memory: 1 MiB at a time.
	const block = Buffer.alloc(1024 * 1024, 7);
	const hash = createHash('sha256');
	for (let done = 0; done < job.bytes; done += block.length) hash.update(block);
	hash.digest('hex');
} else if (job.kind === 'fetch') {
	// fetch, reading every body to its end: no hashing, no disk.
	await pool(job.urls.length, job.concurrency, async (index) => {
		const response = await fetch(job.urls[index] ?? '');
		const reader = response.body?.getReader();
		while (reader !== undefined && !(await reader.read()).done);
	});
} else {
	// Writing files: plainly (like curl), or to a temporary name linked into place (like wamedia).
	await mkdir(job.directory, { recursive: true });
	const data = Buffer.alloc(job.size, 1);
	await pool(job.count, job.concurrency, async (index) => {
		const target = join(job.directory, `${index}.bin`);
		const path = job.atomic ? join(job.directory, `.${index}.part`) : target;
		const handle = await open(path, 'wx');
		await handle.writev([data]);
		await handle.close();
		if (job.atomic) {
			await link(path, target);
			await unlink(path);
		}
	});
}
console.log(JSON.stringify({ milliseconds: performance.now() - started, maxRss: process.resourceUsage().maxRSS * 1024 }));
