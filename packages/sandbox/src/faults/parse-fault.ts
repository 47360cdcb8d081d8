import { type ServerName, serverNames } from '../http/request-log.js';
import type { DispositionSource, EchoEncoding, Fault } from './faults.js';

type FaultRecord = Record<string, unknown>;

function fail(message: string): never {
	throw new TypeError(`invalid fault: ${message}`);
}

function nonNegativeInteger(record: FaultRecord, key: string): number {
	const value = record[key];
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		fail(`${key} must be a non-negative integer`);
	}
	return value;
}

function optionalString(record: FaultRecord, key: string): string | undefined {
	const value = record[key];
	if (value !== undefined && typeof value !== 'string') {
		fail(`${key} must be a string`);
	}
	return value;
}

function optionalInteger(record: FaultRecord, key: string): number | undefined {
	return record[key] === undefined ? undefined : nonNegativeInteger(record, key);
}

function optionalBoolean(record: FaultRecord, key: string): boolean | undefined {
	const value = record[key];
	if (value !== undefined && typeof value !== 'boolean') {
		fail(`${key} must be a boolean`);
	}
	return value;
}

function optionalChoice<T extends string>(record: FaultRecord, key: string, choices: readonly T[]): T | undefined {
	const value = record[key];
	if (value !== undefined && !choices.includes(value as T)) {
		fail(`${key} must be one of ${choices.map((choice) => `"${choice}"`).join(', ')}`);
	}
	return value as T | undefined;
}

/** Copies the fields that are set, so optional ones stay absent rather than `undefined`. */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
		[K in keyof T]?: Exclude<T[K], undefined>;
	};
}

function parseStatus(record: FaultRecord, key: string): number {
	const status = nonNegativeInteger(record, key);
	if (status < 100 || status > 599) {
		fail(`${key} must be within 100-599`);
	}
	return status;
}

const echoEncodings: readonly EchoEncoding[] = ['none', 'percent', 'percent-lower', 'base64', 'base64url'];
const dispositionSources: readonly DispositionSource[] = ['authorization', 'query', 'path'];

function parseTimes(value: unknown): number | undefined {
	// JSON has no Infinity, so the control API accepts the string.
	const times = value === 'Infinity' ? Number.POSITIVE_INFINITY : value;
	if (times === undefined) {
		return undefined;
	}
	if (typeof times !== 'number' || !(times >= 1) || (!Number.isInteger(times) && times !== Number.POSITIVE_INFINITY)) {
		fail('times must be a positive integer or Infinity ("Infinity" in JSON)');
	}
	return times;
}

function parseHeaders(value: unknown): Record<string, string> | undefined {
	if (value === undefined) {
		return undefined;
	}
	if (typeof value !== 'object' || value === null || Object.values(value).some((item) => typeof item !== 'string')) {
		fail('headers must map names to strings');
	}
	return value as Record<string, string>;
}

function parseKind(record: FaultRecord): Fault {
	switch (record.type) {
		case 'status': {
			const status = parseStatus(record, 'status');
			const body = optionalString(record, 'body');
			const headers = parseHeaders(record.headers);
			return {
				type: 'status',
				status,
				...(body === undefined ? {} : { body }),
				...(headers === undefined ? {} : { headers }),
			};
		}
		case 'json': {
			if (!('body' in record)) {
				fail('body is required');
			}
			const status = record.status === undefined ? undefined : parseStatus(record, 'status');
			return { type: 'json', ...defined({ status }), body: record.body };
		}
		case 'graph-error': {
			const code = nonNegativeInteger(record, 'code');
			const status = record.status === undefined ? undefined : parseStatus(record, 'status');
			return { type: 'graph-error', code, ...defined({ status, message: optionalString(record, 'message') }) };
		}
		case 'rate-limit': {
			const retryAfter = record.retryAfter;
			if (retryAfter !== undefined && typeof retryAfter !== 'number' && typeof retryAfter !== 'string') {
				fail('retryAfter must be a number or a string');
			}
			return { type: 'rate-limit', ...(retryAfter === undefined ? {} : { retryAfter }) };
		}
		case 'reset':
		case 'truncate':
		case 'stall':
			return { type: record.type, afterBytes: nonNegativeInteger(record, 'afterBytes') };
		case 'redirect': {
			const location = optionalString(record, 'location');
			if (location === undefined) {
				fail('location is required');
			}
			const status = record.status === undefined ? undefined : nonNegativeInteger(record, 'status');
			return { type: 'redirect', location, ...(status === undefined ? {} : { status }) };
		}
		case 'slow': {
			const bytesPerSecond = nonNegativeInteger(record, 'bytesPerSecond');
			if (bytesPerSecond === 0) {
				fail('bytesPerSecond must be positive (use stall to send nothing)');
			}
			return { type: 'slow', bytesPerSecond };
		}
		case 'no-content-length':
			return { type: 'no-content-length' };
		case 'extra-bytes':
			return { type: 'extra-bytes', count: nonNegativeInteger(record, 'count') };
		case 'partial-to-plain': {
			const start = optionalInteger(record, 'start');
			const end = optionalInteger(record, 'end');
			if (start !== undefined && end !== undefined && end < start) {
				fail('end must not be before start');
			}
			return { type: 'partial-to-plain', ...defined({ start, end }) };
		}
		case 'changing-etag':
			return { type: 'changing-etag', ...defined({ changeBytes: optionalBoolean(record, 'changeBytes') }) };
		case 'echo':
			return {
				type: 'echo',
				...defined({
					status: record.status === undefined ? undefined : parseStatus(record, 'status'),
					format: optionalChoice(record, 'format', ['json', 'text', 'html'] as const),
					encoding: optionalChoice(record, 'encoding', echoEncodings),
					padding: optionalInteger(record, 'padding'),
				}),
			};
		case 'content-disposition-echo':
			return {
				type: 'content-disposition-echo',
				...defined({
					from: optionalChoice(record, 'from', dispositionSources),
					param: optionalString(record, 'param'),
					template: optionalString(record, 'template'),
					extended: optionalBoolean(record, 'extended'),
				}),
			};
		default:
			return fail(`unknown type ${JSON.stringify(record.type)}`);
	}
}

/**
 * Checks a fault from code or from JSON and returns a clean copy; throws a `TypeError` naming the bad field.
 *
 * @example parseFault({ type: "status", status: 503, times: "Infinity" })
 */
export function parseFault(value: unknown): Fault {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		fail('expected an object');
	}
	const record = value as FaultRecord;
	const server = record.server;
	if (server !== undefined && !serverNames.includes(server as ServerName)) {
		fail(`server must be one of ${serverNames.map((name) => `"${name}"`).join(', ')}`);
	}
	const path = optionalString(record, 'path');
	const times = parseTimes(record.times);
	return {
		...(server === undefined ? {} : { server: server as ServerName }),
		...(path === undefined ? {} : { path }),
		...(times === undefined ? {} : { times }),
		...parseKind(record),
	};
}
