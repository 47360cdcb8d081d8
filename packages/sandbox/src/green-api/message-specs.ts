import { type SpecialMessage, specialMessages } from './special-messages.js';

/**
 * Who sent a message: a contact (`incoming`), the instance from the phone (`outgoing`) or through the API
 * (`outgoingApi`). Notifications say `incomingMessageReceived`, `outgoingMessageReceived` and
 * `outgoingAPIMessageReceived`; journals `incoming` and `outgoing`.
 */
export type MessageDirection = 'incoming' | 'outgoing' | 'outgoingApi';

/** The status of a sent message in an `outgoingMessageStatus` notification. */
export type OutgoingStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'noAccount' | 'notInGroup' | 'yellowCard';

/** Fields every message shares. */
export interface MessageFields {
	/** Default `incoming`. */
	direction?: MessageDirection;
	/** Default: a new id, unique in the sandbox. Repeat one to send the same message twice. */
	idMessage?: string;
	/** Default: the sandbox's chat (`79001234567@c.us`). */
	chatId?: string;
	/** Unix seconds; default now. */
	timestamp?: number;
	/** When enqueued, also write the message to the journals (as Green-API does); default true. */
	journal?: boolean;
}

/**
 * A file message carrying a catalog media: `downloadFile` resolves its `idMessage` to a fresh link to that media.
 *
 * @example { type: "file", media: "document", downloadUrl: "" }
 */
export interface FileMessageSpec extends MessageFields {
	type: 'file';
	/** Catalog id of the media. */
	media: string;
	/** The link the body carries instead of a fresh one, e.g. `""` or `"{{SWE002}}"`. */
	downloadUrl?: string;
	/** Carry a link that has already expired. */
	expired?: boolean;
	caption?: string;
	/** `downloadFile` answers for this message like for this special message, e.g. `noMedia`. */
	downloadFile?: SpecialMessage;
}

/**
 * A text message; `{{SWE001}}`, `{{SWE003}}` and `{{SWE999}}` are the markers WhatsApp leaves for undecryptable ones.
 *
 * @example { type: "text", text: "hello" }
 */
export interface TextMessageSpec extends MessageFields {
	type: 'text';
	text: string;
}

/**
 * An `outgoingMessageStatus` notification (no file, no journal item).
 *
 * @example { type: "status", status: "delivered" }
 */
export interface StatusNotificationSpec {
	type: 'status';
	/** Default: a new id. */
	idMessage?: string;
	chatId?: string;
	/** Default `delivered`. */
	status?: OutgoingStatus;
	/** Set with `failed`, e.g. `SWE004: …`. */
	description?: string;
	/** Default true. */
	sendByApi?: boolean;
	timestamp?: number;
}

/**
 * A `stateInstanceChanged` notification.
 *
 * @example { type: "state", stateInstance: "authorized" }
 */
export interface StateNotificationSpec {
	type: 'state';
	/** Default `authorized`. */
	stateInstance?: string;
	timestamp?: number;
}

/**
 * Any body, enqueued as it is.
 *
 * @example { type: "raw", body: { typeWebhook: "incomingCall" } }
 */
export interface RawNotificationSpec {
	type: 'raw';
	body: unknown;
}

/** What `sandbox.notifications.enqueue()` and `POST /notifications` take. */
export type NotificationSpec = FileMessageSpec | TextMessageSpec | StatusNotificationSpec | StateNotificationSpec | RawNotificationSpec;

/**
 * A journal item to add as it is (e.g. `{ type: "outgoing", typeMessage: "" }`, which journals sometimes hold).
 * Without `chatId` it shows in every chat's history; without `timestamp`, in every time window.
 */
export interface RawJournalSpec {
	type: 'raw';
	item: Record<string, unknown>;
}

/** What `sandbox.journal.add()` and `POST /journal` take. */
export type JournalSpec = FileMessageSpec | TextMessageSpec | RawJournalSpec;

type SpecRecord = Record<string, unknown>;

