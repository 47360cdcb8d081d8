import type { GreenApiSettings, StateInstance } from '../green-api/instance.js';
import type { Sandbox } from '../sandbox.js';
import { type ControlRoute, checked, HttpError, readJson } from './route.js';

const states: readonly StateInstance[] = ['authorized', 'notAuthorized', 'starting', 'blocked', 'sleepMode', 'yellowCard'];

function instanceOf(sandbox: Sandbox): { stateInstance: StateInstance; settings: GreenApiSettings } {
	return { stateInstance: sandbox.instance.state(), settings: sandbox.instance.settings() };
}

function asList(body: unknown): unknown[] {
	return Array.isArray(body) ? body : [body];
}

function parseInstancePatch(body: unknown): { stateInstance?: StateInstance; settings?: GreenApiSettings } {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new HttpError(400, 'expected {"stateInstance"?, "settings"?}');
	}
	const { stateInstance, settings } = body as Record<string, unknown>;
	if (stateInstance !== undefined && !states.includes(stateInstance as StateInstance)) {
		throw new HttpError(400, `stateInstance must be one of ${states.join(', ')}`);
	}
	if (
		settings !== undefined &&
		(typeof settings !== 'object' ||
			settings === null ||
			Object.values(settings).some((value) => typeof value !== 'string' && typeof value !== 'number'))
	) {
		throw new HttpError(400, 'settings must map names to strings or numbers');
	}
	return {
		...(stateInstance === undefined ? {} : { stateInstance: stateInstance as StateInstance }),
		...(settings === undefined ? {} : { settings: settings as GreenApiSettings }),
	};
}

/**
 * The control API's routes for the Green-API notification queue, the journals and the instance state.
 *
 * @example controlHandler(sandbox, [...baseRoutes, ...greenApiRoutes])
 */
export const greenApiRoutes: readonly ControlRoute[] = [
	{
		method: 'GET',
		path: '/notifications',
		summary: 'the queued notifications, head first, with deliveries; ?all=1 for every one ever enqueued',
		handle: ({ sandbox, url }) => ({
			status: 200,
			value: url.searchParams.get('all') === '1' ? sandbox.notifications.history() : sandbox.notifications.list(),
		}),
	},
	{
		method: 'POST',
		path: '/notifications',
		summary: 'enqueue a notification or an array: {"type":"file","media":"image"}, text, status, state or raw',
		handle: async ({ sandbox, request }) => {
			const specs = asList(await readJson(request));
			return { status: 201, value: checked(() => specs.map((spec) => sandbox.notifications.enqueue(spec as never))) };
		},
	},
	{
		method: 'DELETE',
		path: '/notifications',
		summary: 'drop every queued notification',
		handle: ({ sandbox }) => {
			sandbox.notifications.clear();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/journal',
		summary: 'every journal item, in the order added',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.journal.list() }),
	},
	{
		method: 'POST',
		path: '/journal',
		summary: 'add a message (or an array) to the journals only: {"type":"file","media":"video","downloadUrl":""}, text or raw',
		handle: async ({ sandbox, request }) => {
			const specs = asList(await readJson(request));
			return { status: 201, value: checked(() => specs.map((spec) => sandbox.journal.add(spec as never))) };
		},
	},
	{
		method: 'DELETE',
		path: '/journal',
		summary: 'forget every journal item',
		handle: ({ sandbox }) => {
			sandbox.journal.clear();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/instance',
		summary: 'the Green-API instance state and settings',
		handle: ({ sandbox }) => ({ status: 200, value: instanceOf(sandbox) }),
	},
	{
		method: 'POST',
		path: '/instance',
		summary: 'switch them: {"stateInstance":"starting"} or {"settings":{"webhookUrl":"https://example.com/hook"}}',
		handle: async ({ sandbox, request }) => {
			const patch = parseInstancePatch(await readJson(request));
			if (patch.stateInstance !== undefined) {
				sandbox.instance.setState(patch.stateInstance);
			}
			if (patch.settings !== undefined) {
				sandbox.instance.setSettings(patch.settings);
			}
			return { status: 200, value: instanceOf(sandbox) };
		},
	},
];
