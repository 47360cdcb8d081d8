import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestRecord, Sandbox } from '@wamedia/sandbox';
import {
	type ClientOptions,
	createClient,
	isWamediaError,
	type OutputFormat,
	type WamediaClient,
	type WamediaError,
} from '../../src/index.js';
import { quickRetry, temporaryDirectory } from './helpers.js';

/** A client configured for the sandbox's Meta, WAHA and Evolution emulators, with fast retries. */
export function gatewayClient<F extends OutputFormat = 'file'>(
	sandbox: Sandbox,
	options: ClientOptions & { format?: F } = {},
): WamediaClient<F> {
	return createClient({
		meta: { accessToken: sandbox.meta.accessToken, graphUrl: sandbox.meta.graphUrl, apiVersion: sandbox.meta.apiVersion },
		waha: { serverUrl: sandbox.waha.serverUrl, apiKey: sandbox.waha.apiKey },
		evolution: { serverUrl: sandbox.evolution.serverUrl, apiKey: sandbox.evolution.apiKey, instance: sandbox.evolution.instance },
		retry: quickRetry,
		timeout: 5_000,
		...options,
	});
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<WamediaError> {
	const outcome = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	if (!isWamediaError(outcome)) throw new Error(`expected a WamediaError, got ${String(outcome)}`);
	return outcome;
}

/** Every text an error exposes: message, hint, details, JSON, stack, and the whole cause chain. */
export function exposedText(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
		if (current instanceof Error) {
			parts.push(current.message, String(current.stack), JSON.stringify(current), String(current));
			if (isWamediaError(current)) parts.push(current.hint, JSON.stringify(current.details), JSON.stringify(current.toJSON()));
			current = current.cause;
		} else {
			parts.push(typeof current === 'string' ? current : JSON.stringify(current));
			current = undefined;
		}
	}
	return parts.join('\n');
}

/** A secret as given and in the encodings a leak could take. */
export function secretForms(secret: string): string[] {
	const bytes = Buffer.from(secret);
	return [secret, encodeURIComponent(secret), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')];
}

/** Fails with the leaking text's surroundings when any form of a secret appears in it. */
export function expectNoSecret(text: string, secret: string): void {
	for (const form of secretForms(secret)) {
		const at = text.indexOf(form);
		if (at !== -1) throw new Error(`secret leaked: …${text.slice(Math.max(0, at - 80), at + 20)}…`);
	}
}

/** The requests of one emulator. */
export function requestsTo(sandbox: Sandbox, server: RequestRecord['server']): RequestRecord[] {
	return sandbox.requests.list().filter((record) => record.server === server);
}

/** Writes a body as JSON into a fresh directory; returns the file's path. */
export async function jsonFile(name: string, body: unknown): Promise<string> {
	const path = join(await temporaryDirectory(), name);
	await writeFile(path, JSON.stringify(body));
	return path;
}
