import { type Provider, WamediaError } from '../errors/wamedia-error.js';
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

type Ids = { chatId?: string | undefined; idMessage?: string | undefined };

/** NO_MEDIA for a gateway message that carries no file. */
export function noMedia(typeMessage: string, ids: Ids = {}, provider?: Provider): WamediaError {
	return new WamediaError('NO_MEDIA', {
		message: `The message has no file (${typeMessage})`,
		hint: 'Only image, video, audio, document and sticker messages carry media; filter on the message type before downloading.',
		...(provider === undefined ? {} : { provider }),
		details: { typeMessage, ...definedEntries(ids) },
	});
}

/**
 * NO_MEDIA for a well-formed event of a gateway that is no message at all — a delivery status, an ack,
 * a revoke, a state change, a contact update (docs/providers.md#events-without-media): the code a
 * webhook receiver ignores, naming the event in words and by the gateway's own name.
 */
export function eventWithoutMedia(
	provider: Provider,
	event: string,
	words: string,
	ids: Ids & { typeMessage?: string } = {},
): WamediaError {
	return new WamediaError('NO_MEDIA', {
		message: `No media: the body is ${words} (${event.slice(0, 80)})`,
		hint: 'Only messages with an image, video, audio, document or sticker carry media; skip other events (statuses, acks, state changes) before downloading.',
		provider,
		details: { event: event.slice(0, 80), ...definedEntries(ids) },
	});
}

/** What kind of media a message carries, in the words of name templates (`{type}`). */
export type MediaType = 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker';

/**
 * A whole number above 0 — a timestamp in seconds, a size in bytes — from a number, a numeric string or a
 * protobuf Long (`{low, high}`, as Evolution serializes them); undefined otherwise.
 */
export function positiveInteger(value: unknown): number | undefined {
	const raw = isRecord(value) ? value.low : value;
	const number = typeof raw === 'string' && /^\d{1,12}$/.test(raw.trim()) ? Number(raw) : raw;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? Math.floor(number) : undefined;
}
