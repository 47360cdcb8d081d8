import { WamediaError } from '../errors/wamedia-error.js';
import { type ConfigFile, withConfig } from '../inputs/read-config-file.js';
import { readSettings, type Settings } from '../inputs/read-settings.js';
import { serveDefaults } from '../serve/serve-defaults.js';
import type { ClientOptions } from '../types/options.js';
import type { WebhookSecrets, WebhookServerOptions } from '../types/serve.js';
import { definedEntries } from '../utils/defined-entries.js';
import { type FlagName, flags as flagSpecs, gatewayFlags, runFlags } from './cli-flags.js';
import { flagSettings } from './flag-settings.js';

/** What `wamedia serve` was asked to do. */
export interface ServeCommand {
	kind: 'serve';
	client: ClientOptions;
	options: Omit<WebhookServerOptions, 'onItem' | 'onNotice'>;
	host: string;
	port: number;
	json: boolean;
	quiet: boolean;
	verbose: boolean;
	/** Values read from the environment through --config: redacted from every output. */
	secrets?: string[];
}

/** Flags only serve takes. */
export const serveOnlyFlags: readonly FlagName[] = [
	'host',
	'port',
	'max-body',
	'shutdown-timeout',
	'meta-app-secret',
	'meta-verify-token',
	'waha-hmac-key',
	'webhook-token',
	'allow-unauthenticated',
];

/** Every flag of `wamedia serve`: the gateway settings of download, the output, and its own. */
export const serveFlags: readonly FlagName[] = [...gatewayFlags, 'out', 'concurrency', 'max-bytes', ...runFlags, ...serveOnlyFlags];

function usageError(message: string, hint = 'Run wamedia help serve for the options.'): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint });
}

function wholeNumber(flag: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text.trim());
	if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
		throw usageError(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text.slice(0, 40))}`);
	}
	return value;
}

/** Reads the flags of `wamedia serve` (and the environment, and a --config file) into a command. */
export function parseServe(
	flags: { one: (name: FlagName) => string | undefined; has: (name: FlagName) => boolean },
	env: Record<string, string | undefined>,
	config: ConfigFile | undefined,
): ServeCommand {
	const { one, has } = flags;
	const other = (Object.keys(flagSpecs) as FlagName[]).find((name) => has(name) && !serveFlags.includes(name));
	if (other !== undefined) throw usageError(`--${other} is not an option of wamedia serve`);
	const json = has('json');
	const quiet = has('quiet');
	const verbose = has('verbose');
	if (quiet && verbose) throw usageError('Give --quiet or --verbose, not both');
	const settings = flagSettings(serveFlags, one, has, env);
	// The download settings hold one directory and one concurrency for the client; serve reads them as its own.
	const { directory, concurrency, ...clientSettings } = settings;
	const client = withConfig(readSettings(clientSettings as Settings).client, config);
	const secret = (flag: FlagName): string | undefined => {
		const variable = (flagSpecs[flag] as { env?: string }).env;
		return one(flag) ?? (variable === undefined ? undefined : env[variable]);
	};
	const secrets: WebhookSecrets = definedEntries({
		...config?.webhooks,
		...definedEntries({
			metaAppSecret: secret('meta-app-secret'),
			metaVerifyToken: secret('meta-verify-token'),
			wahaHmacKey: secret('waha-hmac-key'),
			webhookToken: secret('webhook-token'),
		}),
	});
	const options: ServeCommand['options'] = definedEntries({
		directory: directory ?? '.',
		secrets,
		allowUnauthenticated: has('allow-unauthenticated') || undefined,
		concurrency: wholeNumber('concurrency', concurrency, 1, 64),
		maxBody: wholeNumber('max-body', one('max-body'), 1),
		shutdownTimeout: wholeNumber('shutdown-timeout', one('shutdown-timeout'), 0),
	});
	return {
		kind: 'serve',
		client,
		options,
		host: one('host') ?? serveDefaults.host,
		port: wholeNumber('port', one('port'), 0, 65535) ?? serveDefaults.port,
		json,
		quiet,
		verbose,
	};
}
