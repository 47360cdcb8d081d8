import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '@wamedia/sandbox';
import { cliArguments, node } from '../commands.ts';
import { ratio, seconds, table } from '../format.ts';
import type { Sample } from '../measure.ts';
import { pool } from '../pool.ts';
import { medianMilliseconds, type Results } from '../results.ts';
import type { Section } from '../section.ts';

/** The burst: how many webhooks, from how many senders at once, each naming a media of this size. */
export const burst = { webhooks: 1000, senders: 16, mediaSize: 16 * 1024 } as const;

const floorScript = fileURLToPath(new URL('../serve-floor.ts', import.meta.url));
const floorLabel = 'bare node:http + fsync per body';
const serveLabel = 'wamedia serve';

/** What one burst against one receiver came to. */
interface BurstOutcome {
	p50: number;
	p99: number;
	fiveHundreds: number;
	/** Milliseconds from the first send until every media was archived (wamedia only). */
	archived: number | undefined;
}

/** Green-API webhooks of the burst's media, registered on first use. */
function burstBodies(sandbox: Sandbox): Buffer[] {
	const registered = new Set(sandbox.media.list().map((media) => media.id));
	return Array.from({ length: burst.webhooks }, (_, index) => {
		const id = `burst-${index}`;
		if (!registered.has(id)) sandbox.media.add({ id, kind: 'jpeg', size: burst.mediaSize });
		return Buffer.from(JSON.stringify(sandbox.webhooks.greenApi(id)));
	});
}

/** Starts a receiver process and waits for the first line that names its URL. */
async function startReceiver(
	command: string[],
	onLine: (line: string) => void,
	env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(node, command, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
	let buffered = '';
	let resolveUrl: (url: string) => void = () => undefined;
	const url = new Promise<string>((resolve) => {
		resolveUrl = resolve;
	});
	child.stdout?.on('data', (chunk: Buffer) => {
		buffered += chunk;
		let end = buffered.indexOf('\n');
		while (end !== -1) {
			const line = buffered.slice(0, end);
			buffered = buffered.slice(end + 1);
			const named = /"url":"([^"]+)"/.exec(line);
			if (named) resolveUrl(named[1] as string);
			onLine(line);
			end = buffered.indexOf('\n');
		}
	});
	return { child, url: await url };
}

