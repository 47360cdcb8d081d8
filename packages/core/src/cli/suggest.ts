/** Edit distance with adjacent transpositions (optimal string alignment), so "jsno" is 1 from "json". */
function distance(a: string, b: string): number {
	const rows = Array.from({ length: a.length + 1 }, (_, i) =>
		Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	);
	const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
			(rows[i] as number[])[j] = best;
		}
	}
	return at(a.length, b.length);
}

/**
 * The candidates a mistyped word was probably meant to be, closest first: those within a small edit
 * distance, else those it is the start of ("allow" → "allow-private-network").
 *
 * @example suggest('ouut', ['out', 'overwrite']) // ['out']
 */
export function suggest(word: string, candidates: readonly string[]): string[] {
	const limit = word.length <= 3 ? 1 : 2;
	const near = candidates
		.map((candidate) => ({ candidate, cost: distance(word.toLowerCase(), candidate) }))
		.filter(({ cost }) => cost <= limit)
		.sort((a, b) => a.cost - b.cost)
		.map(({ candidate }) => candidate);
	if (near.length > 0) return near.slice(0, 2);
	return word.length === 0 ? [] : candidates.filter((candidate) => candidate.startsWith(word.toLowerCase())).slice(0, 2);
}

/** " (did you mean --out?)", or nothing. */
export function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
	const found = suggest(word, candidates);
	return found.length === 0 ? '' : ` (did you mean ${found.map((item) => `${prefix}${item}`).join(' or ')}?)`;
}
