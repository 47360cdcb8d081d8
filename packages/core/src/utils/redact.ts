const placeholder = '***';

/**
 * A function that removes every given secret (and its URL-encoded form) from a string.
 * Secrets shorter than 4 characters are ignored: they would blank out ordinary text.
 */
export type Redactor = (text: string) => string;

/** Builds a {@link Redactor} for the given secrets. */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
	const needles = new Set<string>();
	for (const secret of secrets) {
		if (secret === undefined || secret.length < 4) continue;
		needles.add(secret);
		needles.add(encodeURIComponent(secret));
	}
	const sorted = [...needles].sort((a, b) => b.length - a.length);
	return (text) => {
		let result = text;
		for (const needle of sorted) {
			if (result.includes(needle)) result = result.replaceAll(needle, placeholder);
		}
		return result;
	};
}

/** Redacts every string inside a JSON-like value; other values are kept. */
export function redactValue<T>(value: T, redact: Redactor, seen = new WeakSet<object>()): T {
	if (typeof value === 'string') return redact(value) as T;
	if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
	if (seen.has(value)) return value;
	seen.add(value);
	if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, seen)) as T;
	if (Object.getPrototypeOf(value) !== Object.prototype) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, redact, seen);
	return copy as T;
}

/**
 * A copy of an error's chain (message, stack, code, cause) with secrets removed. Foreign errors are
 * copied, never mutated.
 */
export function redactCause(cause: unknown, redact: Redactor, depth = 0): unknown {
	if (depth > 8) return undefined;
	if (!(cause instanceof Error)) return typeof cause === 'string' ? redact(cause) : redactValue(cause, redact);
	const copy = new Error(redact(cause.message));
	copy.name = cause.name;
	copy.stack = redact(cause.stack ?? '');
	const { code } = cause as { code?: unknown };
	if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
	if (cause.cause !== undefined) copy.cause = redactCause(cause.cause, redact, depth + 1);
	return copy;
}
