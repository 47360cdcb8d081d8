import { compactReference, isRecord, noMedia, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';
import { fileSha256 } from './file-sha256.js';

const mediaKinds = ['imageMessage', 'videoMessage', 'audioMessage', 'documentMessage', 'stickerMessage', 'ptvMessage'];
// Messages that hold another message (a document with a caption, view-once and disappearing messages).
const wrappers = ['documentWithCaptionMessage', 'viewOnceMessage', 'viewOnceMessageV2', 'ephemeralMessage'];

/** The media object of a message, unwrapping the messages that hold one, at most a few levels deep. */
function mediaOf(message: Record<string, unknown>): Record<string, unknown> | undefined {
	let current: Record<string, unknown> | undefined = message;
	for (let depth = 0; current !== undefined && depth < 4; depth++) {
		for (const kind of mediaKinds) {
			const media = current[kind];
			if (isRecord(media)) return media;
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
	if (event !== undefined && /^messages[._-]upsert$/i.test(event) && isRecord(body.data)) return [fromUpsert(body.data)];
	if (body.provider !== 'evolution' || body.idMessage === undefined) return undefined;
	const idMessage = text(body.idMessage) ?? '';
	// getBase64FromMediaMessage's URL names the instance, not the file: the message id does, unless the answer names it.
	return [compactReference({ provider: 'evolution', idMessage, fileName: text(body.fileName) ?? text(idMessage) })];
}

function fromUpsert(data: Record<string, unknown>): ParsedReference {
	const key = isRecord(data.key) ? data.key : {};
	const ids = { chatId: text(key.remoteJid), idMessage: text(key.id) };
	const message = isRecord(data.message) ? data.message : {};
	const media = mediaOf(message);
	if (media === undefined) throw noMedia(text(data.messageType) ?? 'unknown', ids);
	const base64 = typeof message.base64 === 'string' && message.base64.trim() !== '' ? message.base64 : undefined;
	return compactReference({
		provider: 'evolution',
		...ids,
		link: text(message.mediaUrl),
		base64,
		sha256: fileSha256(media.fileSha256),
		fileName: text(media.fileName) ?? ids.idMessage,
		mimeType: text(media.mimetype),
		caption: text(media.caption),
	});
}
