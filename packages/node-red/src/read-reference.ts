import { type MediaReference, WamediaError } from '@wamedia/core';
import { type ReadSettingsResult, type ReferenceInput, readReferences, readSources, type Sources } from '@wamedia/core/inputs';
import type { DownloadSettings } from './defaults.js';
import type { NodeApi, NodeMessage, RuntimeNode } from './node-red.js';

const hint =
	'Send a webhook body in msg.payload, or set msg.chatId and msg.idMessage, msg.mediaUrl, msg.mediaId (Meta) or msg.downloadUrl.';

const oneEach =
	'Put a Split node before this one to send them one message each. A Meta webhook may hold several media: split its ' +
	'entry[0].changes[0].value.messages and set msg.mediaId to the id of each message’s media.';

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

/**
 * The one reference a message id, media URL, media id or direct link stands for with the connection's settings:
 * core's readSources decides which gateway it goes to (WAHA's and Evolution's ids with those connections).
 */
function fromSources(sources: Sources, settings: ReadSettingsResult): MediaReference {
	const references = readSources(sources, settings);
	if (references.length === 1) return references[0] as MediaReference;
	throw new WamediaError('INVALID_INPUT', {
		message: `Found ${references.length} references in the message; the node downloads one per message`,
		hint: oneEach,
	});
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
		hint: oneEach,
	});
}

/**
 * The reference in a message: `msg.chatId` + `msg.idMessage` (with an Evolution connection `msg.idMessage`
 * alone), `msg.mediaId` (Meta, with `msg.phoneNumberId`), `msg.mediaUrl` (WAHA's with a WAHA connection, else
 * Multi-Session's with `msg.sessionId` and `msg.phoneNumber`), `msg.downloadUrl`, or else `msg.payload` as a
 * webhook, notification or journal body of any provider. The named properties come first because they are
 * set on purpose; a payload may be left over from an earlier node.
 */
export function referenceFromMessage(message: NodeMessage, settings: ReadSettingsResult): MediaReference {
	const { chatId, idMessage, mediaUrl, sessionId, phoneNumber, downloadUrl, mediaId } = message;
	if (idMessage !== undefined && (chatId !== undefined || settings.provider === 'evolution')) {
		return fromSources({ idMessage: text(idMessage), chatId: settings.provider === 'evolution' ? undefined : text(chatId) }, settings);
	}
	if (mediaId !== undefined) {
		const reference = fromSources({ mediaId: text(mediaId) }, settings);
		return message.phoneNumberId === undefined
			? reference
			: ({ ...reference, phoneNumberId: text(message.phoneNumberId) } as MediaReference);
	}
	if (mediaUrl !== undefined) {
		const extras = settings.provider === 'waha' ? {} : { sessionId: text(sessionId), phoneNumber: text(phoneNumber) };
		return fromSources({ mediaUrl: text(mediaUrl), ...extras }, settings);
	}
	if (downloadUrl !== undefined) return fromSources({ downloadUrl: text(downloadUrl) }, settings);
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
	connection: ReadSettingsResult,
): Promise<MediaReference> {
	const read = (value: string, type: string) => evaluate(RED, node, message, value, type);
	switch (settings.source) {
		case 'auto':
			return referenceFromMessage(message, connection);
		case 'reference':
			return oneReference(await read(settings.reference, settings.referenceType), `${settings.referenceType}.${settings.reference}`);
		case 'message': {
			const chatId = connection.provider === 'evolution' ? undefined : text(await read(settings.chatId, settings.chatIdType));
			return fromSources({ idMessage: text(await read(settings.idMessage, settings.idMessageType)), chatId }, connection);
		}
		case 'mediaUrl':
			return fromSources({ mediaUrl: text(await read(settings.mediaUrl, settings.mediaUrlType)) }, connection);
		case 'mediaId':
			return fromSources({ mediaId: text(await read(settings.mediaId, settings.mediaIdType)) }, connection);
		case 'downloadUrl':
			return fromSources({ downloadUrl: text(await read(settings.downloadUrl, settings.downloadUrlType)) }, connection);
		default:
			throw new WamediaError('INVALID_INPUT', {
				message: `Unknown source "${String(settings.source)}"`,
				hint: 'Open the node and choose where the media reference comes from.',
			});
	}
}
