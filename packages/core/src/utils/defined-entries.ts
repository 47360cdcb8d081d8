/**
 * A copy of an object without its `undefined` properties, as `exactOptionalPropertyTypes` wants optional
 * fields: absent rather than undefined.
 *
 * @example
 * definedEntries({ a: 1, b: undefined }) // { a: 1 }
 */
export function definedEntries<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	// A plain loop: this runs several times per download, and entries/filter/fromEntries allocate three arrays.
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		const item = (value as Record<string, unknown>)[key];
		if (item !== undefined) copy[key] = item;
	}
	return copy as { [K in keyof T]?: Exclude<T[K], undefined> };
}
