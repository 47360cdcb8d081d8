import { setTimeout as sleep } from 'node:timers/promises';
import { batchConcurrency, runClient } from '../commands.ts';
import { ratio, seconds, table } from '../format.ts';
import { median } from '../measure.ts';
import { medianMilliseconds, type Results } from '../results.ts';
import { rounds } from '../rounds.ts';
import type { Section } from '../section.ts';

const messages = 100;
const perSecond = 5;
/** The last `perSecond` requests may start no earlier than this after the first ones. */
export const minimumResolveMilliseconds = (Math.ceil(messages / perSecond) - 1) * 1000;
const ours = `wamedia downloadMany (${perSecond} req/s)`;

/** The resolve path: Green-API downloadFile + the download, for 100 messages within the rate limit. */
export const resolve: Section = {
	name: 'resolve',
	async measure({ sandbox, results, workspace, runs }) {
		const image = sandbox.media.get('image');
		const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
		await rounds(results, 'resolve', runs, [
			{
				label: ours,
				amount: messages,
				run: async () => {
					const references = Array.from({ length: messages }, () => ({ chatId: sandbox.chatId, idMessage: image.idMessage }));
					const job = {
						references,
						directory: await workspace.fresh('resolve'),
						format: 'file',
						concurrency: batchConcurrency,
						greenApi: sandbox.greenApi,
					};
					return runClient('client-library.ts', await workspace.job(job));
				},
			},
			{
				label: 'plain fetch, sequential, no limit',
				amount: messages,
				run: async () => {
					// A fresh second, so that the sandbox's window is not still full of the previous run's calls.
					await sleep(1100);
					const directory = await workspace.fresh('resolve-usual');
					const downloadFileUrl = `${apiUrl}/waInstance${idInstance}/downloadFile/${apiTokenInstance}`;
					const items = Array.from({ length: messages }, (_, index) => ({
						message: { downloadFileUrl, chatId: sandbox.chatId, idMessage: image.idMessage },
						path: `${directory}/${index}.jpg`,
					}));
					return runClient('client-usual.ts', await workspace.job(items));
				},
			},
		]);
	},
	render(results) {
		const rows = results
			.section('resolve')
			.map((row) => [
				row.label,
				seconds(medianMilliseconds(row)),
				ratio(medianMilliseconds(row) / minimumResolveMilliseconds),
				`${resolveFailed(results, row.label)} of ${messages}`,
			]);
		return [
			`## 5. Resolve path: downloadFile + download for ${messages} messages`,
			'',
			`The limit of ${perSecond} downloadFile requests per second allows ${messages} in no less than ${seconds(minimumResolveMilliseconds)}`,
			`(the last ${perSecond} start ${minimumResolveMilliseconds / 1000} s after the first ${perSecond}).`,
			'',
			...table(['approach', 'time', 'vs minimum', 'failed'], rows),
		];
	},
};

/** Median failed messages of an approach. */
const resolveFailed = (results: Results, label: string): number =>
	median(results.find('resolve', label)?.samples.map((sample) => Number(sample.report?.failed ?? 0)) ?? []);

/** Our time over the minimum the limit allows, and how many messages failed: what the target is judged on. */
export const resolveOutcome = (results: Results) => ({
	ratio: results.median('resolve', ours) / minimumResolveMilliseconds,
	failed: resolveFailed(results, ours),
});