function fail(message: string): never {
	throw new TypeError(`invalid ${message}`);
}

function check(record: SpecRecord, key: string, test: (value: unknown) => boolean, expected: string): void {
	if (record[key] !== undefined && !test(record[key])) {
		fail(`message: ${key} must be ${expected}`);
	}
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const directions: readonly string[] = ['incoming', 'outgoing', 'outgoingApi'];
const statuses: readonly string[] = ['sent', 'delivered', 'read', 'failed', 'noAccount', 'notInGroup', 'yellowCard'];

function checkMessageFields(record: SpecRecord): void {
	check(record, 'direction', (value) => directions.includes(value as string), '"incoming", "outgoing" or "outgoingApi"');
	check(record, 'idMessage', (value) => typeof value === 'string' && value !== '', 'a non-empty string');
	check(record, 'chatId', isString, 'a string');
	check(record, 'timestamp', (value) => Number.isSafeInteger(value), 'an integer (Unix seconds)');
	check(record, 'journal', (value) => typeof value === 'boolean', 'a boolean');
}

function checkMessage(record: SpecRecord): boolean {
	if (record.type === 'file') {
		checkMessageFields(record);
		if (typeof record.media !== 'string') {
			fail('message: media must be a catalog id');
		}
		check(record, 'downloadUrl', isString, 'a string');
		check(record, 'expired', (value) => typeof value === 'boolean', 'a boolean');
		check(record, 'caption', isString, 'a string');
		check(record, 'downloadFile', (value) => Object.hasOwn(specialMessages, value as string), 'a special message name');
		return true;
	}
	if (record.type === 'text') {
		checkMessageFields(record);
		if (typeof record.text !== 'string') {
			fail('message: text must be a string');
		}
		return true;
	}
	return false;
}

function asRecord(value: unknown, what: string): SpecRecord {
	if (!isObject(value)) {
		fail(`${what}: expected an object`);
	}
	return value as SpecRecord;
}

/**
 * Checks a notification from code or JSON; throws a `TypeError` naming the bad field.
 *
 * @example parseNotificationSpec({ type: "file", media: "image" })
 */
export function parseNotificationSpec(value: unknown): NotificationSpec {
	const record = asRecord(value, 'notification');
	if (checkMessage(record)) {
		return record as unknown as NotificationSpec;
	}
	switch (record.type) {
		case 'status':
			check(record, 'idMessage', isString, 'a string');
			check(record, 'chatId', isString, 'a string');
			check(record, 'status', (status) => statuses.includes(status as string), `one of ${statuses.join(', ')}`);
			check(record, 'description', isString, 'a string');
			check(record, 'sendByApi', (flag) => typeof flag === 'boolean', 'a boolean');
			check(record, 'timestamp', (stamp) => Number.isSafeInteger(stamp), 'an integer (Unix seconds)');
			break;
		case 'state':
			check(record, 'stateInstance', isString, 'a string');
			check(record, 'timestamp', (stamp) => Number.isSafeInteger(stamp), 'an integer (Unix seconds)');
			break;
		case 'raw':
			if (!('body' in record)) {
				fail('notification: body is required');
			}
			break;
		default:
			fail(`notification: unknown type ${JSON.stringify(record.type)} (file, text, status, state, raw)`);
	}
	return record as unknown as NotificationSpec;
}

/**
 * Checks a journal item spec from code or JSON; throws a `TypeError` naming the bad field.
 *
 * @example parseJournalSpec({ type: "file", media: "video", downloadUrl: "" })
 */
export function parseJournalSpec(value: unknown): JournalSpec {
	const record = asRecord(value, 'journal item');
	if (checkMessage(record)) {
		return record as unknown as JournalSpec;
	}
	if (record.type !== 'raw') {
		fail(`journal item: unknown type ${JSON.stringify(record.type)} (file, text, raw)`);
	}
	asRecord(record.item, 'journal item: item');
	return record as unknown as JournalSpec;
}
