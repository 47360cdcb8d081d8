// Floors: receiving bodies and dropping them, with no hash and no disk, through one of three stacks, so that
// BENCHMARKS.md can show what the HTTP stack alone costs. argv[2] is a JSON job file; prints one JSON line with
// the milliseconds the work took (process start-up excluded) and the bytes received.
import { readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Agent, request } from 'undici';
import { pool } from './pool.ts';
import { rawGet } from './raw-get.ts';

interface Job {
	stack: 'fetch' | 'undici' | 'socket';
	urls: string[];
	concurrency: number;
}

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
const agent = new Agent({ connections: job.concurrency });
let bytes = 0;

const receive: Record<Job['stack'], (url: string) => Promise<void>> = {
	async fetch(url) {
		const response = await fetch(url);
		if (response.status !== 200 || response.body === null) throw new Error(`fetch: status ${response.status}`);
		const reader = response.body.getReader();
		for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
	},
	async undici(url) {
		const { statusCode, body } = await request(url, { dispatcher: agent });
		if (statusCode !== 200) throw new Error(`undici.request: status ${statusCode}`);
		body.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
		});
		await finished(body);
	},
	async socket(url) {
		bytes += await rawGet(url);
	},
};

const started = performance.now();
await pool(job.urls.length, job.concurrency, (index) => receive[job.stack](job.urls[index] ?? ''));
const milliseconds = performance.now() - started;
await agent.close();
console.log(JSON.stringify({ milliseconds, maxRss: process.resourceUsage().maxRSS * 1024, bytes }));
