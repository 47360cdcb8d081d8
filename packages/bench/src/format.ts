/** `0.84 s`, `215 ms`, `19.8 s`; `n/a` for a figure that was not measured. */
export function seconds(milliseconds: number): string {
	if (Number.isNaN(milliseconds)) return 'n/a';
	if (milliseconds >= 10_000) return `${(milliseconds / 1000).toFixed(1)} s`;
	if (milliseconds >= 1000) return `${(milliseconds / 1000).toFixed(2)} s`;
	return `${milliseconds.toFixed(0)} ms`;
}

/** `177 MB` (decimal megabytes, like GNU time's figures divided by 1000). */
export const megabytes = (bytes: number | undefined): string =>
	bytes === undefined || Number.isNaN(bytes) ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`;

/** `0.84×`. */
export const ratio = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`);

/** `1249 MB/s` for `bytes` moved in `milliseconds`. */
export const throughput = (bytes: number, milliseconds: number): string =>
	Number.isNaN(milliseconds) ? 'n/a' : `${(bytes / 1e6 / (milliseconds / 1000)).toFixed(0)} MB/s`;

/** A markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}
