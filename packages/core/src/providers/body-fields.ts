import { WamediaError } from '../errors/wamedia-error.js';
import { definedEntries } from '../utils/defined-entries.js';
import type { ParsedReference } from './parse-reference.js';

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field as trimmed text: non-empty strings and finite numbers; anything else is undefined. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** A reference without its undefined fields. */
export function compactReference(reference: Loose<ParsedReference> & Pick<ParsedReference, 'provider'>): ParsedReference {
	return definedEntries(reference) as ParsedReference;
}

/** NO_MEDIA for a gateway message that carries no file. */
export function noMedia(typeMessage: string, ids: { chatId?: string | undefined; idMessage?: string | undefined } = {}): WamediaError {
	return new WamediaError('NO_MEDIA', {
		message: `The message has no file (${typeMessage})`,
		hint: 'Only image, video, audio, document and sticker messages carry media; filter on the message type before downloading.',
		details: { typeMessage, ...definedEntries(ids) },
	});
}
