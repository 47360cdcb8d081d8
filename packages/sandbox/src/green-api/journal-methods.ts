import { type Exchange, sendJson, sendText } from '../http/exchange.js';
import { readBody } from '../http/read-body.js';
import { chatIdPattern, invalid, jsonSyntaxError } from './download-file-request.js';
import type { GreenApiMethod } from './method.js';
import { nowSeconds } from './webhooks.js';

/** Journals answer the last 24 hours unless `minutes` says otherwise. */
const defaultMinutes = 1440;
/** getChatHistory's default `count`. */
const defaultCount = 100;

function sendInvalid(exchange: Exchange, details: string): void {
	const answer = invalid(details);
	sendJson(exchange, answer.status, answer.body);
}

function lastMessages(name: string, type: 'incoming' | 'outgoing'): GreenApiMethod {
	return {
		name,
		httpMethod: 'GET',
		perSecond: 1,
		needsAuthorized: true,
		handle: ({ exchange, url }, context) => {
			const text = url.searchParams.get('minutes');
			if (text !== null && !/^\d+$/.test(text)) {
				sendInvalid(exchange, "'minutes' must be a number");
				return;
			}
			const minutes = text === null ? defaultMinutes : Number(text);
			sendJson(exchange, 200, context.instance.journal.last(type, minutes, nowSeconds()));
		},
	};
}

/**
 * `GET …/lastIncomingMessages/…?minutes=N` (default 1440): incoming journal items, newest first. 1 call per second.
 */
export const lastIncomingMessagesMethod = lastMessages('lastIncomingMessages', 'incoming');

/**
 * `GET …/lastOutgoingMessages/…?minutes=N` (default 1440): outgoing journal items, newest first. 1 call per second.
 */
export const lastOutgoingMessagesMethod = lastMessages('lastOutgoingMessages', 'outgoing');

/**
 * `POST …/getChatHistory/…` with `{"chatId", "count"?}` (count default 100): the chat's newest items, newest
 * first. 1 call per second.
 */
export const getChatHistoryMethod: GreenApiMethod = {
	name: 'getChatHistory',
	httpMethod: 'POST',
	perSecond: 1,
	needsAuthorized: true,
	handle: async ({ exchange }, context) => {
		const text = await readBody(exchange.request, 1024 * 1024);
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			sendText(exchange, 400, String(jsonSyntaxError(text, error).body));
			return;
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			sendInvalid(exchange, "'value' must be of type object");
			return;
		}
		const { chatId, count, ...rest } = value as Record<string, unknown>;
		const unknown = Object.keys(rest)[0];
		if (unknown !== undefined) {
			sendInvalid(exchange, `'${unknown}' is not allowed`);
		} else if (chatId === undefined) {
			sendInvalid(exchange, "'chatId' is required");
		} else if (typeof chatId !== 'string' || !chatIdPattern.test(chatId)) {
			sendInvalid(exchange, "'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'");
		} else if (count !== undefined && (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1)) {
			sendInvalid(exchange, "'count' must be a positive integer");
		} else {
			sendJson(exchange, 200, context.instance.journal.chat(chatId, typeof count === 'number' ? count : defaultCount));
		}
	},
};
