// Floor: Node's sha256 alone, over bytes already in memory, fed `block` bytes per update (1 MiB, or 64 KiB like
// socket reads). argv[2] is a JSON job file; prints one JSON line with the milliseconds the hashing took.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as { bytes: number; block: number };
const block = Buffer.alloc(job.block, 7);
const started = performance.now();
const hash = createHash('sha256');
for (let done = 0; done < job.bytes; done += block.length) hash.update(block);
hash.digest('hex');
console.log(JSON.stringify({ milliseconds: performance.now() - started, maxRss: process.resourceUsage().maxRSS * 1024 }));
