import { WamediaError } from '../../errors/wamedia-error.js';
import { definedEntries } from '../../utils/defined-entries.js';
import { isRecord, text } from '../body-fields.js';

type Ids = { chatId?: string | undefined; idMessage?: string | undefined };

/**
 * Reads a WAHA message's `media` (docs/providers.md#waha-webhooks): its URL, or the error that says why there
 * is none — MEDIA_UNAVAILABLE for `media.error`, NO_MEDIA for a message without media or whose file WAHA was
 * told not to keep.
 */
export function mediaUrlOf(payload: Record<string, unknown>, ids: Ids): string {
	const { media } = payload;
	// WAHA before 2024 put the link in payload.mediaUrl, without a media object or hasMedia.
	const url = (isRecord(media) ? text(media.url) : undefined) ?? text(payload.mediaUrl);
	if (isRecord(media) && media.error !== undefined && media.error !== null && media.error !== false) {
		const reason = isRecord(media.error) ? text(media.error.message) : text(media.error);
		throw new WamediaError('MEDIA_UNAVAILABLE', {
			message: `WAHA could not download this media${reason === undefined ? '' : `: ${reason.slice(0, 200)}`}`,
			hint: 'WhatsApp no longer serves the file (or refused it to WAHA); ask the sender to send it again.',
			provider: 'waha',
			details: definedEntries({ ...ids, serverMessage: reason?.slice(0, 300) }),
		});
	}
	if (url !== undefined) return url;
	if (payload.hasMedia !== true) {
		throw new WamediaError('NO_MEDIA', {
			message: 'The message has no file (hasMedia: false)',
			hint: 'Only image, video, audio, document and sticker messages carry media; filter on payload.hasMedia before downloading.',
			provider: 'waha',
			details: definedEntries({ typeMessage: 'hasMedia: false', ...ids }),
		});
	}
	throw new WamediaError('NO_MEDIA', {
		message: 'WAHA did not keep the file of this message (hasMedia, but no media.url)',
		hint: 'Set WHATSAPP_DOWNLOAD_MEDIA=true on the WAHA server, and list this type in WHATSAPP_FILES_MIMETYPES (or leave it empty for every type).',
		provider: 'waha',
		details: definedEntries({ typeMessage: 'hasMedia without media.url', ...ids }),
	});
}
