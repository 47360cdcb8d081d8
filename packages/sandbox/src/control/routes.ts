import type { Fault } from '../faults/faults.js';
import { parseFault } from '../faults/parse-fault.js';
import type { MediaSpec } from '../media/spec.js';
import { type PushGateway, pushGateways } from '../push-webhook.js';
import { type ControlRoute, checked, HttpError, knownMedia, readJson } from './route.js';
import { isOn, webhookBody, webhookKinds } from './webhooks.js';

/**
 * The control API's routes for faults, requests, media, links and webhook bodies (`GET /` is added by the server).
 *
 * @example baseRoutes.map((route) => `${route.method} ${route.path}`)
 */
export const baseRoutes: readonly ControlRoute[] = [
	{
		method: 'GET',
		path: '/faults',
		summary: 'the active faults, times = hits left ("Infinity" for no limit)',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.faults.list() }),
	},
	{
		method: 'POST',
		path: '/faults',
		summary: 'add a fault or an array of faults (JSON body); answers the active faults',
		handle: async ({ sandbox, request }) => {
			const body = await readJson(request);
			const faults: Fault[] = checked(() => (Array.isArray(body) ? body : [body]).map(parseFault));
			for (const fault of faults) {
				sandbox.faults.add(fault);
			}
			return { status: 201, value: sandbox.faults.list() };
		},
	},
	{
		method: 'DELETE',
		path: '/faults',
		summary: 'remove every fault',
		handle: ({ sandbox }) => {
			sandbox.faults.clear();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/requests',
		summary: 'every request the emulators received (tokens hidden in paths)',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.requests.list() }),
	},
	{
		method: 'DELETE',
		path: '/requests',
		summary: 'forget the recorded requests',
		handle: ({ sandbox }) => {
			sandbox.requests.clear();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/media',
		summary: 'the media catalog with sizes, idMessages and sha256',
		handle: ({ sandbox }) => ({ status: 200, value: sandbox.media.list() }),
	},
	{
		method: 'POST',
		path: '/media',
		summary: 'register a media: {"id":"big","kind":"mp4","size":1000000}',
		handle: async ({ sandbox, request }) => {
			const spec = (await readJson(request)) as MediaSpec;
			return { status: 201, value: checked(() => sandbox.media.add(spec)) };
		},
	},
	{
		method: 'GET',
		path: '/links/:id',
		summary: 'a fresh storage link and Multi-Session path for a media; ?expired=1 for expired ones',
		handle: ({ sandbox, url, segments }) => {
			const id = knownMedia(sandbox, segments[1] ?? '');
			const options = { expired: isOn(url.searchParams, 'expired') };
			return {
				status: 200,
				value: { downloadUrl: sandbox.storageLink(id, options), multiSessionPath: sandbox.multiSessionPath(id, options) },
			};
		},
	},
	{
		method: 'GET',
		path: '/webhooks/:kind/:id',
		summary: `a body for a media (meta: ids joined by commas); kind ${webhookKinds.join(', ')}; options in the query`,
		handle: ({ sandbox, url, segments }) => ({
			status: 200,
			value: webhookBody(sandbox, segments[1] ?? '', segments[2] ?? '', url.searchParams),
		}),
	},
	{
		method: 'POST',
		path: '/push/:gateway',
		summary: `push the JSON body to ?url= (loopback) signed as the gateway signs it; gateway ${pushGateways.join(', ')}; ?secret= signs with another secret, ?unsigned=1 sends none`,
		handle: async ({ sandbox, request, url, segments }) => {
			const gateway = segments[1] as PushGateway;
			if (!pushGateways.includes(gateway)) throw new HttpError(404, `unknown gateway "${segments[1]}" (${pushGateways.join(', ')})`);
			const target = url.searchParams.get('url');
			if (target === null) throw new HttpError(400, 'url is missing');
			const body = await readJson(request);
			const secret = url.searchParams.get('secret');
			const result = await sandbox
				.pushWebhook(gateway, target, body, {
					...(secret === null ? {} : { secret }),
					...(isOn(url.searchParams, 'unsigned') ? { unsigned: true } : {}),
				})
				.catch((error: unknown) => {
					throw new HttpError(502, error instanceof Error ? error.message : String(error));
				});
			return { status: 200, value: { status: result.status, body: result.body } };
		},
	},
];
