import type { StateNotificationSpec, StatusNotificationSpec } from './message-specs.js';
import { instanceWid, isOutgoing, nowSeconds, senderName } from './webhooks.js';

/** What a text message body is built from. */
export interface TextMessage {
	readonly typeWebhook: string;
	readonly idMessage: string;
	readonly chatId: string;
	readonly timestamp: number;
	readonly text: string;
}

function instanceData(idInstance: string): Record<string, unknown> {
	return { idInstance: Number(idInstance), wid: instanceWid, typeInstance: 'whatsapp' };
}

/**
 * A text message notification (`messageData.textMessageData.textMessage`).
 *
 * @example textNotification("1101000001", { typeWebhook: "incomingMessageReceived", idMessage, chatId, timestamp, text: "hi" })
 */
export function textNotification(idInstance: string, message: TextMessage): Record<string, unknown> {
	const outgoing = isOutgoing(message.typeWebhook);
	return {
		typeWebhook: message.typeWebhook,
		instanceData: instanceData(idInstance),
		timestamp: message.timestamp,
		idMessage: message.idMessage,
		senderData: {
			chatId: message.chatId,
			chatName: senderName,
			sender: outgoing ? instanceWid : message.chatId,
			senderName: outgoing ? '' : senderName,
			senderContactName: outgoing ? '' : senderName,
		},
		messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: message.text } },
	};
}

/**
 * The journal item of a text message.
 *
 * @example textJournalItem({ typeWebhook: "outgoingAPIMessageReceived", idMessage, chatId, timestamp, text: "hi" })
 */
export function textJournalItem(message: TextMessage): Record<string, unknown> {
	const outgoing = isOutgoing(message.typeWebhook);
	return {
		type: outgoing ? 'outgoing' : 'incoming',
		idMessage: message.idMessage,
		timestamp: message.timestamp,
		typeMessage: 'textMessage',
		chatId: message.chatId,
		...(outgoing
			? { statusMessage: 'read', sendByApi: message.typeWebhook === 'outgoingAPIMessageReceived' }
			: { senderId: message.chatId, senderName, senderContactName: senderName }),
		textMessage: message.text,
	};
}

/**
 * An `outgoingMessageStatus` notification: a sent message's status, no file.
 *
 * @example statusNotification("1101000001", "BAE5…", "79001234567@c.us", { type: "status", status: "read" })
 */
export function statusNotification(
	idInstance: string,
	idMessage: string,
	chatId: string,
	spec: StatusNotificationSpec,
): Record<string, unknown> {
	return {
		typeWebhook: 'outgoingMessageStatus',
		chatId,
		instanceData: instanceData(idInstance),
		timestamp: spec.timestamp ?? nowSeconds(),
		idMessage,
		status: spec.status ?? 'delivered',
		...(spec.description === undefined ? {} : { description: spec.description }),
		sendByApi: spec.sendByApi ?? true,
	};
}

/**
 * A `stateInstanceChanged` notification.
 *
 * @example stateNotification("1101000001", { type: "state", stateInstance: "notAuthorized" })
 */
export function stateNotification(idInstance: string, spec: StateNotificationSpec): Record<string, unknown> {
	return {
		typeWebhook: 'stateInstanceChanged',
		instanceData: instanceData(idInstance),
		timestamp: spec.timestamp ?? nowSeconds(),
		stateInstance: spec.stateInstance ?? 'authorized',
	};
}
