/** A Green-API message: resolved to a link with `downloadFile`. */
export interface MessageReference {
	chatId: string;
	idMessage: string;
}

/** A WhatsApp Multi-Session media URL, absolute or relative to the server URL. */
export interface MediaUrlReference {
	mediaUrl: string;
	sessionId?: string;
	phoneNumber?: string;
}

/** A direct link to the bytes. `fileName` and `mimeType` are hints used when the server gives none. */
export interface DownloadUrlReference {
	downloadUrl: string;
	fileName?: string;
	mimeType?: string;
}

/**
 * What can be downloaded: a message id pair, a media URL, a direct link, or a whole webhook,
 * notification-queue (`{receiptId, body}`) or journal body of Green-API or WhatsApp Multi-Session,
 * as the gateway sent it.
 */
export type MediaReference = MessageReference | MediaUrlReference | DownloadUrlReference | Record<string, unknown>;
