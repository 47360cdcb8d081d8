import { type Provider, WamediaError } from '../errors/wamedia-error.js';
import { inputTooDeep, maxInputDepth } from '../inputs/input-limits.js';
import { definedEntries } from './defined-entries.js';

/** A reference reduced to what a download needs. */
export interface ParsedReference {
	provider: Provider;
	/** The link the reference carried: absolute, or relative to the Multi-Session server. */
	link?: string;
	/** The link was Green-API's `{{SWE002}}` marker: the file is over 100 MB. */
	oversized?: boolean;
	chatId?: string;
	idMessage?: string;
	sessionId?: string;
	phoneNumber?: string;
	/** The name the gateway gave the file (real only for documents). */
	fileName?: string;
	/** The gateway's MIME type hint. */
	mimeType?: string;
}

type Body = Record<string, unknown>;

const fileMessageTypes = new Set(['imageMessage', 'videoMessage', 'documentMessage', 'audioMessage', 'stickerMessage']);

function isRecord(value: unknown): value is Body {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

function compact(reference: Loose<ParsedReference> & Pick<ParsedReference, 'provider'>): ParsedReference {
	return definedEntries(reference) as ParsedReference;
}

function withLink(reference: Loose<ParsedReference> & Pick<ParsedReference, 'provider'>, link: unknown): ParsedReference {
	const value = text(link);
	if (value === '{{SWE002}}') return compact({ ...reference, oversized: true });
	return compact({ ...reference, link: value });
}

function noMedia(typeMessage: string, ids: { chatId?: string | undefined; idMessage?: string | undefined } = {}): WamediaError {
	return new WamediaError('NO_MEDIA', {
		message: `The message has no file (${typeMessage})`,
		hint: 'Only image, video, audio, document and sticker messages carry media; filter on messageData.typeMessage before downloading.',
		details: { typeMessage, ...definedEntries(ids) },
	});
}

/**
 * Reads any supported reference: `{chatId, idMessage}`, `{mediaUrl}`, `{downloadUrl}`, or a Green-API
 * webhook, notification (`{receiptId, body}`) or journal body, or a Multi-Session webhook.
 * Throws INVALID_INPUT for anything else, NO_MEDIA for a message without a file.
 */
export function parseReference(input: unknown): ParsedReference {
	const reference = unwrapNotification(input);
	if (!isRecord(reference)) {
		throw new WamediaError('INVALID_INPUT', {
			message: 'The media reference must be an object',
			hint: 'Pass {chatId, idMessage}, {mediaUrl}, {downloadUrl} or a webhook body as an object (parse JSON first).',
		});
	}
	if (isRecord(reference.messageData)) return parseGreenApiWebhook(reference, reference.messageData);

	const multiSessionLink = reference.media_url ?? (isRecord(reference.media) ? reference.media.url : undefined);
	if (multiSessionLink !== undefined || reference.session_id !== undefined) {
		if (text(multiSessionLink) === undefined)
			throw noMedia(text(reference.message_type) ?? 'no media_url', { idMessage: text(reference.id) });
		return compact({
			provider: 'multi-session',
			link: text(multiSessionLink),
			sessionId: text(reference.session_id),
			idMessage: text(reference.id),
		});
	}

	if (reference.mediaUrl !== undefined) {
		return withLink(
			{ provider: 'multi-session', sessionId: text(reference.sessionId), phoneNumber: text(reference.phoneNumber) },
			reference.mediaUrl,
		);
	}

	const chatId = text(reference.chatId);
	const idMessage = text(reference.idMessage);
	const typeMessage = text(reference.typeMessage);
	if (typeMessage !== undefined && !fileMessageTypes.has(typeMessage)) throw noMedia(typeMessage, { chatId, idMessage });

	if (reference.downloadUrl !== undefined) {
		// A journal item is flat: chatId, idMessage and downloadUrl side by side (research/green-api.md §2.6).
		const journal = chatId !== undefined && idMessage !== undefined;
		return withLink(
			{
				provider: journal ? 'green-api' : 'direct',
				chatId,
				idMessage,
				fileName: text(reference.fileName),
				mimeType: text(reference.mimeType),
			},
			reference.downloadUrl,
		);
	}
	if (reference.chatId !== undefined || reference.idMessage !== undefined) {
		return compact({ provider: 'green-api', chatId: chatId ?? '', idMessage: idMessage ?? '' });
	}
	throw new WamediaError('INVALID_INPUT', {
		message: 'Unrecognized media reference',
		hint: 'Pass {chatId, idMessage}, {mediaUrl}, {downloadUrl}, or a Green-API or Multi-Session webhook body.',
		details: { keys: Object.keys(reference).slice(0, 10) },
	});
}

// A notification-queue item wraps the webhook: {receiptId, body: <webhook>}. Unwrapped in a loop with a
// limit, so that a body nested without end neither overflows the stack nor spins.
function unwrapNotification(reference: unknown): unknown {
	let current = reference;
	for (let depth = 0; isRecord(current) && current.receiptId !== undefined && isRecord(current.body); depth++) {
		if (depth >= maxInputDepth) throw inputTooDeep('The notification body');
		current = current.body;
	}
	return current;
}

function parseGreenApiWebhook(body: Body, messageData: Body): ParsedReference {
	const typeMessage = text(messageData.typeMessage) ?? 'unknown';
	const fileData = messageData.fileMessageData;
	const senderData = isRecord(body.senderData) ? body.senderData : {};
	if (!isRecord(fileData))
		throw noMedia(typeMessage, { chatId: text(senderData.chatId) ?? text(body.chatId), idMessage: text(body.idMessage) });
	return withLink(
		{
			provider: 'green-api',
			chatId: text(senderData.chatId) ?? text(body.chatId),
			idMessage: text(body.idMessage),
			fileName: text(fileData.fileName),
			mimeType: text(fileData.mimeType),
		},
		fileData.downloadUrl,
	);
}
