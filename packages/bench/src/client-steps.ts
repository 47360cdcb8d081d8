// A verified batch the way a plain Node script does it: only the steps every file needs, in plain code — undici.request on one Agent,
// the body's sha256, a temporary file created exclusively, one write, the final name linked, the temporary one
// removed. No URL policy, redirects, naming, sniffing, retries or reporting. BENCHMARKS.md sets the CLI next to
// it. argv[2] is a JSON job file; prints one JSON line with the milliseconds the work took (start-up excluded).
import { createHash } from 'node:crypto';
import { closeSync, linkSync, open, readFileSync, unlinkSync, writevSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { pool } from './pool.ts';

interface Job {
	urls: string[];
	directory: string;
	concurrency: number;
}

const openFile = promisify(open);
const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
const agent = new Agent({ connections: job.concurrency });
const started = performance.now();
await mkdir(job.directory, { recursive: true });
await pool(job.urls.length, job.concurrency, async (index) => {
	const temporary = join(job.directory, `.${index}.part`);
	const opening = openFile(temporary, 'wx');
	const { statusCode, body } = await request(job.urls[index] ?? '', { dispatcher: agent });
	if (statusCode !== 200) throw new Error(`steps: status ${statusCode}`);
	const hash = createHash('sha256');
	const chunks: Buffer[] = [];
	for await (const chunk of body as AsyncIterable<Buffer>) {
		hash.update(chunk);
		chunks.push(chunk);
	}
	hash.digest('hex');
	const fd = await opening;
	writevSync(fd, chunks, 0);
	closeSync(fd);
	linkSync(temporary, join(job.directory, `${index}.bin`));
	unlinkSync(temporary);
});
const milliseconds = performance.now() - started;
await agent.close();
console.log(JSON.stringify({ milliseconds, maxRss: process.resourceUsage().maxRSS * 1024 }));
