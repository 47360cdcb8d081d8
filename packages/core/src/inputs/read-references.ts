import { WamediaError } from '../errors/wamedia-error.js';
import { isBodyMediaReference, recognize } from '../providers/index.js';
import type { ParsedReference } from '../providers/parse-reference.js';
import type { BodyMediaReference, MediaReference } from '../types/reference.js';
import { definedEntries } from '../utils/defined-entries.js';
import { inputTooDeep, inputTooLarge, maxInputBytes, maxInputDepth } from './input-limits.js';

/**
 * What users hand over as references: a JSON text (one body, an array of bodies, or NDJSON — one body per
 * line), its bytes, one parsed body, or an array of parsed bodies.
 */
export type ReferenceInput = string | Uint8Array | MediaReference | readonly unknown[];

/**
 * Turns what a user hands over into a list of references, one per media, in input order. Every body or
 * reference it recognizes becomes one {@link BodyMediaReference} per media — `{provider, chatId, idMessage,
 * mediaId, caption, type, …, body, mediaIndex}`, the same shape whether the body holds one media or several
 * (a Meta webhook with several messages), in the body's order. An item that is no reference, or a body
 * without media, is kept as given (it has no `mediaIndex`): it fails on its own when it is downloaded — with
 * NO_MEDIA for an event without media — not the whole list.
 * Input text over 16 MiB, nesting deeper than 64 levels, and text that is neither JSON nor NDJSON throw
 * INVALID_INPUT. Blank text and `[]` give an empty list.
 *
 * @example
 * const references = readReferences(await readText(process.stdin)); // a body, an array, or NDJSON
 * const results = await client.downloadMany(references);
 */
export function readReferences(input: ReferenceInput): MediaReference[] {
	if (typeof input === 'string' || input instanceof Uint8Array) return fromText(input);
	if (typeof input !== 'object' || input === null) {
		throw new WamediaError('INVALID_INPUT', {
			message: 'References must be given as JSON text, a body, or an array of bodies',
			hint: 'Pass a webhook body, {chatId, idMessage}, {mediaUrl} or {downloadUrl}, an array of them, or their JSON text.',
		});
	}
	checkObjectDepth(input);
	return items(input);
}

function fromText(input: string | Uint8Array): MediaReference[] {
	const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
	if (size > maxInputBytes) throw inputTooLarge();
	const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
	checkTextDepth(text);
	if (text.trim() === '') return [];
	let document: unknown;
	try {
		document = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		return fromLines(text, error);
	}
	return items(document);
}

/** NDJSON: one JSON value per line; blank lines are skipped. */
function fromLines(text: string, documentError: unknown): MediaReference[] {
	const references: MediaReference[] = [];
	const lines = text.replace(/^\uFEFF/, '').split('\n');
	let values = 0;
	for (const [index, line] of lines.entries()) {
		if (line.trim() === '') continue;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			// When not even the first line is JSON, the text is no NDJSON: report it as one broken document.
			throw values === 0 ? notJson('The input is not JSON', documentError) : notJson(`Line ${index + 1} of the input is not JSON`, error);
		}
		values++;
		references.push(...items(value));
	}
	return references;
}

function items(value: unknown): MediaReference[] {
	return (Array.isArray(value) ? value : [value]).flatMap(expand);
}

/** The references of one body, one per media; an item that is not a reference at all is kept as it is. */
function expand(item: unknown): MediaReference[] {
	let references: readonly ParsedReference[];
	try {
		references = recognize(item);
	} catch {
		// Not a reference, or a message without a file: it fails on its own when it is downloaded.
		return [item as MediaReference];
	}
	// A reference read before keeps its body and its place in it; re-reading it gives the same reference.
	const body = isBodyMediaReference(item) ? unwrap(item) : item;
	const offset = isBodyMediaReference(item) ? item.mediaIndex : 0;
	return references.map((reference, index) => describe(reference, body as Record<string, unknown>, offset + index));
}

function unwrap(item: { body: unknown }): unknown {
	let body: unknown = item;
	while (isBodyMediaReference(body)) body = body.body;
	return body;
}

/** What a caller reads of one media — the same fields for every gateway — with its body. */
function describe(reference: ParsedReference, body: Record<string, unknown>, mediaIndex: number): BodyMediaReference {
	const { provider, chatId, idMessage, mediaId, phoneNumberId, sessionId, caption, fileName, mimeType, type, timestamp } = reference;
	return {
		...definedEntries({ provider, chatId, idMessage, mediaId, phoneNumberId, sessionId, caption, fileName, mimeType, type, timestamp }),
		provider,
		body,
		mediaIndex,
	};
}

// V8's messages quote the input; only the place is kept, so that no part of the text is echoed.
function notJson(message: string, error: unknown): WamediaError {
	const text = error instanceof Error ? error.message : '';
	const lineColumn = /\(line (\d+) column (\d+)\)/.exec(text);
	const position = /position (\d+)/.exec(text);
	const where = lineColumn
		? ` (line ${lineColumn[1]}, column ${lineColumn[2]})`
		: position
			? ` (at character ${Number(position[1]) + 1})`
			: /end of JSON/i.test(text)
				? ' (it ends too early)'
				: '';
	return new WamediaError('INVALID_INPUT', {
		message: `${message}${where}`,
		hint: 'Pass one JSON body, a JSON array of bodies, or NDJSON (one JSON body per line).',
	});
}

/**
 * Throws INVALID_INPUT when a JSON text nests deeper than {@link maxInputDepth}. Counted on the text before
 * parsing, without recursion, so that a deep text is refused before it is built.
 */
export function checkTextDepth(text: string): void {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 0x5c) index++;
			else if (code === 0x22) inString = false;
		} else if (code === 0x22) {
			inString = true;
		} else if (code === 0x7b || code === 0x5b) {
			depth++;
			if (depth > maxInputDepth) throw inputTooDeep();
		} else if ((code === 0x7d || code === 0x5d) && depth > 0) {
			depth--;
		}
	}
}

// An explicit stack instead of recursion; an object met twice (shared or cyclic) is walked once.
function checkObjectDepth(root: object): void {
	const seen = new Set<object>();
	const stack: Array<{ value: object; depth: number }> = [{ value: root, depth: 1 }];
	for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
		if (entry.depth > maxInputDepth) throw inputTooDeep();
		if (seen.has(entry.value) || ArrayBuffer.isView(entry.value)) continue;
		seen.add(entry.value);
		for (const child of Object.values(entry.value)) {
			if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: entry.depth + 1 });
		}
	}
}
