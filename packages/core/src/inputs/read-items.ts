/**
 * Ids as people write them: given several times, or several in one value separated by commas or line
 * breaks; blanks dropped.
 *
 * @example readItems(['a, b', 'c\n']) // ['a', 'b', 'c']
 */
export function readItems(values: string | readonly string[]): string[] {
	return (typeof values === 'string' ? [values] : values)
		.flatMap((value) => value.split(/[,\n]/))
		.map((item) => item.trim())
		.filter((item) => item !== '');
}
