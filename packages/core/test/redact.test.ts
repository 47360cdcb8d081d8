import { describe, expect, it } from 'vitest';
import { toWamediaError } from '../src/errors/to-wamedia-error.js';
import { isWamediaError, WamediaError } from '../src/errors/wamedia-error.js';
import { createRedactor, createSecretCheck, redactCause, redactValue } from '../src/security/redact.js';

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

describe('redaction of encoded forms and fragments', () => {
	const redact = createRedactor([token, key]);
	const base64 = (text: string) => Buffer.from(text).toString('base64');
	const base64url = (text: string) => Buffer.from(text).toString('base64url');

	it('removes the percent-encoded forms in upper- and lower-case hex', () => {
		const upper = encodeURIComponent(key);
		expect(upper).toContain('%2B');
		expect(redact(`k=${upper}&l=${upper.toLowerCase()}`)).toBe('k=***&l=***');
	});
	it('removes the secret and its percent-encoded form whatever the letter case, and every 8-character piece of it', () => {
		const secret = 'sp3c+tok/en0123456789abcdefghij';
		const mixed = createRedactor([secret]);
		const shouted = `HTTP://HOST/DOWNLOAD?T=${encodeURIComponent(secret).toUpperCase()}`;
		expect(shouted).toContain('SP3C%2BTOK%2FEN');
		expect(mixed(shouted)).toBe('HTTP://HOST/DOWNLOAD?T=***');
		expect(mixed(`x ${secret.toUpperCase()} y`)).toBe('x *** y');
		// A cut piece, upper-cased: still found.
		expect(mixed(`cut ${encodeURIComponent(secret).toUpperCase().slice(0, 15)}`)).toBe('cut ***');
		// A short secret too.
		expect(createRedactor(['a+b/c'])(`q=${encodeURIComponent('a+b/c').toUpperCase()}`)).toBe('q=***');
	});
	it('removes the JSON-escaped, base64 and base64url forms', () => {
		const quoted = createRedactor(['se"cret\\value']);
		expect(quoted(JSON.stringify({ echo: 'se"cret\\value' }))).toBe('{"echo":"***"}');
		expect(redact(`a ${base64(token)} b ${base64url(key)} c ${base64(key)}`)).toBe('a *** b *** c ***');
	});
	it('removes base64 of a secret inside a longer base64 text, at every byte alignment', () => {
		for (const prefix of ['', 'u:', 'us:', 'use:']) {
			const header = `Authorization: Basic ${base64(`${prefix}${key}`)}`;
			const left = redact(header);
			expect(left).toContain('***');
			// Left of the encoded text: the prefix's characters, one that mixes prefix and key, and the padded tail.
			const rest = left.replace('Authorization: Basic ', '').replace('***', '');
			expect(rest.length).toBeLessThanOrEqual(Math.ceil((prefix.length * 4) / 3) + 1 + 4);
		}
	});
	it('removes any piece of 8 or more characters of a secret, wherever it is cut', () => {
		expect(redact(`…/downloadFile/${token.slice(0, 20)}`)).toBe('…/downloadFile/***');
		expect(redact(`${token.slice(-8)} and ${token.slice(10, 30)}.`)).toBe('*** and ***.');
		expect(redact(`cut: ${encodeURIComponent(key).slice(5, 20)}`)).toBe('cut: ***');
		expect(redact(`b64: ${base64(token).slice(3, 30)}`)).toBe('b64: ***');
		expect(redact(`short ${token.slice(0, 7)} stays`)).toBe(`short ${token.slice(0, 7)} stays`);
	});
	it('joins touching and repeated matches, and keeps the text around them', () => {
		expect(redact(`${token}${token}${key}|${token.slice(5)}x`)).toBe('***|***x');
		expect(redact('nothing secret here')).toBe('nothing secret here');
	});
	it('matches secrets of 4 to 7 characters only whole', () => {
		const short = createRedactor(['abc', 'pa55wd', 'p@ss']);
		expect(short(`pa55wd ${base64('pa55wd')} ${encodeURIComponent('pa55wd')} pa55w abc`)).toBe('*** *** *** pa55w abc');
		expect(short(`${base64('p@ss')} ${base64('p@ss').replace(/=+$/, '')}x ${encodeURIComponent('p@ss').toLowerCase()}`)).toBe(
			'*** ***x ***',
		);
	});
	it('finds every fragment in a large text', () => {
		const filler = 'q'.repeat(100_000);
		const text = `${filler}${token.slice(3, 15)}${filler}${base64url(key).slice(2)}${filler}`;
		expect(redact(text)).toBe(`${filler}***${filler}***${filler}`);
	});
	it('createSecretCheck tells whether a text holds any form of a secret', () => {
		const check = createSecretCheck([token, key, undefined]);
		expect(check(`${token.slice(4, 14)}.jpg`)).toBe(true);
		expect(check(encodeURIComponent(key).toLowerCase())).toBe(true);
		expect(check(base64(key))).toBe(true);
		expect(check('photo.jpg')).toBe(false);
		expect(createSecretCheck([])('anything')).toBe(false);
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
