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

/** A Meta Cloud API media id (from a webhook's media object, or an upload), looked up on the Graph API. */
export interface MetaMediaReference {
	provider: 'meta';
	mediaId: string;
	/** The business number that received it; the Graph API then refuses media of other numbers. */
	phoneNumberId?: string;
	/** The message's `wamid`, its sender, caption, file name and MIME type: carried into the result. */
	idMessage?: string;
	chatId?: string;
	caption?: string;
	fileName?: string;
	mimeType?: string;
}

/** A WAHA media URL (`payload.media.url` of a webhook), absolute or relative to the server URL. */
export interface WahaMediaUrlReference {
	provider: 'waha';
	mediaUrl: string;
}

/** A WAHA message, whose media the server is asked for (`…/messages/{idMessage}?downloadMedia=true`). */
export interface WahaMessageReference {
	provider: 'waha';
	/** The chat, e.g. `79001234567@c.us`. */
	chatId: string;
	/** WAHA's serialized message id, e.g. `false_79001234567@c.us_3EB0…`. */
	idMessage: string;
}

/** An Evolution API message (`key.id`), fetched with `getBase64FromMediaMessage`. */
export interface EvolutionMessageReference {
	provider: 'evolution';
	idMessage: string;
}

/**
 * A webhook, notification-queue (`{receiptId, body}`) or journal body of Green-API or WhatsApp
 * Multi-Session, a Meta `whatsapp_business_account` webhook with one media message, a WAHA `message`
 * webhook or an Evolution `messages.upsert` webhook, as the gateway sent it (parsed JSON). Its shape is
 * checked when it is downloaded.
 */
export type WebhookBody = object;

/** What can be downloaded: a message id pair, a media URL, a direct link, a gateway's media or message id, or a gateway's body. */
export type MediaReference =
	| MessageReference
	| MediaUrlReference
	| DownloadUrlReference
	| MetaMediaReference
	| WahaMediaUrlReference
	| WahaMessageReference
	| EvolutionMessageReference
	| WebhookBody;
