import type { JournalLine } from '../../types/archive.js';
import { definedEntries } from '../../utils/defined-entries.js';
import { isRecord } from '../body-fields.js';

/** The ids and names a journal line repeats from its message. */
export type MessageFacts = Pick<
	JournalLine,
	'typeWebhook' | 'typeMessage' | 'chatId' | 'idMessage' | 'timestamp' | 'senderName' | 'caption'
>;

// Only these notifications carry files, and only with fileMessageData (docs/green-api.md#webhook-bodies).
const fileWebhooks = new Set(['incomingMessageReceived', 'outgoingMessageReceived', 'outgoingAPIMessageReceived']);
const fileMessageTypes = new Set(['imageMessage', 'videoMessage', 'documentMessage', 'audioMessage', 'stickerMessage']);

function word(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function positiveInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether a queue notification's body is a message with a file. */
export function isFileNotification(body: unknown): body is Record<string, unknown> {
	return (
		isRecord(body) &&
		typeof body.typeWebhook === 'string' &&
		fileWebhooks.has(body.typeWebhook) &&
		isRecord(body.messageData) &&
		isRecord(body.messageData.fileMessageData)
	);
}

/** What a queue notification says about its message. */
export function notificationFacts(body: unknown): MessageFacts {
	if (!isRecord(body)) return {};
	const messageData = isRecord(body.messageData) ? body.messageData : {};
	const senderData = isRecord(body.senderData) ? body.senderData : {};
	const fileData = isRecord(messageData.fileMessageData) ? messageData.fileMessageData : {};
	return definedEntries({
		typeWebhook: word(body.typeWebhook),
		typeMessage: word(messageData.typeMessage) ?? word(body.typeMessage),
		chatId: word(senderData.chatId) ?? word(body.chatId),
		idMessage: word(body.idMessage),
		timestamp: positiveInteger(body.timestamp),
		senderName: word(senderData.senderName) ?? word(senderData.chatName),
		caption: word(fileData.caption),
	});
}

/** Whether a journal item (flat: typeMessage, chatId, idMessage, downloadUrl side by side) is a message with a file. */
export function isFileJournalItem(item: unknown): item is Record<string, unknown> {
	return isRecord(item) && typeof item.typeMessage === 'string' && fileMessageTypes.has(item.typeMessage);
}

/** What a journal item says about its message. */
export function journalItemFacts(item: Record<string, unknown>): MessageFacts {
	return definedEntries({
		typeMessage: word(item.typeMessage),
		chatId: word(item.chatId),
		idMessage: word(item.idMessage),
		timestamp: positiveInteger(item.timestamp),
		senderName: word(item.senderName),
		caption: word(item.caption),
	});
}
