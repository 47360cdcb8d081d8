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

/** A gateway's body as it sent it (parsed JSON): webhooks, queue items and journal items. */
export type WebhookBody = GreenApiWebhook | GreenApiNotification | GreenApiJournalItem | MultiSessionWebhook;

/**
 * What can be downloaded: a message id pair, a media URL, a direct link, or a gateway's body. Precise on
 * purpose: a misspelt field (`idmessage`) does not compile. Parsed JSON (`any`) is accepted as it is.
 */
export type MediaReference = MessageReference | MediaUrlReference | DownloadUrlReference | WebhookBody;
