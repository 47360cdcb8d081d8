import { median, type Sample } from './measure.ts';

/** Every sample of one approach within one section. */
export interface Row {
	section: string;
	label: string;
	samples: Sample[];
	/** Bytes or files one run moves, for rates. */
	amount?: number;
}

/**
 * The rows of one bench run, in the order they were measured.
 *
 * @example results.median('file', 'curl -o') // 214.6
 */
export class Results {
	readonly rows: Row[] = [];

	/** Adds an empty row. */
	add(section: string, label: string, amount?: number): Row {
		const row: Row = { section, label, samples: [], ...(amount === undefined ? {} : { amount }) };
		this.rows.push(row);
		return row;
	}

	/** The rows of one section. */
	section(section: string): Row[] {
		return this.rows.filter((row) => row.section === section);
	}

	/** One row; undefined when that section did not run. */
	find(section: string, label: string): Row | undefined {
		return this.rows.find((row) => row.section === section && row.label === label);
	}

	/** Median time of a row in milliseconds (`NaN` when it did not run). */
	median(section: string, label: string): number {
		return medianMilliseconds(this.find(section, label));
	}

	/** Median peak RSS of a row in bytes. */
	medianRss(section: string, label: string): number | undefined {
		return medianRss(this.find(section, label));
	}
}

/** Median time of a row in milliseconds. */
export const medianMilliseconds = (row: Row | undefined): number => median(row?.samples.map((sample) => sample.milliseconds) ?? []);

/** Median whole-process time of a row in milliseconds. */
export const medianProcessMilliseconds = (row: Row | undefined): number =>
	median(row?.samples.map((sample) => sample.processMilliseconds) ?? []);

/** Median peak RSS of a row in bytes, when GNU time or the client gave one. */
export function medianRss(row: Row | undefined): number | undefined {
	const values = (row?.samples ?? []).flatMap((sample) => (sample.maxRss === undefined ? [] : [sample.maxRss]));
	return values.length === 0 ? undefined : median(values);
}
