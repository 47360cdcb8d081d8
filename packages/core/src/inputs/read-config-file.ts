import { readFileSync } from 'node:fs';
import { WamediaError } from '../errors/wamedia-error.js';
import { isRecord } from '../providers/body-fields.js';
import type { ClientOptions } from '../types/options.js';
import type { WebhookSecrets } from '../types/serve.js';
import { maxInputDepth } from './input-limits.js';

/** A configuration file: the library's client options, and the webhook secrets of `serve`. */
export type ConfigFile = ClientOptions & { webhooks?: WebhookSecrets };

/** What {@link readConfigFile} returns: the options, and every value read from the environment (secrets to redact). */
export interface ReadConfigResult {
	options: ConfigFile;
	secrets: string[];
}

const maxConfigBytes = 1024 * 1024;

function invalid(message: string, hint = 'Write the file as JSON: the client options, with each secret as {"env": "NAME"}.'): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint, details: { field: 'config' } });
}

/**
 * Reads a configuration file (`--config FILE`): the library's `ClientOptions` as JSON, plus `webhooks`
 * (the secrets of `serve`), where any value may be written `{"env": "NAME"}` to take it from the
 * environment — so that no secret needs to sit in the file (docs/serve.md#configuration). A missing
 * variable is INVALID_INPUT naming it; the values themselves never appear in a message.
 *
 * @example readConfigFile('wamedia.json', process.env)
 * // { "meta": { "accessToken": { "env": "META_TOKEN" } }, "webhooks": { "metaAppSecret": { "env": "META_APP_SECRET" } } }
 */
export function readConfigFile(path: string, env: Record<string, string | undefined>): ReadConfigResult {
	let text: string;
	try {
		const bytes = readFileSync(path);
		if (bytes.length > maxConfigBytes) throw invalid(`The config file ${path} is larger than 1 MiB`);
		text = bytes.toString('utf8').replace(/^\uFEFF/, '');
	} catch (error) {
		if (error instanceof WamediaError) throw error;
		const code = (error as { code?: string }).code;
		throw invalid(`Cannot read the config file ${path}${code === undefined ? '' : ` (${code})`}`, 'Check the path given to --config.');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw invalid(`The config file ${path} is not JSON`);
	}
	if (!isRecord(parsed)) throw invalid(`The config file ${path} must hold a JSON object`);
	const secrets: string[] = [];
	const options = resolveEnv(parsed, env, secrets, 0) as ConfigFile;
	return { options, secrets };
}

// {"env": "NAME"} anywhere becomes the variable's value; everything else is copied.
function resolveEnv(value: unknown, env: Record<string, string | undefined>, secrets: string[], depth: number): unknown {
	if (depth > maxInputDepth) throw invalid('The config file is nested too deeply');
	if (Array.isArray(value)) return value.map((item) => resolveEnv(item, env, secrets, depth + 1));
	if (!isRecord(value)) return value;
	const keys = Object.keys(value);
	if (keys.length === 1 && keys[0] === 'env') {
		const name = value.env;
		if (typeof name !== 'string' || name === '') throw invalid('{"env": …} must name an environment variable');
		const found = env[name];
		if (found === undefined || found === '') {
			throw invalid(`The environment variable ${name} named in the config file is not set`, `Set ${name}, or write the value in the file.`);
		}
		secrets.push(found);
		return found;
	}
	const copy: Record<string, unknown> = {};
	for (const key of keys) copy[key] = resolveEnv(value[key], env, secrets, depth + 1);
	return copy;
}

/**
 * Client options from the flags over those of a config file: a gateway's settings given by flags replace
 * the file's for that gateway; other options are taken one by one.
 */
export function withConfig(fromFlags: ClientOptions, config: ConfigFile | undefined): ClientOptions {
	if (config === undefined) return fromFlags;
	const { webhooks: _webhooks, ...options } = config;
	return { ...options, ...fromFlags };
}
