import { sendJson } from '../http/exchange.js';
import type { GreenApiMethod } from './method.js';

/** `GET …/getStateInstance/…`: `{"stateInstance": …}`, whatever the state. 1 call per second. */
export const getStateInstanceMethod: GreenApiMethod = {
	name: 'getStateInstance',
	httpMethod: 'GET',
	perSecond: 1,
	needsAuthorized: false,
	handle: ({ exchange }, context) => sendJson(exchange, 200, { stateInstance: context.instance.state() }),
};

/** `GET …/getSettings/…`: the instance's settings, `webhookUrl` among them. 1 call per second. */
export const getSettingsMethod: GreenApiMethod = {
	name: 'getSettings',
	httpMethod: 'GET',
	perSecond: 1,
	needsAuthorized: false,
	handle: ({ exchange }, context) => sendJson(exchange, 200, context.instance.settings()),
};
