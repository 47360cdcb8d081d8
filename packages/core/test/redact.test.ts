import { describe, expect, it } from 'vitest';
import { toWamediaError } from '../src/errors/to-wamedia-error.js';
import { isWamediaError, WamediaError } from '../src/errors/wamedia-error.js';
import { createRedactor, redactCause, redactValue } from '../src/utils/redact.js';

const token = 'd4e4276df8044c259611ee08aefc198482b441126d517a466d';
const key = 'wams_0123456789abcdef+/=';

describe('redaction', () => {
	const redact = createRedactor([token, key, undefined, 'ab']);

	it('removes secrets and their URL-encoded forms, and ignores very short ones', () => {
		expect(redact(`/downloadFile/${token}?k=${encodeURIComponent(key)} ${key} ab`)).toBe('/downloadFile/***?k=*** *** ab');
	});
	it('walks JSON-like values', () => {
		expect(redactValue({ a: [token, { b: `x${key}` }], n: 1, buffer: Buffer.from(token) }, redact)).toEqual({
			a: ['***', { b: 'x***' }],
			n: 1,
			buffer: Buffer.from(token),
		});
	});
	it('copies a cause chain without the secret and without touching the original', () => {
		const inner = Object.assign(new Error(`connect to /waInstance1/downloadFile/${token}`), { code: 'ECONNREFUSED' });
		const outer = new Error(`fetch failed ${token}`, { cause: inner });
		const copy = redactCause(outer, redact) as Error & { cause: Error & { code: string } };
		expect(JSON.stringify([copy.message, copy.stack, copy.cause.message, copy.cause.stack])).not.toContain(token);
		expect(copy.cause.code).toBe('ECONNREFUSED');
		expect(outer.message).toContain(token);
	});
	it('toWamediaError redacts message, hint, details, cause and stack', () => {
		const error = new WamediaError('AUTH_FAILED', {
			message: `bad ${token}`,
			hint: `key ${key}`,
			details: { url: `http://h/${token}` },
			cause: new Error(token),
		});
		const safe = toWamediaError(error, redact);
		const text = JSON.stringify({ ...safe.toJSON(), stack: safe.stack, cause: String((safe.cause as Error).stack) });
		expect(text).not.toContain(token);
		expect(text).not.toContain(key);
		expect(safe.code).toBe('AUTH_FAILED');
	});
	it('wraps foreign errors as typed errors', () => {
		const safe = toWamediaError(new RangeError(`boom ${token}`), redact);
		expect(isWamediaError(safe)).toBe(true);
		expect(safe.code).toBe('UPSTREAM_ERROR');
		expect(safe.message).not.toContain(token);
	});
});

describe('WamediaError', () => {
	it('serializes to the error result shape', () => {
		const error = new WamediaError('MEDIA_EXPIRED', { status: 410, provider: 'multi-session' });
		expect(error.toJSON()).toEqual({
			code: 'MEDIA_EXPIRED',
			message: 'Media link has expired',
			hint: expect.stringContaining('new link'),
			status: 410,
			retryable: false,
			provider: 'multi-session',
			details: {},
		});
	});
	it('is recognized across copies by its registered marker', () => {
		const foreign = { [Symbol.for('wamedia.error')]: true, code: 'TIMEOUT' };
		expect(isWamediaError(foreign)).toBe(true);
		expect(isWamediaError(new Error('x'))).toBe(false);
		expect(isWamediaError(null)).toBe(false);
	});
});
