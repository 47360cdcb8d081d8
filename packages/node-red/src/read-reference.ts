import { type MediaReference, type ReferenceInput, readReferences, WamediaError } from '@wamedia/core';
import type { DownloadSettings } from './defaults.js';
import type { NodeApi, NodeMessage, RuntimeNode } from './node-red.js';

const hint =
	'Send a Green-API or Multi-Session webhook body in msg.payload, or set msg.chatId and msg.idMessage, msg.mediaUrl or msg.downloadUrl.';

/** The one reference in a body, as core reads it: an object, JSON text (an `http in` without a JSON content type) or a Buffer. */
function oneReference(value: unknown, where: string): MediaReference {
	let references: MediaReference[];
	try {
		references = value === undefined || value === null ? [] : readReferences(value as ReferenceInput);
	} catch (error) {
		throw new WamediaError('INVALID_INPUT', { message: `No media reference in ${where}: ${(error as Error).message}`, hint, cause: error });
	}
	if (references.length === 1) return references[0] as MediaReference;
	if (references.length === 0) throw new WamediaError('INVALID_INPUT', { message: `No media reference in ${where}`, hint });
	throw new WamediaError('INVALID_INPUT', {
		message: `Found ${references.length} references in ${where}; the node downloads one per message`,
		hint: 'Put a Split node before this one to send them one message each.',
	});
}

/**
 * The reference in a message: `msg.chatId` + `msg.idMessage`, `msg.mediaUrl` (with `msg.sessionId` and
 * `msg.phoneNumber`), `msg.downloadUrl`, or else `msg.payload` as a webhook, notification or journal body.
 * The named properties come first because they are set on purpose; a payload may be left over from an
 * earlier node.
 */
export function referenceFromMessage(message: NodeMessage): MediaReference {
	const { chatId, idMessage, mediaUrl, sessionId, phoneNumber, downloadUrl } = message;
	if (chatId !== undefined && idMessage !== undefined) return { chatId, idMessage } as MediaReference;
	if (mediaUrl !== undefined) {
		return {
			mediaUrl,
			...(sessionId === undefined ? {} : { sessionId }),
			...(phoneNumber === undefined ? {} : { phoneNumber }),
		} as MediaReference;
	}
	if (downloadUrl !== undefined) return { downloadUrl } as MediaReference;
	return oneReference(message.payload, 'the message');
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
		case 'reference':
			return oneReference(await read(settings.reference, settings.referenceType), `${settings.referenceType}.${settings.reference}`);
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
