import type { Sandbox } from '../sandbox.js';
import { type ControlRoute, checked, HttpError, knownMedia, readJson } from './route.js';

function clockOf(sandbox: Sandbox): { now: number; offsetMs: number } {
	return { now: sandbox.clock.now(), offsetMs: sandbox.clock.offset() };
}

function advanceBy(body: unknown): number {
	const { ms, seconds } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	const value = ms ?? (typeof seconds === 'number' ? seconds * 1000 : seconds);
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		throw new HttpError(400, 'expected {"ms": N} or {"seconds": N}, a non-negative integer');
	}
	return value;
}

function metaMediaOf(sandbox: Sandbox, id: string): Record<string, unknown> {
	return {
		id,
		metaMediaId: sandbox.meta.mediaId(id),
		messageId: sandbox.meta.messageId(id),
		settings: sandbox.meta.mediaSettings(id),
	};
}

/**
 * The control API's routes for the sandbox clock and the switches of the Meta, WAHA and Evolution emulators.
 *
 * @example controlHandler(sandbox, [...baseRoutes, ...greenApiRoutes, ...providerRoutes])
 */
export const providerRoutes: readonly ControlRoute[] = [
	{
		method: 'GET',
		path: '/clock',
		summary: 'the sandbox clock: now (ms since the epoch) and offsetMs ahead of real time',
		handle: ({ sandbox }) => ({ status: 200, value: clockOf(sandbox) }),
	},
	{
		method: 'POST',
		path: '/clock/advance',
		summary: 'move the clock ahead: {"seconds":301} or {"ms":301000}; expires links, Meta URLs and WAHA files',
		handle: async ({ sandbox, request }) => {
			sandbox.clock.advance(advanceBy(await readJson(request)));
			return { status: 200, value: clockOf(sandbox) };
		},
	},
	{
		method: 'DELETE',
		path: '/clock',
		summary: 'back to real time',
		handle: ({ sandbox }) => {
			sandbox.clock.reset();
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		path: '/meta/media/:id',
		summary: 'the Meta media id, wamid and Graph answer settings of a media',
		handle: ({ sandbox, segments }) => ({ status: 200, value: metaMediaOf(sandbox, knownMedia(sandbox, segments[2] ?? '')) }),
	},
	{
		method: 'POST',
		path: '/meta/media/:id',
		summary: 'change its Graph answer: {"sha256":"base64","sha256Mismatch":true,"fileSize":"number","fileSizeMismatch":true}',
		handle: async ({ sandbox, request, segments }) => {
			const id = knownMedia(sandbox, segments[2] ?? '');
			const body = await readJson(request);
			checked(() => sandbox.meta.setMedia(id, body as never));
			return { status: 200, value: metaMediaOf(sandbox, id) };
		},
	},
];
