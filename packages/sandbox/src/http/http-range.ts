/** The part of a body a `Range` header asks for. */
export type RangeRequest =
	| { readonly kind: 'none' }
	| { readonly kind: 'unsatisfiable' }
	| { readonly kind: 'range'; readonly start: number; readonly end: number };

/**
 * Reads a single-range `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`) against a body size. `end` is
 * exclusive. Multiple ranges and malformed headers are ignored (`none`), which RFC 9110 §14.2 allows.
 *
 * @example parseRange("bytes=100-", 1000) // { kind: "range", start: 100, end: 1000 }
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
	const match = header === undefined ? null : /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
	const first = match?.[1] ?? '';
	const last = match?.[2] ?? '';
	if (first === '' && last === '') {
		return { kind: 'none' };
	}
	if (first === '') {
		const suffix = Number(last);
		return suffix === 0 || size === 0 ? { kind: 'unsatisfiable' } : { kind: 'range', start: Math.max(0, size - suffix), end: size };
	}
	const start = Number(first);
	if (last !== '' && Number(last) < start) {
		return { kind: 'none' };
	}
	if (start >= size) {
		return { kind: 'unsatisfiable' };
	}
	return { kind: 'range', start, end: last === '' ? size : Math.min(Number(last) + 1, size) };
}
