import { type MediaReference, WamediaError } from '@wamedia/core';
import { type ReferenceInput, readReferences } from '@wamedia/core/inputs';
import type { DownloadSettings } from './defaults.js';
import type { NodeApi, NodeMessage, RuntimeNode } from './node-red.js';

const hint =
	'Send a webhook body in msg.payload, or set msg.chatId and msg.idMessage, msg.mediaUrl, msg.mediaId (Meta) or msg.downloadUrl.';

/** The connection's provider, which says whose ids and media URLs the message names. */
type Provider = string | undefined;

/** A message id as the connection's gateway knows it: Green-API's and WAHA's with their chat, Evolution's alone. */
function messageReference(provider: Provider, chatId: unknown, idMessage: unknown): MediaReference {
	if (provider === 'evolution') return { provider: 'evolution', idMessage } as MediaReference;
	return (provider === 'waha' ? { provider: 'waha', chatId, idMessage } : { chatId, idMessage }) as MediaReference;
}

/** A media URL of WAHA (with a WAHA connection) or of Multi-Session. */
function mediaUrlReference(provider: Provider, mediaUrl: unknown, extras: Record<string, unknown> = {}): MediaReference {
	return (provider === 'waha' ? { provider: 'waha', mediaUrl } : { mediaUrl, ...extras }) as MediaReference;
}

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
		hint:
			'Put a Split node before this one to send them one message each. A Meta webhook may hold several media: split its ' +
			'entry[0].changes[0].value.messages and set msg.mediaId to the id of each message’s media.',
	});
}

/**
 * The reference in a message: `msg.chatId` + `msg.idMessage` (with an Evolution connection `msg.idMessage`
 * alone), `msg.mediaId` (Meta, with `msg.phoneNumberId`), `msg.mediaUrl` (WAHA's with a WAHA connection, else
 * Multi-Session's with `msg.sessionId` and `msg.phoneNumber`), `msg.downloadUrl`, or else `msg.payload` as a
 * webhook, notification or journal body of any provider. The named properties come first because they are
 * set on purpose; a payload may be left over from an earlier node.
 */
export function referenceFromMessage(message: NodeMessage, provider?: Provider): MediaReference {
	const { chatId, idMessage, mediaUrl, sessionId, phoneNumber, downloadUrl, mediaId, phoneNumberId } = message;
	if (idMessage !== undefined && (chatId !== undefined || provider === 'evolution')) return messageReference(provider, chatId, idMessage);
	if (mediaId !== undefined) {
		return { provider: 'meta', mediaId, ...(phoneNumberId === undefined ? {} : { phoneNumberId }) } as MediaReference;
	}
	if (mediaUrl !== undefined) {
		return mediaUrlReference(provider, mediaUrl, {
			...(sessionId === undefined ? {} : { sessionId }),
			...(phoneNumber === undefined ? {} : { phoneNumber }),
		});
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

/** The media reference for one message, from the source the node is set to, for the connection's provider. */
export async function readReference(
	RED: NodeApi,
	node: RuntimeNode,
	settings: DownloadSettings,
	message: NodeMessage,
	provider?: Provider,
): Promise<MediaReference> {
	const read = (value: string, type: string) => evaluate(RED, node, message, value, type);
	switch (settings.source) {
		case 'auto':
			return referenceFromMessage(message, provider);
		case 'reference':
			return oneReference(await read(settings.reference, settings.referenceType), `${settings.referenceType}.${settings.reference}`);
		case 'message':
			return messageReference(
				provider,
				provider === 'evolution' ? undefined : await read(settings.chatId, settings.chatIdType),
				await read(settings.idMessage, settings.idMessageType),
			);
		case 'mediaUrl':
			return mediaUrlReference(provider, await read(settings.mediaUrl, settings.mediaUrlType));
		case 'mediaId':
			return { provider: 'meta', mediaId: await read(settings.mediaId, settings.mediaIdType) } as MediaReference;
		case 'downloadUrl':
			return { downloadUrl: await read(settings.downloadUrl, settings.downloadUrlType) } as MediaReference;
		default:
			throw new WamediaError('INVALID_INPUT', {
				message: `Unknown source "${String(settings.source)}"`,
				hint: 'Open the node and choose where the media reference comes from.',
			});
	}
}
