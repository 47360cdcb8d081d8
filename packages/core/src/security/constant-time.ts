import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether two secrets or signatures are equal, in time that depends on neither value: both are hashed
 * first, so that even their lengths are compared without an early exit (docs/serve.md#authenticity).
 *
 * @example equalInConstantTime(request.headers.authorization ?? '', `Bearer ${token}`)
 */
export function equalInConstantTime(given: string | Buffer, expected: string | Buffer): boolean {
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/** Whether `given` equals any of `expected`, each compared in constant time (all are always compared). */
export function equalsAnyInConstantTime(given: string | Buffer, expected: ReadonlyArray<string | Buffer>): boolean {
	let found = false;
	for (const candidate of expected) found = equalInConstantTime(given, candidate) || found;
	return found;
}
