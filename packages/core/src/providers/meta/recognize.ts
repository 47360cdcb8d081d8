import { compactReference, eventWithoutMedia, isRecord, type MediaType, positiveInteger, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';

const mediaTypes = new Set(['image', 'video', 'audio', 'document', 'sticker']);

// What a webhook holds when it holds no media, in words (docs/providers.md#events-without-media).
const typeWords: Record<string, string> = {
	text: 'a text message',
	reaction: 'a reaction',
	location: 'a location',
	contacts: 'a contact card',
	interactive: 'a reply to a button or list',
	button: 'a reply to a button',
	order: 'an order',
	system: 'a system message',
	unsupported: 'an unsupported message',
	request_welcome: 'a welcome request',
};

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
			timestamp: positiveInteger(body.timestamp),
			// The media host's URL names no file: the media id does, unless the sender named it.
			fileName: text(body.fileName) ?? text(body.mediaId),
			mimeType: text(body.mimeType),
		}),
	];
}

function fromWebhook(entries: readonly unknown[]): ParsedReference[] {
	const references: ParsedReference[] = [];
	const others: string[] = [];
	const events: string[] = [];
	let first: { chatId?: string | undefined; idMessage?: string | undefined } | undefined;
	for (const { field, value } of changes(entries)) {
		// Statuses of sent messages, and changes of other fields (account, templates, …), carry no media.
		for (const status of Array.isArray(value.statuses) ? value.statuses : []) {
			if (isRecord(status)) events.push(`statuses: ${text(status.status) ?? 'unknown'}`);
			first ??= isRecord(status) ? { chatId: text(status.recipient_id), idMessage: text(status.id) } : undefined;
		}
		if (field !== undefined && field !== 'messages') events.push(field);
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
			// A voice note is an audio message recorded in the app (`voice: true`).
			const kind = (type === 'audio' && media.voice === true ? 'voice' : type) as MediaType;
			references.push(
				compactReference({
					provider: 'meta',
					mediaId: text(media.id),
					phoneNumberId,
					...ids,
					caption: text(media.caption),
					fileName: text(media.filename) ?? text(media.id),
					mimeType: text(media.mime_type),
					type: kind,
					timestamp: positiveInteger(message.timestamp),
				}),
			);
		}
	}
	if (references.length === 0) throw withoutMedia(others, events, first);
	return references;
}

function withoutMedia(
	others: string[],
	events: string[],
	ids: { chatId?: string | undefined; idMessage?: string | undefined } | undefined,
) {
	const kinds = [...new Set(others)];
	const what = [
		...kinds.map((type) => typeWords[type] ?? `a ${type} message`),
		...new Set(events.map((event) => (event.startsWith('statuses') ? 'a delivery status' : `a ${event} update`))),
	];
	const names = [...kinds, ...new Set(events)];
	return eventWithoutMedia(
		'meta',
		names.length === 0 ? 'no messages' : names.join(', '),
		what.length === 0 ? 'a webhook without messages' : [...new Set(what)].join(' and '),
		// The message types, as the other gateways' NO_MEDIA name them.
		{ ...ids, ...(kinds.length === 0 ? {} : { typeMessage: kinds.join(', ') }) },
	);
}

/** The field and `value` of every change of every entry. */
function changes(entries: readonly unknown[]): Array<{ field: string | undefined; value: Record<string, unknown> }> {
	const found: Array<{ field: string | undefined; value: Record<string, unknown> }> = [];
	for (const entry of entries) {
		if (!isRecord(entry) || !Array.isArray(entry.changes)) continue;
		for (const change of entry.changes)
			if (isRecord(change) && isRecord(change.value)) found.push({ field: text(change.field), value: change.value });
	}
	return found;
}
