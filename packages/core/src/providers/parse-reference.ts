import { type Provider, WamediaError } from '../errors/wamedia-error.js';
import type { MediaType } from './body-fields.js';
import { recognize } from './index.js';

/** A reference reduced to what a download needs. */
export interface ParsedReference {
	provider: Provider;
	/** The link the reference carried: absolute, or relative to the gateway's server. */
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
	/** Meta: the media id to look up on the Graph API. */
	mediaId?: string;
	/** Meta: the business number the media belongs to. */
	phoneNumberId?: string;
	/** The caption the sender wrote. */
	caption?: string;
	/** The SHA-256 the gateway gave for the file (hex): the download must match it. */
	sha256?: string;
	/** The file's size in bytes as the gateway gave it (Evolution's fileLength): checks inline base64. */
	size?: number;
	/** The whole file as base64, when the body carried it inline. */
	base64?: string;
	/** What kind of media the gateway says the message carries (a type hint, and `{type}` in name templates). */
	type?: MediaType;
	/** When the message was sent, in seconds since 1970 (`{date}`, `{timestamp}` in name templates). */
	timestamp?: number;
}

/**
 * Reads one reference of any supported gateway: `{chatId, idMessage}`, `{mediaUrl}`, `{downloadUrl}`, a
 * gateway's media or message id (`{provider: 'meta', mediaId}`, …), or a webhook, notification or journal body. Throws INVALID_INPUT for anything else or for a body that
 * holds several media (read those with `readReferences`), NO_MEDIA for a message without a file.
 */
export function parseReference(input: unknown): ParsedReference {
	const references = recognize(input);
	const [first] = references;
	if (first === undefined || references.length > 1) {
		throw new WamediaError('INVALID_INPUT', {
			message: `The body holds ${references.length} media, not one`,
			hint: 'Download a body with several media with readReferences() and downloadMany(), or pass it to the CLI with --webhook.',
		});
	}
	return first;
}
