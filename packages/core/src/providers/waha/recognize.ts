import { compactReference, eventWithoutMedia, isRecord, type MediaType, positiveInteger, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';
import { mediaUrlOf } from './no-media.js';

// WAHA's other events, in words (docs/providers.md#events-without-media); a prefix names a family.
const eventWords: Array<[RegExp, string]> = [
	[/^message\.ack/, 'an ack'],
	[/^message\.revoked$/, 'a revoke'],
	[/^message\.reaction$/, 'a reaction'],
	[/^message\.edited$/, 'an edit'],
	[/^message\.waiting$/, 'a message waiting to be decrypted'],
	[/^session\.status$|^state\.change$/, 'a session state change'],
	[/^presence\./, 'a presence update'],
	[/^poll\./, 'a poll vote'],
	[/^group\./, 'a group update'],
	[/^chat\./, 'a chat update'],
	[/^call\./, 'a call'],
	[/^label\./, 'a label update'],
];

// The engine's own message type (payload._data.type on WEBJS), where it names a media kind.
const engineTypes: Record<string, MediaType> = {
	image: 'image',
	video: 'video',
	audio: 'audio',
	ptt: 'voice',
	document: 'document',
	sticker: 'sticker',
};

/**
 * WAHA's shapes (docs/providers.md#waha-webhooks): a `message` or `message.any` webhook, a media URL
 * (`{provider: 'waha', mediaUrl}`), or a message (`{provider: 'waha', chatId, idMessage}`). WAHA's other
 * events (acks, revokes, session states, …) are NO_MEDIA.
 */
export function recognizeWaha(body: Record<string, unknown>): ParsedReference[] | undefined {
	const event = text(body.event);
	if ((event === 'message' || event === 'message.any') && isRecord(body.payload)) return [fromPayload(body.payload, text(body.session))];
	// WAHA's envelope: the event and its data in `payload` (with the session and the engine; Evolution's is in `data`).
	if (event !== undefined && 'payload' in body && !('data' in body)) {
		const payload = isRecord(body.payload) ? body.payload : {};
		const words = eventWords.find(([pattern]) => pattern.test(event))?.[1] ?? 'an event without a message';
		throw eventWithoutMedia('waha', event, words, { chatId: chatOf(payload), idMessage: messageIdOf(payload) });
	}
	if (body.provider !== 'waha') return undefined;
	if (body.mediaUrl !== undefined) return [compactReference({ provider: 'waha', link: text(body.mediaUrl) ?? '' })];
	if (body.chatId === undefined && body.idMessage === undefined) return undefined;
	return [compactReference({ provider: 'waha', chatId: text(body.chatId) ?? '', idMessage: text(body.idMessage) ?? '' })];
}

/** The chat of a message: its sender's, or for one of the account's own, its recipient's. */
export function chatOf(payload: Record<string, unknown>): string | undefined {
	return (payload.fromMe === true ? text(payload.to) : undefined) ?? text(payload.from);
}

/** A message id as WAHA serializes it; some engines nest it as `{_serialized}`. */
export function messageIdOf(payload: Record<string, unknown>): string | undefined {
	return isRecord(payload.id) ? text(payload.id._serialized) : text(payload.id);
}

function fromPayload(payload: Record<string, unknown>, session: string | undefined): ParsedReference {
	const ids = { chatId: chatOf(payload), idMessage: messageIdOf(payload) };
	const link = mediaUrlOf(payload, ids);
	// Before 2024 WAHA sent the link as payload.mediaUrl, with no media object (docs/providers.md#waha-webhooks).
	const media = isRecord(payload.media) ? payload.media : {};
	const engine = isRecord(payload._data) ? payload._data : {};
	return compactReference({
		provider: 'waha',
		link,
		...ids,
		sessionId: session,
		fileName: text(media.filename),
		mimeType: text(media.mimetype) ?? text(engine.mimetype),
		type: engineTypes[text(engine.type) ?? ''],
		timestamp: positiveInteger(payload.timestamp),
		// The text of a media message is its caption.
		caption: text(payload.body),
	});
}
