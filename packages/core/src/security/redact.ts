const placeholder = '***';
/** Shorter secrets are ignored: they would blank out ordinary text. */
const minSecretLength = 4;
/** A piece of a secret (or of an encoded form) this long is redacted wherever it appears. */
const fragmentLength = 8;

/**
 * A function that removes every given secret from a string: the secret as given, percent-encoded
 * (the secret and its escapes in any letter case), JSON-escaped, base64 and base64url — and, for secrets of 8+ characters,
 * every piece of 8+ characters of any of these forms, such as the half a server or a size cap left
 * after cutting a body. Secrets shorter than 4 characters are ignored.
 */
export type Redactor = (text: string) => string;

/** Whether a text contains a secret in any form a {@link Redactor} removes. */
export type SecretCheck = (text: string) => boolean;

/** A {@link Redactor} that keeps every text as it is. */
export const noRedaction: Redactor = (text) => text;

/**
 * Builds a {@link Redactor} for the given secrets. Runs in time linear in the text.
 *
 * @example
 * const redact = createRedactor([apiTokenInstance]);
 * redact(`…/downloadFile/${apiTokenInstance.slice(0, 20)}`) // '…/downloadFile/***'
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
	const find = createSecretFinder(secrets);
	return (text) => {
		const ranges = find(text);
		if (ranges.length === 0) return text;
		let result = '';
		let last = 0;
		for (const [start, end] of ranges) {
			result += text.slice(last, start) + placeholder;
			last = end;
		}
		return result + text.slice(last);
	};
}

/**
 * Builds a {@link SecretCheck} for the given secrets: true when a text holds any form a
 * {@link Redactor} for the same secrets would remove (used to refuse file names).
 */
export function createSecretCheck(secrets: ReadonlyArray<string | undefined>): SecretCheck {
	const find = createSecretFinder(secrets);
	return (text) => find(text).length > 0;
}

type Range = [start: number, end: number];

/** The encodings a secret can travel in: a URL, a JSON string, a Basic header or a base64 blob. */
function formsOf(secret: string): string[] {
	const percent = encodeURIComponent(secret);
	const bytes = Buffer.from(secret, 'utf8');
	return [
		secret,
		percent,
		percent.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
		JSON.stringify(secret).slice(1, -1),
		bytes.toString('base64'),
		// Without padding too, to be found inside a longer base64 text.
		bytes.toString('base64').replace(/=+$/, ''),
		bytes.toString('base64url'),
	];
}

/**
 * The base64 and base64url characters that encode only the secret when it sits 1 or 2 bytes after a
 * 3-byte boundary inside a longer base64 text (as in `Basic base64(user:secret)`).
 */
function shiftedBase64Forms(secret: string): string[] {
	const forms: string[] = [];
	for (const shift of [1, 2]) {
		const bytes = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret, 'utf8')]);
		// Characters before `lead` mix in the prefix byte(s); those after the last full group mix in padding.
		const lead = shift === 1 ? 2 : 3;
		const end = Math.floor(bytes.length / 3) * 4;
		for (const encoding of ['base64', 'base64url'] as const) forms.push(bytes.toString(encoding).slice(lead, end));
	}
	return forms;
}

