import { sendJson } from '../http/exchange.js';
import { invalid } from './download-file-request.js';
import type { GreenApiMethod } from './method.js';

/** Green-API's default and bounds for `receiveTimeout`, in seconds. */
const receiveTimeout = { default: 5, min: 5, max: 60 };

function receiveTimeoutOf(url: URL): number | string {
	const text = url.searchParams.get('receiveTimeout');
	if (text === null) {
		return receiveTimeout.default;
	}
	if (!/^\d+$/.test(text)) {
		return "'receiveTimeout' must be a number";
	}
	const seconds = Number(text);
	if (seconds < receiveTimeout.min) {
		return `'receiveTimeout' must be greater than or equal to ${receiveTimeout.min}`;
	}
	return seconds > receiveTimeout.max ? `'receiveTimeout' must be less than or equal to ${receiveTimeout.max}` : seconds;
}

/**
 * `GET …/receiveNotification/…?receiveTimeout=S` (S within 5–60, default 5): the head of the queue as
 * `{receiptId, body}`, handed out again until deleted; on an empty queue it waits up to S seconds (capped by the
 * sandbox's `longPollMs`) and answers `null`. 100 calls per second.
 */
export const receiveNotificationMethod: GreenApiMethod = {
	name: 'receiveNotification',
	httpMethod: 'GET',
	perSecond: 100,
	needsAuthorized: true,
	handle: async ({ exchange, url }, context) => {
		const seconds = receiveTimeoutOf(url);
		if (typeof seconds === 'string') {
			const answer = invalid(seconds);
			sendJson(exchange, answer.status, answer.body);
			return;
		}
		const gone = new AbortController();
		exchange.response.once('close', () => gone.abort());
		const notification = await context.instance.queue.receive(Math.min(seconds * 1000, context.longPollMs), gone.signal);
		if (!gone.signal.aborted) {
			sendJson(exchange, 200, notification);
		}
	},
};

/**
 * `DELETE …/deleteNotification/…/{receiptId}`: `{"result":true}` when it removed a notification that was handed
 * out, `{"result":false}` for any other receipt id. 100 calls per second.
 */
export const deleteNotificationMethod: GreenApiMethod = {
	name: 'deleteNotification',
	httpMethod: 'DELETE',
	perSecond: 100,
	needsAuthorized: true,
	takesArgument: true,
	handle: ({ exchange, argument }, context) => {
		if (!/^\d+$/.test(argument ?? '')) {
			sendJson(exchange, 400, { message: 'Parameter receiptId must be a Number' });
			return;
		}
		sendJson(exchange, 200, { result: context.instance.queue.delete(Number(argument)) });
	},
};
