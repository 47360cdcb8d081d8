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
 * A webhook, notification-queue (`{receiptId, body}`) or journal body of Green-API or WhatsApp
 * Multi-Session, as the gateway sent it (parsed JSON). Its shape is checked when it is downloaded.
 */
export type WebhookBody = object;

/** What can be downloaded: a message id pair, a media URL, a direct link, or a gateway's body. */
export type MediaReference = MessageReference | MediaUrlReference | DownloadUrlReference | WebhookBody;
