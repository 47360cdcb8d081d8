// Floor: writing many small files, plainly (like curl) or to a temporary name linked into place (like wamedia,
// so that a partial file never carries the final name). argv[2] is a JSON job file; prints one JSON line with the
// milliseconds the writes took.
import { readFileSync } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pool } from './pool.ts';

interface Job {
	directory: string;
	count: number;
	size: number;
	atomic: boolean;
	concurrency: number;
}

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
const data = Buffer.alloc(job.size, 1);
const started = performance.now();
await mkdir(job.directory, { recursive: true });
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
console.log(JSON.stringify({ milliseconds: performance.now() - started, maxRss: process.resourceUsage().maxRSS * 1024 }));