function createSecretFinder(secrets: ReadonlyArray<string | undefined>): (text: string) => Range[] {
	const whole = new Set<string>();
	const fragmented = new Set<string>();
	for (const secret of secrets) {
		if (secret === undefined || secret.length < minSecretLength) continue;
		if (secret.length < fragmentLength) {
			for (const form of formsOf(secret)) whole.add(form);
			continue;
		}
		for (const form of [...formsOf(secret), ...shiftedBase64Forms(secret)]) {
			if (form.length >= fragmentLength) fragmented.add(form);
			else whole.add(form);
		}
	}
	// A server that changes the case of a URL it echoes (`SP3C%2BTOK%2FEN`) changes the secret's letters and
	// its escapes alike: the secret and its percent-encoded form are also looked for without regard to
	// (ASCII) case, in a copy of the text of the same length (docs/transfer.md#secrets).
	const foldedWhole = new Set<string>();
	const foldedFragmented = new Set<string>();
	for (const secret of secrets) {
		if (secret === undefined || secret.length < minSecretLength) continue;
		for (const form of [secret, encodeURIComponent(secret)]) {
			const folded = foldCase(form);
			if (secret.length >= fragmentLength && folded.length >= fragmentLength) foldedFragmented.add(folded);
			else foldedWhole.add(folded);
		}
	}
	const findFragments = fragmented.size === 0 ? undefined : createFragmentFinder([...fragmented]);
	const findFolded = foldedFragmented.size === 0 ? undefined : createFragmentFinder([...foldedFragmented]);
	const wholeNeedles = [...whole];
	const foldedNeedles = [...foldedWhole];
	return (text) => {
		const found: Range[] = findFragments?.(text) ?? [];
		for (const needle of wholeNeedles) {
			for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
		}
		const folded = foldCase(text);
		if (findFolded !== undefined) found.push(...findFolded(folded));
		for (const needle of foldedNeedles) {
			for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
		}
		return mergeRanges(found);
	};
}

/** ASCII letters in lower case, every other character kept: the same length as the text, so ranges carry over. */
function foldCase(text: string): string {
	return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const hashBase = 0x01000193;
const hashMix = 0x9e3779b1;

function windowHash(text: string, from: number): number {
	let hash = 0;
	for (let index = from; index < from + fragmentLength; index++) hash = (Math.imul(hash, hashBase) + text.charCodeAt(index)) | 0;
	return hash;
}

/**
 * Finds every piece of 8+ characters that a text shares with one of the forms. Each such piece is
 * covered by 8-character windows that all occur in the form, so it is enough to index every window
 * of every form and mark each window of the text found there. The text is scanned once with a
 * rolling hash and a bit filter in front of the index: linear time, whatever the text.
 */
function createFragmentFinder(forms: string[]): (text: string) => Range[] {
	const windows = new Set<string>();
	for (const form of forms) {
		for (let offset = 0; offset + fragmentLength <= form.length; offset++) windows.add(form.slice(offset, offset + fragmentLength));
	}
	const filterBits = Math.max(10, Math.ceil(Math.log2(windows.size * 64)));
	const filterShift = 32 - filterBits;
	const filter = new Uint32Array(2 ** (filterBits - 5));
	for (const window of windows) {
		const slot = Math.imul(windowHash(window, 0), hashMix) >>> filterShift;
		filter[slot >>> 5] = (filter[slot >>> 5] ?? 0) | (1 << (slot & 31));
	}
	let topPower = 1;
	for (let index = 1; index < fragmentLength; index++) topPower = Math.imul(topPower, hashBase);

	return (text) => {
		const found: Range[] = [];
		if (text.length < fragmentLength) return found;
		let current: Range | undefined;
		let hash = windowHash(text, 0);
		for (let start = 0; ; start++) {
			const slot = Math.imul(hash, hashMix) >>> filterShift;
			if (((filter[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0 && windows.has(text.slice(start, start + fragmentLength))) {
				if (current !== undefined && start <= current[1]) current[1] = start + fragmentLength;
				else {
					current = [start, start + fragmentLength];
					found.push(current);
				}
			}
			const next = start + fragmentLength;
			if (next >= text.length) break;
			hash = (Math.imul(hash - Math.imul(text.charCodeAt(start), topPower), hashBase) + text.charCodeAt(next)) | 0;
		}
		return found;
	};
}

/** Sorted, overlapping and touching ranges joined. */
function mergeRanges(ranges: Range[]): Range[] {
	if (ranges.length <= 1) return ranges;
	ranges.sort((a, b) => a[0] - b[0]);
	const merged: Range[] = [];
	for (const range of ranges) {
		const last = merged.at(-1);
		if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([range[0], range[1]]);
	}
	return merged;
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
