import { compactReference, eventWithoutMedia, isRecord, type MediaType, noMedia, positiveInteger, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';
import { fileSha256 } from './file-sha256.js';

// The message kinds that carry a file, and the kind of media each is (a round video note, ptv, is a video).
const mediaKinds: Record<string, MediaType> = {
	imageMessage: 'image',
	videoMessage: 'video',
	audioMessage: 'audio',
	documentMessage: 'document',
	stickerMessage: 'sticker',
	ptvMessage: 'video',
};

// Evolution's other events, in words (docs/providers.md#events-without-media); a prefix names a family.
const eventWords: Array<[RegExp, string]> = [
	[/^messages\.update$/, 'a message status update'],
	[/^messages\.delete$/, 'a delete'],
	[/^messages\.set$/, 'a history sync'],
	[/^messages\.edited$/, 'an edit'],
	[/^contacts\./, 'a contact update'],
	[/^chats\./, 'a chat update'],
	[/^presence\./, 'a presence update'],
	[/^connection\./, 'a connection state change'],
	[/^qrcode\./, 'a QR code update'],
	[/^groups?[.-]/, 'a group update'],
	[/^call$/, 'a call'],
	[/^labels\./, 'a label update'],
	[/^(?:logout|remove)\.instance$|^application\./, 'an instance event'],
	[/^typebot\./, 'a bot event'],
];
// Messages that hold another message (a document with a caption, view-once and disappearing messages).
const wrappers = ['documentWithCaptionMessage', 'viewOnceMessage', 'viewOnceMessageV2', 'ephemeralMessage'];

/** The media object of a message and its kind, unwrapping the messages that hold one, at most a few levels deep. */
function mediaOf(message: Record<string, unknown>): { media: Record<string, unknown>; type: MediaType } | undefined {
	let current: Record<string, unknown> | undefined = message;
	for (let depth = 0; current !== undefined && depth < 4; depth++) {
		for (const [kind, type] of Object.entries(mediaKinds)) {
			const media = current[kind];
			// A voice note is an audio message recorded in the app (`ptt: true`).
			if (isRecord(media)) return { media, type: type === 'audio' && media.ptt === true ? 'voice' : type };
		}
		const wrapper: unknown = wrappers.map((name) => (current as Record<string, unknown>)[name]).find(isRecord);
		current = isRecord(wrapper) && isRecord(wrapper.message) ? wrapper.message : undefined;
	}
	return undefined;
}

/**
 * Evolution's shapes (docs/providers.md#evolution-webhooks): a `messages.upsert` webhook — with its inline
 * `base64`, its storage `mediaUrl` and the media's `fileSha256` when it has them — or a message id
 * (`{provider: 'evolution', idMessage}`).
 */
export function recognizeEvolution(body: Record<string, unknown>): ParsedReference[] | undefined {
	const event = text(body.event);
	// Events are spelt `messages.upsert`, and in some setups `MESSAGES_UPSERT` or `messages-upsert`.
	const name = event?.toLowerCase().replace(/[_-]/g, '.');
	// The account's own sent messages (send.message) have the shape of a received one.
	if ((name === 'messages.upsert' || name === 'send.message') && isRecord(body.data)) return [fromUpsert(body.data)];
	// Evolution's envelope: the event, the instance, the event's data, and where it came from.
	if (
		name !== undefined &&
		event !== undefined &&
		'data' in body &&
		(typeof body.instance === 'string' || 'server_url' in body || 'date_time' in body)
	) {
		const data = isRecord(body.data) ? body.data : {};
		const key = isRecord(data.key) ? data.key : {};
		const words = eventWords.find(([pattern]) => pattern.test(name))?.[1] ?? 'an event without a message';
		throw eventWithoutMedia('evolution', event, words, {
			chatId: text(key.remoteJid) ?? text(data.remoteJid),
			idMessage: text(key.id) ?? text(data.keyId),
		});
	}
	if (body.provider !== 'evolution' || body.idMessage === undefined) return undefined;
	const idMessage = text(body.idMessage) ?? '';
	// getBase64FromMediaMessage's URL names the instance, not the file: the message id does, unless the answer names it.
	return [compactReference({ provider: 'evolution', idMessage, fileName: text(body.fileName) ?? text(idMessage) })];
}

function fromUpsert(data: Record<string, unknown>): ParsedReference {
	const key = isRecord(data.key) ? data.key : {};
	const ids = { chatId: text(key.remoteJid), idMessage: text(key.id) };
	const message = isRecord(data.message) ? data.message : {};
	const found = mediaOf(message);
	if (found === undefined) throw noMedia(text(data.messageType) ?? 'unknown', ids, 'evolution');
	const { media, type } = found;
	const base64 = typeof message.base64 === 'string' && message.base64.trim() !== '' ? message.base64 : undefined;
	return compactReference({
		provider: 'evolution',
		...ids,
		link: text(message.mediaUrl),
		base64,
		sha256: fileSha256(media.fileSha256),
		// fileLength is a number, a numeric string, or a protobuf Long ({low, high}) (docs/providers.md#evolution-checksums).
		size: positiveInteger(media.fileLength),
		fileName: text(media.fileName) ?? ids.idMessage,
		mimeType: text(media.mimetype),
		caption: text(media.caption),
		type,
		timestamp: positiveInteger(data.messageTimestamp),
	});
}
