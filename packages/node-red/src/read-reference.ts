import { type MediaReference, WamediaError } from '@wamedia/core';
import type { DownloadSettings } from './defaults.js';
import type { NodeApi, NodeMessage, RuntimeNode } from './node-red.js';

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A JSON object sent as text (an `http in` node without a JSON content type) is parsed; anything else is kept. */
function parsedObject(value: unknown): unknown {
	if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

function missingReference(where: string): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `No media reference in ${where}`,
		hint: 'Send a Green-API or Multi-Session webhook body in msg.payload, or set msg.chatId and msg.idMessage, msg.mediaUrl or msg.downloadUrl.',
	});
}

/**
 * The reference in a message: `msg.chatId` + `msg.idMessage`, `msg.mediaUrl` (with `msg.sessionId` and
 * `msg.phoneNumber`), `msg.downloadUrl`, or else `msg.payload` as a webhook, notification or journal body.
 * The named properties come first because they are set on purpose; a payload may be left over from an
 * earlier node.
 */
export function referenceFromMessage(message: NodeMessage): MediaReference {
	if (message.chatId !== undefined && message.idMessage !== undefined) {
		return { chatId: message.chatId, idMessage: message.idMessage } as MediaReference;
	}
	if (message.mediaUrl !== undefined) {
		const { mediaUrl, sessionId, phoneNumber } = message;
		return {
			mediaUrl,
			...(sessionId === undefined ? {} : { sessionId }),
			...(phoneNumber === undefined ? {} : { phoneNumber }),
		} as MediaReference;
	}
	if (message.downloadUrl !== undefined) return { downloadUrl: message.downloadUrl } as MediaReference;
	const payload = parsedObject(message.payload);
	if (!isObject(payload)) throw missingReference('the message');
	return payload;
}

function evaluate(RED: NodeApi, node: RuntimeNode, message: NodeMessage, value: string, type: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		RED.util.evaluateNodeProperty(value, type, node, message, (error, result) => {
			if (error) {
				reject(new WamediaError('INVALID_INPUT', { message: `Cannot read the ${type} property "${value}"`, cause: error }));
			} else resolve(result);
		});
	});
}

/** The media reference for one message, from the source the node is set to. */
export async function readReference(
	RED: NodeApi,
	node: RuntimeNode,
	settings: DownloadSettings,
	message: NodeMessage,
): Promise<MediaReference> {
	const read = (value: string, type: string) => evaluate(RED, node, message, value, type);
	switch (settings.source) {
		case 'auto':
			return referenceFromMessage(message);
		case 'reference': {
			const reference = parsedObject(await read(settings.reference, settings.referenceType));
			if (!isObject(reference)) throw missingReference(`${settings.referenceType}.${settings.reference}`);
			return reference;
		}
		case 'message':
			return {
				chatId: await read(settings.chatId, settings.chatIdType),
				idMessage: await read(settings.idMessage, settings.idMessageType),
			} as MediaReference;
		case 'mediaUrl':
			return { mediaUrl: await read(settings.mediaUrl, settings.mediaUrlType) } as MediaReference;
		case 'downloadUrl':
			return { downloadUrl: await read(settings.downloadUrl, settings.downloadUrlType) } as MediaReference;
		default:
			throw new WamediaError('INVALID_INPUT', {
				message: `Unknown source "${String(settings.source)}"`,
				hint: 'Open the node and choose where the media reference comes from.',
			});
	}
}
