import type { Exchange } from '../http/exchange.js';
import type { MediaCatalog, MediaEntry } from '../media/catalog.js';
import type { GreenApiInstance } from './instance.js';

/** What every Green-API method handler can use. */
export interface GreenApiContext {
	readonly chatId: string;
	readonly catalog: MediaCatalog;
	readonly instance: GreenApiInstance;
	/** A fresh presigned storage link to a media. */
	readonly link: (entry: MediaEntry) => string;
	/** The longest a `receiveNotification` waits on an empty queue, in ms. */
	readonly longPollMs: number;
}

/** One call of a Green-API method. */
export interface MethodCall {
	readonly exchange: Exchange;
	readonly url: URL;
	/** The path segment after the token, e.g. deleteNotification's receipt id. */
	readonly argument: string | undefined;
}

/** A Green-API method: its HTTP method, its documented limit and its handler. */
export interface GreenApiMethod {
	/** The name as Green-API spells it; requests may use any case. */
	readonly name: string;
	readonly httpMethod: 'GET' | 'POST' | 'DELETE';
	/** Calls per second per instance before 429. */
	readonly perSecond: number;
	/** Whether the method answers only while the instance is authorized. */
	readonly needsAuthorized: boolean;
	/** Whether a path segment follows the token. */
	readonly takesArgument?: boolean;
	readonly handle: (call: MethodCall, context: GreenApiContext) => void | Promise<void>;
}
