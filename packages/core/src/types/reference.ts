/** A Green-API message: resolved to a link with `downloadFile`. */
export interface MessageReference {
	chatId: string;
	idMessage: string;
	provider?: 'green-api';
}

/** A WhatsApp Multi-Session media URL, absolute or relative to the server URL. */
export interface MediaUrlReference {
	mediaUrl: string;
	sessionId?: string;
	phoneNumber?: string;
	provider?: 'multi-session';
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

/** The file part of a Green-API message (docs/green-api.md#webhook-bodies). */
export interface GreenApiFileMessageData {
	downloadUrl?: string;
	caption?: string;
	fileName?: string;
	jpegThumbnail?: string;
	mimeType?: string;
	isAnimated?: boolean;
	isForwarded?: boolean;
	forwardingScore?: number;
}

/** A Green-API message webhook (`incomingMessageReceived`, `outgoingMessageReceived`, …). */
export interface GreenApiWebhook {
	typeWebhook?: string;
	instanceData?: { idInstance?: number | string; wid?: string; typeInstance?: string };
	timestamp?: number;
	idMessage?: string;
	senderData?: {
		chatId?: string;
		chatName?: string;
		sender?: string;
		senderName?: string;
		senderContactName?: string;
		[field: `${string}Name` | `${string}Id`]: string | undefined;
	};
	messageData: {
		typeMessage: string;
		fileMessageData?: GreenApiFileMessageData;
		[field: `${string}MessageData`]: unknown;
	};
}

/** An item of Green-API's HTTP notification queue: the webhook, wrapped. */
export interface GreenApiNotification {
	receiptId: number;
	body: GreenApiWebhook | Record<string, unknown>;
}

/** An item of Green-API's journals (`lastIncomingMessages`, `getChatHistory`, …): flat, with the link. */
export interface GreenApiJournalItem {
	type?: 'incoming' | 'outgoing';
	typeMessage: string;
	chatId: string;
	idMessage: string;
	downloadUrl?: string;
	timestamp?: number;
	senderId?: string;
	senderName?: string;
	senderContactName?: string;
	caption?: string;
	fileName?: string;
	mimeType?: string;
	jpegThumbnail?: string;
	isForwarded?: boolean;
	forwardingScore?: number;
	statusMessage?: string;
	sendByApi?: boolean;
	textMessage?: string;
}

/** A WhatsApp Multi-Session webhook carrying media. */
export interface MultiSessionWebhook {
	session_id?: string;
	id?: string;
	message_type?: string;
	media_url?: string;
	media?: { url?: string; mimetype?: string; filename?: string };
	from?: string;
	to?: string;
	timestamp?: number | string;
	caption?: string;
}

/** A Meta Cloud API webhook (`object: whatsapp_business_account`): one reference per media message in it. */
export interface MetaWebhook {
	object?: string;
	entry: ReadonlyArray<{ id?: string; changes: ReadonlyArray<{ field?: string; value: Record<string, unknown> }> }>;
}

/** A WAHA webhook (`event: message` or `message.any`), its message in `payload`. */
export interface WahaWebhook {
	event?: string;
	session?: string;
	payload: Record<string, unknown>;
	id?: string;
	timestamp?: number;
	me?: Record<string, unknown>;
	engine?: string;
	environment?: Record<string, unknown>;
	metadata?: Record<string, unknown>;
}

/** An Evolution API webhook (`event: messages.upsert`), its message in `data`. */
export interface EvolutionWebhook {
	event?: string;
	instance?: string;
	data: Record<string, unknown>;
	destination?: string;
	date_time?: string;
	sender?: string;
	server_url?: string;
	apikey?: string;
}

/**
 * One media of a body, as `readReferences` gives it for every body it recognizes — with one media or several:
 * the gateway and the message's ids side by side, read the same way for every gateway, and the body itself,
 * from which a download reads the `mediaIndex`-th media (docs/providers.md#references-from-readreferences).
 */
export interface BodyMediaReference {
	provider: 'green-api' | 'multi-session' | 'meta' | 'waha' | 'evolution' | 'direct';
	chatId?: string;
	idMessage?: string;
	/** Meta: the media id; its business number in `phoneNumberId`. */
	mediaId?: string;
	phoneNumberId?: string;
	/** The Multi-Session session, the WAHA session. */
	sessionId?: string;
	caption?: string;
	fileName?: string;
	mimeType?: string;
	/** image, audio, voice, video, document or sticker, where the body says. */
	type?: 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker';
	/** When the message was sent, in seconds. */
	timestamp?: number;
	/** The body as the gateway sent it. */
	body: WebhookBody | Record<string, unknown>;
	/** Which media of the body this is, from 0 (a Meta webhook may hold several). */
	mediaIndex: number;
}

/** A gateway's body as it sent it (parsed JSON): webhooks, queue items and journal items. */
export type WebhookBody =
	| GreenApiWebhook
	| GreenApiNotification
	| GreenApiJournalItem
	| MultiSessionWebhook
	| MetaWebhook
	| WahaWebhook
	| EvolutionWebhook;

/**
 * What can be downloaded: a message id pair, a media URL, a direct link, or a gateway's body. Precise on
 * purpose: a misspelt field (`idmessage`) does not compile. Parsed JSON (`any`) is accepted as it is.
 */
export type MediaReference =
	| MessageReference
	| MediaUrlReference
	| DownloadUrlReference
	| MetaMediaReference
	| WahaMediaUrlReference
	| WahaMessageReference
	| EvolutionMessageReference
	| BodyMediaReference
	| WebhookBody;
