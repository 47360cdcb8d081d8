import { deterministicHex } from '../identifiers.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import { stateNotification, statusNotification, textJournalItem, textNotification } from './bodies.js';
import { type JournalItem, MessageJournal } from './message-journal.js';
import type { FileMessageSpec, JournalSpec, MessageDirection, NotificationSpec, TextMessageSpec } from './message-specs.js';
import { NotificationQueue, type QueuedNotification } from './notification-queue.js';
import type { SpecialMessage } from './special-messages.js';
import { instanceWid, nowSeconds, type Webhooks } from './webhooks.js';

/** What `getStateInstance` answers in `stateInstance`. */
export type StateInstance = 'authorized' | 'notAuthorized' | 'starting' | 'blocked' | 'sleepMode' | 'yellowCard';

/** What `getSettings` answers; `"yes"`/`"no"` flags as Green-API spells them. */
export type GreenApiSettings = Record<string, string | number>;

/** What the instance knows about a message, for `downloadFile`. */
export interface MessageRecord {
	readonly chatId: string;
	readonly entry?: MediaEntry;
	readonly special?: SpecialMessage;
}

/** What the instance needs from the sandbox. */
export interface InstanceContext {
	readonly idInstance: string;
	readonly chatId: string;
	readonly catalog: MediaCatalog;
	readonly webhooks: Webhooks;
	/** A presigned storage link to a catalog media, expired or not. */
	readonly link: (id: string, expired: boolean) => string;
}

const typeWebhooks: Readonly<Record<MessageDirection, string>> = {
	incoming: 'incomingMessageReceived',
	outgoing: 'outgoingMessageReceived',
	outgoingApi: 'outgoingAPIMessageReceived',
};

function defaultSettings(): GreenApiSettings {
	return {
		wid: instanceWid,
		countryInstance: '',
		typeAccount: 'trial',
		webhookUrl: '',
		webhookUrlToken: '',
		delaySendMessagesMilliseconds: 5000,
		markIncomingMessagesReaded: 'no',
		markIncomingMessagesReadedOnReply: 'no',
		sharedSession: 'no',
		outgoingWebhook: 'yes',
		outgoingMessageWebhook: 'yes',
		outgoingAPIMessageWebhook: 'yes',
		incomingWebhook: 'yes',
		deviceWebhook: 'no',
		statusInstanceWebhook: 'no',
		stateWebhook: 'no',
		enableMessagesHistory: 'no',
		keepOnlineStatus: 'no',
		pollMessageWebhook: 'no',
		incomingBlockWebhook: 'yes',
		incomingCallWebhook: 'yes',
		editedMessageWebhook: 'no',
		deletedMessageWebhook: 'no',
	};
}

/**
 * The state behind the Green-API emulator's queue and journal methods: the notification queue, the journals, the
 * messages `downloadFile` can resolve, and the switchable instance state and settings.
 *
 * @example instance.enqueue({ type: "file", media: "image" }).receiptId
 */
export class GreenApiInstance {
	readonly queue = new NotificationQueue();
	readonly journal = new MessageJournal();
	readonly #context: InstanceContext;
	readonly #messages = new Map<string, MessageRecord>();
	#state: StateInstance = 'authorized';
	#settings = defaultSettings();
	#lastMessage = 0;

	constructor(context: InstanceContext) {
		this.#context = context;
	}

	/** What `getStateInstance` answers. */
	state(): StateInstance {
		return this.#state;
	}

	/** Switches the state; any state but `authorized` and `yellowCard` makes the other methods answer 400. */
	setState(state: StateInstance): void {
		this.#state = state;
	}

	/** What `getSettings` answers. */
	settings(): GreenApiSettings {
		return { ...this.#settings };
	}

	/** Changes some settings, e.g. `{ webhookUrl: "https://example.com/hook" }`. */
	setSettings(patch: GreenApiSettings): void {
		Object.assign(this.#settings, patch);
	}

	/** The message an `idMessage` names, if the instance has one. */
	message(idMessage: string): MessageRecord | undefined {
		return this.#messages.get(idMessage);
	}

	/** Enqueues a notification; a file or text message also goes to the journals unless `journal: false`. */
	enqueue(spec: NotificationSpec): QueuedNotification {
		const { idInstance, chatId } = this.#context;
		switch (spec.type) {
			case 'file':
			case 'text': {
				const message = this.#message(spec);
				if (spec.journal !== false) {
					this.journal.add(message.item);
				}
				return this.queue.enqueue(message.body, spec.type === 'file' ? spec.media : undefined);
			}
			case 'status':
				return this.queue.enqueue(
					statusNotification(idInstance, spec.idMessage ?? this.#newId('outgoingApi'), spec.chatId ?? chatId, spec),
				);
			case 'state':
				return this.queue.enqueue(stateNotification(idInstance, spec));
			case 'raw':
				return this.queue.enqueue(spec.body);
		}
	}

	/** Adds a message to the journals only (one that was received before, or whose notification is gone). */
	addToJournal(spec: JournalSpec): JournalItem {
		return this.journal.add(spec.type === 'raw' ? spec.item : this.#message(spec).item);
	}

	#message(spec: FileMessageSpec | TextMessageSpec): { body: unknown; item: JournalItem } {
		const direction = spec.direction ?? 'incoming';
		const idMessage = spec.idMessage ?? this.#newId(direction);
		const chatId = spec.chatId ?? this.#context.chatId;
		const timestamp = spec.timestamp ?? nowSeconds();
		const typeWebhook = typeWebhooks[direction];
		if (spec.type === 'text') {
			const text = { typeWebhook, idMessage, chatId, timestamp, text: spec.text };
			this.#messages.set(idMessage, { chatId, special: 'noMedia' });
			return { body: textNotification(this.#context.idInstance, text), item: textJournalItem(text) };
		}
		const entry = this.#context.catalog.get(spec.media);
		const downloadUrl = spec.downloadUrl ?? this.#context.link(spec.media, spec.expired ?? false);
		const options = {
			typeWebhook,
			idMessage,
			chatId,
			timestamp,
			downloadUrl,
			...(spec.caption === undefined ? {} : { caption: spec.caption }),
		};
		this.#messages.set(idMessage, { chatId, entry, ...(spec.downloadFile === undefined ? {} : { special: spec.downloadFile }) });
		return { body: this.#context.webhooks.greenApi(spec.media, options), item: this.#context.webhooks.journal(spec.media, options) };
	}

	/** A message id in the style of its sender: 32 hex digits from a phone, `3EB0…` from WhatsApp Web, `BAE5…` from the API. */
	#newId(direction: MessageDirection): string {
		this.#lastMessage += 1;
		const hex = deterministicHex(`message:${this.#lastMessage}`, 32).toUpperCase();
		if (direction === 'outgoingApi') {
			return `BAE5${hex.slice(0, 12)}`;
		}
		return direction === 'outgoing' ? `3EB0${hex.slice(0, 18)}` : hex;
	}
}
