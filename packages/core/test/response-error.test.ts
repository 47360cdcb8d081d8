import { describe, expect, it } from 'vitest';
import { mediaResponseError } from '../src/errors/response-error.js';
import { isWamediaError, type WamediaError } from '../src/errors/wamedia-error.js';
import { greenApiResponseError } from '../src/providers/green-api/response-error.js';
import { createRedactor } from '../src/security/redact.js';
import { sandboxClient, useSandbox } from './integration/helpers.js';

const token = 'd4e4276df8044c259611ee08aefc198482b441126d517a466d';
const key = 'wams_0123456789abcdef0123';
const redact = createRedactor([token, key]);
// 298 characters, then the secret: a cut at 300 characters would keep its first one or two.
const filler = 'x'.repeat(298);

function failure(body: string, status = 500) {
	return { status, body, retryAfter: undefined, url: 'https://api.example/waInstance1/downloadFile/***' };
}

describe('error bodies are redacted before they are shortened', () => {
	it('greenApiResponseError', () => {
		const error = greenApiResponseError(failure(JSON.stringify({ message: `${filler}${token}` })), redact);
		expect(error.code).toBe('UPSTREAM_ERROR');
		expect(error.details.serverMessage).toBe(`${filler}*…`);
		expect(error.message).toContain(`${filler}*…`);
		expect(JSON.stringify(error.toJSON())).not.toContain(`x${token[0]}`);
	});
	it('mediaResponseError, with the redactor as its last parameter', () => {
		const error = mediaResponseError(failure(`${filler}${key}`, 403), 'multi-session', redact);
		expect(error.code).toBe('FORBIDDEN');
		expect(error.details.serverMessage).toBe(`${filler}*…`);
		expect(mediaResponseError(failure(`Bearer ${key}`, 404), 'multi-session', redact).details.serverMessage).toBe('Bearer ***');
	});
	it('the URL passes the redactor too', () => {
		const error = mediaResponseError({ ...failure('', 404), url: `https://h/${token.slice(0, 12)}` }, 'green-api', redact);
		expect(error.details.url).toBe('https://h/***');
	});
	it('without a redactor the mappers keep the text (the caller redacts)', () => {
		expect(mediaResponseError(failure('plain', 404), 'green-api').details.serverMessage).toBe('plain');
	});
});

describe('Green-API answers that echo the token', () => {
	const sandbox = useSandbox();
	const chatId = () => sandbox().chatId;

	async function failureOf(promise: Promise<unknown>): Promise<WamediaError> {
		const outcome = await promise.then(
			() => new Error('unexpected success'),
			(error: unknown) => error,
		);
		if (!isWamediaError(outcome)) throw outcome;
		return outcome;
	}

	it('an error status: the token is cut out before the text is shortened', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		sandbox().faults.add({ server: 'api', type: 'status', status: 400, body: `${filler}${apiTokenInstance}`, times: 10 });
		const idMessage = sandbox().media.get('image').idMessage;
		const error = await failureOf(sandboxClient(sandbox(), { retry: 0 }).download({ chatId: chatId(), idMessage }));
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.details.serverMessage).toBe(`${filler}*…`);
	});
	it('a 200 without a downloadUrl: the token is cut out before the text is shortened', async () => {
		const { apiTokenInstance } = sandbox().greenApi;
		// The token starts at character 295: a cut at 300 characters would keep its first five.
		const body = JSON.stringify({ echo: `${'y'.repeat(286)}${apiTokenInstance}` });
		sandbox().faults.add({ server: 'api', type: 'status', status: 200, body, times: 10 });
		const idMessage = sandbox().media.get('image').idMessage;
		const error = await failureOf(sandboxClient(sandbox(), { retry: 0 }).download({ chatId: chatId(), idMessage }));
		expect(error.code).toBe('UPSTREAM_ERROR');
		expect(error.details.serverMessage).toBe(`{"echo":"${'y'.repeat(286)}***"}`);
	});
});
