import { compactReference, isRecord, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';
import { mediaUrlOf } from './no-media.js';

/**
 * WAHA's shapes (docs/providers.md#waha-webhooks): a `message` or `message.any` webhook, a media URL
 * (`{provider: 'waha', mediaUrl}`), or a message (`{provider: 'waha', chatId, idMessage}`).
 */
export function recognizeWaha(body: Record<string, unknown>): ParsedReference[] | undefined {
	const event = text(body.event);
	if ((event === 'message' || event === 'message.any') && isRecord(body.payload)) return [fromPayload(body.payload, text(body.session))];
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
	const media = payload.media as Record<string, unknown>;
	return compactReference({
		provider: 'waha',
		link,
		...ids,
		sessionId: session,
		fileName: text(media.filename),
		mimeType: text(media.mimetype),
		// The text of a media message is its caption.
		caption: text(payload.body),
	});
}
