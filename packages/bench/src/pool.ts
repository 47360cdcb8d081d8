/**
 * Runs `work` for every index below `count`, at most `concurrency` at a time.
 *
 * @example await pool(1000, 16, (index) => download(urls[index]))
 */
export async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(count, concurrency) }, async () => {
			while (next < count) await work(next++);
		}),
	);
}
