import type { Fault } from './faults.js';

/** One fault type, what it does, and a fault of that type to copy. */
export interface FaultExample {
	readonly type: Fault['type'];
	readonly summary: string;
	readonly example: Fault;
}

/**
 * An example of every fault type, as the control API's `GET /` lists them and the README documents them.
 *
 * @example faultExamples.find((entry) => entry.type === "reset")?.example
 */
export const faultExamples: readonly FaultExample[] = [
	{
		type: 'status',
		summary: 'answer with this status, body and headers',
		example: { server: 'api', type: 'status', status: 503, times: 2 },
	},
	{
		type: 'json',
		summary: 'answer status (200) with body as JSON, e.g. a delete that fails',
		example: { server: 'api', path: 'deleteNotification', type: 'json', body: { result: false } },
	},
	{
		type: 'graph-error',
		summary: 'answer a Graph API error envelope for code (status and message per code unless given)',
		example: { server: 'meta', type: 'graph-error', code: 2, times: 2 },
	},
	{
		type: 'rate-limit',
		summary: 'answer 429 Too Many Requests with Retry-After (default 1)',
		example: { server: 'storage', type: 'rate-limit', retryAfter: 2 },
	},
	{
		type: 'redirect',
		summary: 'answer 302 (or status) to location, relative or on any origin',
		example: { server: 'storage', type: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' },
	},
	{
		type: 'echo',
		summary: 'answer status (500) echoing the request target and headers as json, text or html',
		example: { server: 'multiSession', type: 'echo', status: 403, format: 'html' },
	},
	{
		type: 'reset',
		summary: 'media body: reset the connection after afterBytes',
		example: { server: 'storage', type: 'reset', afterBytes: 65_536 },
	},
	{
		type: 'truncate',
		summary: 'media body: close cleanly after afterBytes, short of Content-Length',
		example: { server: 'storage', type: 'truncate', afterBytes: 1000 },
	},
	{
		type: 'stall',
		summary: 'media body: send afterBytes, then nothing until the sandbox closes',
		example: { server: 'storage', type: 'stall', afterBytes: 0 },
	},
	{
		type: 'slow',
		summary: 'media body: throttle to bytesPerSecond',
		example: { server: 'storage', type: 'slow', bytesPerSecond: 65_536 },
	},
	{
		type: 'no-content-length',
		summary: 'media body: chunked, without Content-Length',
		example: { server: 'storage', type: 'no-content-length' },
	},
	{
		type: 'extra-bytes',
		summary: 'media body: send count bytes more than Content-Length declares',
		example: { server: 'storage', type: 'extra-bytes', count: 100 },
	},
	{
		type: 'partial-to-plain',
		summary: 'media body: answer a GET without Range with 206 from start (100) to end (last byte)',
		example: { server: 'storage', type: 'partial-to-plain', start: 100 },
	},
	{
		type: 'changing-etag',
		summary: 'media body: a new ETag and Last-Modified on each hit, If-Range ignored; changeBytes: other bytes',
		example: { server: 'storage', type: 'changing-etag', changeBytes: true, times: 2 },
	},
	{
		type: 'content-disposition-echo',
		summary: 'media body: Content-Disposition file name from the Authorization value, a query parameter or the path',
		example: { server: 'multiSession', type: 'content-disposition-echo', from: 'authorization', template: '{value}.jpg' },
	},
];
