import { compactReference, isRecord, noMedia, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';

const mediaTypes = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/**
 * Meta's shapes: a `whatsapp_business_account` webhook, one reference per image, video, audio, document or
 * sticker message in any of its entries and changes (docs/providers.md#meta-webhooks), or a media id
 * (`{provider: 'meta', mediaId}`). A webhook without a media message throws NO_MEDIA.
 */
export function recognizeMeta(body: Record<string, unknown>): ParsedReference[] | undefined {
	if (body.object === 'whatsapp_business_account' && Array.isArray(body.entry)) return fromWebhook(body.entry);
	if (body.provider !== 'meta' && body.mediaId === undefined) return undefined;
	return [
		compactReference({
			provider: 'meta',
			mediaId: text(body.mediaId) ?? '',
			phoneNumberId: text(body.phoneNumberId),
			idMessage: text(body.idMessage),
			chatId: text(body.chatId),
			caption: text(body.caption),
			// The media host's URL names no file: the media id does, unless the sender named it.
			fileName: text(body.fileName) ?? text(body.mediaId),
			mimeType: text(body.mimeType),
		}),
	];
}

function fromWebhook(entries: readonly unknown[]): ParsedReference[] {
	const references: ParsedReference[] = [];
	const others: string[] = [];
	let first: { chatId?: string | undefined; idMessage?: string | undefined } | undefined;
	for (const value of changeValues(entries)) {
		const metadata = isRecord(value.metadata) ? value.metadata : {};
		const phoneNumberId = text(metadata.phone_number_id);
		for (const message of Array.isArray(value.messages) ? value.messages : []) {
			if (!isRecord(message)) continue;
			const type = text(message.type) ?? 'unknown';
			const media = message[type];
			const ids = { chatId: text(message.from) ?? text(message.from_user_id), idMessage: text(message.id) };
			first ??= ids;
			if (!mediaTypes.has(type) || !isRecord(media) || text(media.id) === undefined) {
				others.push(type);
				continue;
			}
			references.push(
				compactReference({
					provider: 'meta',
					mediaId: text(media.id),
					phoneNumberId,
					...ids,
					caption: text(media.caption),
					fileName: text(media.filename) ?? text(media.id),
					mimeType: text(media.mime_type),
				}),
			);
		}
	}
	if (references.length === 0) throw noMedia(others.length === 0 ? 'no messages' : [...new Set(others)].join(', '), first);
	return references;
}

/** The `value` of every change of every entry. */
function changeValues(entries: readonly unknown[]): Record<string, unknown>[] {
	const values: Record<string, unknown>[] = [];
	for (const entry of entries) {
		if (!isRecord(entry) || !Array.isArray(entry.changes)) continue;
		for (const change of entry.changes) if (isRecord(change) && isRecord(change.value)) values.push(change.value);
	}
	return values;
}
