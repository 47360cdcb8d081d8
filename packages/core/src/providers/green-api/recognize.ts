import { WamediaError } from '../../errors/wamedia-error.js';
import { inputTooDeep, maxInputDepth } from '../../inputs/input-limits.js';
import { compactReference, isRecord, noMedia, text } from '../body-fields.js';
import type { ParsedReference } from '../parse-reference.js';

const fileMessageTypes = new Set(['imageMessage', 'videoMessage', 'documentMessage', 'audioMessage', 'stickerMessage']);

/**
 * Green-API's shapes: a webhook (`messageData.fileMessageData`), a notification-queue item wrapping one
 * (`{receiptId, body}`), a flat journal item (chatId, idMessage, downloadUrl side by side), or a message
 * id pair (docs/green-api.md#webhook-bodies, #notification-queue, #journals).
 */
export function recognizeGreenApi(input: Record<string, unknown>): ParsedReference[] | undefined {
	const body = unwrapNotification(input);
	if (isRecord(body.messageData)) return [fromWebhook(body, body.messageData)];
	const chatId = text(body.chatId);
	const idMessage = text(body.idMessage);
	const typeMessage = text(body.typeMessage);
	const journal = chatId !== undefined && idMessage !== undefined;
	if (body.downloadUrl !== undefined && !journal) return undefined;
	if (typeMessage !== undefined && !fileMessageTypes.has(typeMessage)) throw noMedia(typeMessage, { chatId, idMessage });
	if (body.downloadUrl !== undefined) {
		return [
			withLink(
				{ provider: 'green-api', chatId, idMessage, fileName: text(body.fileName), mimeType: text(body.mimeType) },
				body.downloadUrl,
			),
		];
	}
	if (body.chatId !== undefined || body.idMessage !== undefined) {
		return [compactReference({ provider: 'green-api', chatId: chatId ?? '', idMessage: idMessage ?? '' })];
	}
	return undefined;
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
	const senderData = isRecord(body.senderData) ? body.senderData : {};
	const chatId = text(senderData.chatId) ?? text(body.chatId);
	const idMessage = text(body.idMessage);
	if (!isRecord(fileData)) throw noMedia(typeMessage, { chatId, idMessage });
	return withLink(
		{ provider: 'green-api', chatId, idMessage, fileName: text(fileData.fileName), mimeType: text(fileData.mimeType) },
		fileData.downloadUrl,
	);
}

/** MEDIA_UNAVAILABLE for a `{{SWE002}}` link: the file is over 100 MB. */
export function oversized(): WamediaError {
	return new WamediaError('MEDIA_UNAVAILABLE', {
		message: 'The file is over 100 MB ({{SWE002}}): Green-API could not fetch it',
		hint: 'Open the file on the phone; Green-API cannot download files over 100 MB.',
		provider: 'green-api',
	});
}
