// One measured run of the wamedia library in its own process. argv[2] is a JSON job file; prints one JSON line
// with the milliseconds the work took (process start-up excluded) and the peak RSS.
import { readFileSync } from 'node:fs';
import { createClient, type MediaReference } from '@wamedia/core';

interface Job {
	references: MediaReference[];
	directory: string;
	format: 'file' | 'base64';
	concurrency: number;
	greenApi?: { apiUrl: string; idInstance: string; apiTokenInstance: string };
}

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
const client = createClient({
	directory: job.directory,
	format: job.format,
	concurrency: job.concurrency,
	allowPrivateNetwork: true,
	...(job.greenApi === undefined ? {} : { greenApi: job.greenApi }),
});
const started = performance.now();
const results = await client.downloadMany(job.references);
const milliseconds = performance.now() - started;
const failed = results.filter((result) => !result.success);
if (failed.length > 0) {
	console.error(JSON.stringify(failed[0]));
	process.exit(1);
}
const sha256 = results.map((result) => (result.success && 'sha256' in result ? result.sha256 : undefined));
console.log(JSON.stringify({ milliseconds, maxRss: process.resourceUsage().maxRSS * 1024, sha256: sha256[0] }));
