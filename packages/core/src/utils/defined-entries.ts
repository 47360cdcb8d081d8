/**
 * A copy of an object without its `undefined` properties, as `exactOptionalPropertyTypes` wants optional
 * fields: absent rather than undefined.
 *
 * @example
 * definedEntries({ a: 1, b: undefined }) // { a: 1 }
 */
export function definedEntries<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
		[K in keyof T]?: Exclude<T[K], undefined>;
	};
}
