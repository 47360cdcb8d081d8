import { WamediaError } from '../../errors/wamedia-error.js';
import { inputTooDeep, maxInputDepth } from '../../inputs/input-limits.js';
import { compactReference, eventWithoutMedia, isRecord, type MediaType, noMedia, positiveInteger, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';

// The message types that carry a file, the kind each is, and the type WhatsApp sends it in: a hint for when
// neither the server nor the bytes say (docs/green-api.md#type-hints). A document's type is its own.
const fileMessageTypes: Record<string, { type: MediaType; mimeType?: string }> = {
	imageMessage: { type: 'image', mimeType: 'image/jpeg' },
	videoMessage: { type: 'video', mimeType: 'video/mp4' },
	audioMessage: { type: 'audio', mimeType: 'audio/ogg' },
	documentMessage: { type: 'document' },
	stickerMessage: { type: 'sticker', mimeType: 'image/webp' },
};

// Notifications that are no message, in words (docs/green-api.md#notifications-without-media).
const eventWords: Record<string, string> = {
	outgoingMessageStatus: 'a delivery status',
	stateInstanceChanged: 'a state change',
	statusInstanceChanged: 'a state change',
	deviceInfo: 'a device report',
	incomingCall: 'a call',
	incomingBlock: 'a block',
	quotaExceeded: 'a quota report',
};

/**
 * Green-API's shapes: a webhook (`messageData.fileMessageData`), a notification-queue item wrapping one
 * (`{receiptId, body}`), a flat journal item (chatId, idMessage, downloadUrl side by side), or a message
 * id pair (docs/green-api.md#webhook-bodies, #notification-queue, #journals). Any other notification
 * (`typeWebhook` names it) is NO_MEDIA.
 */
export function recognizeGreenApi(input: Record<string, unknown>): ParsedReference[] | undefined {
	const body = unwrapNotification(input);
	const typeWebhook = text(body.typeWebhook);
	if (isRecord(body.messageData)) return [fromWebhook(body, body.messageData)];
	if (typeWebhook !== undefined) {
		const ids = { chatId: text(body.chatId) ?? senderChat(body), idMessage: text(body.idMessage) };
		throw eventWithoutMedia('green-api', typeWebhook, eventWords[typeWebhook] ?? 'a notification without a message', ids);
	}
	const chatId = text(body.chatId);
	const idMessage = text(body.idMessage);
	const typeMessage = text(body.typeMessage);
	const journal = chatId !== undefined && idMessage !== undefined;
	if (body.downloadUrl !== undefined && !journal) return undefined;
	if (typeMessage !== undefined && fileMessageTypes[typeMessage] === undefined)
		throw noMedia(typeMessage, { chatId, idMessage }, 'green-api');
	// A journal item carries the same facts as a webhook's fileMessageData, flat (docs/green-api.md#journals).
	const facts = { ...messageFacts(typeMessage, body), timestamp: positiveInteger(body.timestamp) };
	if (body.downloadUrl !== undefined) return [withLink({ provider: 'green-api', chatId, idMessage, ...facts }, body.downloadUrl)];
	if (body.chatId !== undefined || body.idMessage !== undefined) {
		return [compactReference({ provider: 'green-api', chatId: chatId ?? '', idMessage: idMessage ?? '', ...facts })];
	}
	return undefined;
}

/** The name, type hint, kind and caption of a file message, from its typeMessage and its file fields. */
function messageFacts(typeMessage: string | undefined, fields: Record<string, unknown>) {
	const known = typeMessage === undefined ? undefined : fileMessageTypes[typeMessage];
	return {
		fileName: text(fields.fileName),
		mimeType: text(fields.mimeType) ?? known?.mimeType,
		type: known?.type,
		caption: text(fields.caption),
	};
}

function senderChat(body: Record<string, unknown>): string | undefined {
	return isRecord(body.senderData) ? text(body.senderData.chatId) : undefined;
}

// A queue item wraps the webhook: {receiptId, body: <webhook>}. Unwrapped in a loop with a limit, so that
// a body nested without end neither overflows the stack nor spins.
function unwrapNotification(input: Record<string, unknown>): Record<string, unknown> {
	let current = input;
	for (let depth = 0; current.receiptId !== undefined && isRecord(current.body); depth++) {
		if (depth >= maxInputDepth) throw inputTooDeep('The notification body');
		current = current.body;
	}
	return current;
}

function withLink(reference: Parameters<typeof compactReference>[0], link: unknown): ParsedReference {
	const value = text(link);
	// {{SWE002}} stands where Green-API could not fetch a file over 100 MB (docs/green-api.md#journals).
	if (value === '{{SWE002}}') return compactReference({ ...reference, oversized: true });
	return compactReference({ ...reference, link: value });
}

function fromWebhook(body: Record<string, unknown>, messageData: Record<string, unknown>): ParsedReference {
	const typeMessage = text(messageData.typeMessage) ?? 'unknown';
	const fileData = messageData.fileMessageData;
	const chatId = senderChat(body) ?? text(body.chatId);
	const idMessage = text(body.idMessage);
	if (!isRecord(fileData)) throw noMedia(typeMessage, { chatId, idMessage }, 'green-api');
	const facts = { ...messageFacts(typeMessage, fileData), timestamp: positiveInteger(body.timestamp) };
	return withLink({ provider: 'green-api', chatId, idMessage, ...facts }, fileData.downloadUrl);
}

/** MEDIA_UNAVAILABLE for a `{{SWE002}}` link: the file is over 100 MB. */
export function oversized(): WamediaError {
	return new WamediaError('MEDIA_UNAVAILABLE', {
		message: 'The file is over 100 MB ({{SWE002}}): Green-API could not fetch it',
		hint: 'Open the file on the phone; Green-API cannot download files over 100 MB.',
		provider: 'green-api',
	});
}