/** Sends every body, `burst.senders` at a time over keep-alive connections; times each until its answer. */
async function send(url: string, bodies: Buffer[], headers: Record<string, string>): Promise<{ times: number[]; fiveHundreds: number }> {
	const agent = new Agent({ keepAlive: true, maxSockets: burst.senders });
	const times: number[] = [];
	let fiveHundreds = 0;
	await pool(bodies.length, burst.senders, async (index) => {
		const body = bodies[index] as Buffer;
		const started = performance.now();
		const status = await new Promise<number>((resolve, reject) => {
			const outgoing = request(
				url,
				{ method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers } },
				(response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode ?? 0));
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
		times.push(performance.now() - started);
		if (status >= 500 || status === 0) fiveHundreds++;
	});
	agent.destroy();
	return { times, fiveHundreds };
}

function percentile(values: number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

async function stop(child: ChildProcess): Promise<void> {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

function sample(milliseconds: number, report: Record<string, unknown> = {}): Sample {
	return { milliseconds, processMilliseconds: milliseconds, maxRss: undefined, report, stdout: '' };
}

/**
 * `wamedia serve` under a burst of webhooks next to the floor (a bare node:http server that fsyncs each body):
 * time-to-200 p50 and p99 of both, and how long wamedia takes to archive every media, in one run.
 */
export const serveBurst: Section = {
	name: 'serve',
	async measure({ sandbox, results, workspace, runs }) {
		const bodies = burstBodies(sandbox);
		const token = sandbox.webhookSecrets.webhookToken;
		const rows = {
			floorP50: results.add('serve', `${floorLabel}: time-to-200 p50`),
			floorP99: results.add('serve', `${floorLabel}: time-to-200 p99`),
			serveP50: results.add('serve', `${serveLabel}: time-to-200 p50`),
			serveP99: results.add('serve', `${serveLabel}: time-to-200 p99`),
			archived: results.add('serve', `${serveLabel}: every media archived`, burst.webhooks),
		};
		for (let round = 0; round < runs; round++) {
			const floorDirectory = await workspace.fresh('serve-floor');
			const floor = await startReceiver(['--disable-warning=ExperimentalWarning', floorScript, floorDirectory], () => undefined);
			const floorRun = await send(`${floor.url}/webhooks/green-api`, bodies, {});
			await stop(floor.child);
			const floorOutcome: BurstOutcome = {
				p50: percentile(floorRun.times, 0.5),
				p99: percentile(floorRun.times, 0.99),
				fiveHundreds: floorRun.fiveHundreds,
				archived: undefined,
			};

			const directory = await workspace.fresh('serve-archive');
			let lines = 0;
			let failed = 0;
			let allArchived: () => void = () => undefined;
			const done = new Promise<void>((resolve) => {
				allArchived = resolve;
			});
			const receiver = await startReceiver(
				cliArguments([
					'serve',
					'-o',
					directory,
					'--port',
					'0',
					'--json',
					'--concurrency',
					String(burst.senders),
					'--allow-private-network',
				]),
				(line) => {
					if (!line.includes('"source":"webhook"')) return;
					lines++;
					if (!line.includes('"success":true')) failed++;
					if (lines === burst.webhooks) allArchived();
				},
				// The token goes through the environment, as in a real deployment.
				{ WAMEDIA_WEBHOOK_TOKEN: token },
			);
			const started = performance.now();
			const serveRun = await send(`${receiver.url}/webhooks/green-api`, bodies, { authorization: `Bearer ${token}` });
			await done;
			const archived = performance.now() - started;
			await stop(receiver.child);
			const serveOutcome: BurstOutcome = {
				p50: percentile(serveRun.times, 0.5),
				p99: percentile(serveRun.times, 0.99),
				fiveHundreds: serveRun.fiveHundreds,
				archived,
			};
			rows.floorP50.samples.push(sample(floorOutcome.p50, { fiveHundreds: floorOutcome.fiveHundreds }));
			rows.floorP99.samples.push(sample(floorOutcome.p99, { fiveHundreds: floorOutcome.fiveHundreds }));
			rows.serveP50.samples.push(sample(serveOutcome.p50, { fiveHundreds: serveOutcome.fiveHundreds }));
			rows.serveP99.samples.push(sample(serveOutcome.p99, { fiveHundreds: serveOutcome.fiveHundreds }));
			rows.archived.samples.push(sample(archived, { failed, fiveHundreds: serveOutcome.fiveHundreds, archivedLines: lines }));
			process.stderr.write(
				`  serve · floor p99 ${floorOutcome.p99.toFixed(1)} ms · wamedia p99 ${serveOutcome.p99.toFixed(1)} ms, ${serveOutcome.fiveHundreds} 5xx, archived in ${archived.toFixed(0)} ms\n`,
			);
		}
	},
	render(results) {
		const rows = results.section('serve').map((row) => {
			const milliseconds = medianMilliseconds(row);
			const rate = row.amount === undefined ? '' : `${(row.amount / (milliseconds / 1000)).toFixed(0)} media/s`;
			return [row.label, seconds(milliseconds), rate];
		});
		const outcome = serveOutcome(results);
		return [
			'## 7. `wamedia serve` under a burst',
			'',
			`${burst.webhooks} Green-API webhooks (each naming its own ${burst.mediaSize / 1024} KiB media on loopback) from ${burst.senders} senders over keep-alive connections, against the floor (a bare \`node:http\` server that fsyncs each body into a file and answers 200) and against \`wamedia serve --concurrency ${burst.senders}\` (spool fsync before the 200, then download, fsync and journal line per media). Medians over rounds.`,
			'',
			...table(['figure', 'median', 'rate'], rows),
			'',
			`p99 time-to-200 over the floor's: ${ratio(outcome.ratio)}; 5xx answers: ${outcome.fiveHundreds}; media not archived: ${outcome.missing}.`,
		];
	},
};

/** The target's figures: p99 over the floor's, 5xx answers and media not archived, over every round. */
export function serveOutcome(results: Results): { ratio: number; fiveHundreds: number; missing: number } {
	const ratioValue = results.median('serve', `${serveLabel}: time-to-200 p99`) / results.median('serve', `${floorLabel}: time-to-200 p99`);
	const archived = results.find('serve', `${serveLabel}: every media archived`);
	const reports = archived?.samples.map((entry) => entry.report ?? {}) ?? [];
	const fiveHundreds = reports.reduce((sum, report) => sum + Number(report.fiveHundreds ?? 0), 0);
	const missing = reports.reduce(
		(sum, report) => sum + (burst.webhooks - Number(report.archivedLines ?? 0)) + Number(report.failed ?? 0),
		0,
	);
	return archived === undefined
		? { ratio: Number.NaN, fiveHundreds: Number.NaN, missing: Number.NaN }
		: { ratio: ratioValue, fiveHundreds, missing };
}
