import type { SettingName } from '../inputs/read-settings.js';
import { defaultConcurrency } from '../normalize-options.js';
import { defaultCount, defaultMinutes } from '../providers/green-api/archive-settings.js';
import { defaultApiVersion, defaultGraphUrl } from '../providers/meta/settings.js';
import { defaultSession } from '../providers/waha/settings.js';
import { serveDefaults } from '../serve/serve-defaults.js';

/** One flag of `wamedia`: what parseArgs needs, what completion offers, and the setting it feeds. */
export interface FlagSpec {
	type: 'string' | 'boolean';
	/** May be given several times (a list); other string flags may be given once. */
	repeatable?: true;
	short?: string;
	/** Short description for shell completion. */
	description: string;
	/** What completion offers as the value: fixed words, files, or directories. */
	values?: readonly string[] | 'file' | 'directory';
	/** The core setting the flag feeds, and the environment variable that stands in for it. */
	setting?: SettingName;
	env?: string;
}

/** Every flag of `wamedia download` (and the global ones). */
export const flags = {
	'chat-id': { type: 'string', description: 'Green-API or WAHA chat of the --id-message items' },
	'id-message': {
		type: 'string',
		repeatable: true,
		description: 'Green-API or WAHA message id, or "<chatId> <idMessage>"; Evolution key.id with --provider evolution',
	},
	webhook: { type: 'string', description: 'webhook bodies: one, a JSON array, or NDJSON (- for stdin)', values: 'file' },
	input: { type: 'string', description: 'references or bodies: one, a JSON array, or NDJSON (- for stdin)', values: 'file' },
	'media-url': { type: 'string', repeatable: true, description: 'Multi-Session media URL (WAHA with --provider waha)' },
	'session-id': { type: 'string', description: 'Multi-Session session of the --media-url items' },
	'phone-number': { type: 'string', description: 'Multi-Session phone number of the --media-url items' },
	'download-url': { type: 'string', repeatable: true, description: 'direct link' },
	'media-id': { type: 'string', repeatable: true, description: 'Meta Cloud API media id' },
	provider: {
		type: 'string',
		description: 'gateway (inferred from the source when omitted)',
		values: ['green-api', 'multi-session', 'meta', 'waha', 'evolution'],
		setting: 'provider',
		env: 'WAMEDIA_PROVIDER',
	},
	'api-url': { type: 'string', description: 'Green-API host of the instance', setting: 'apiUrl', env: 'WAMEDIA_API_URL' },
	'id-instance': { type: 'string', description: 'Green-API idInstance', setting: 'idInstance', env: 'WAMEDIA_ID_INSTANCE' },
	'api-token-instance': {
		type: 'string',
		description: 'Green-API apiTokenInstance (prefer the environment variable)',
		setting: 'apiTokenInstance',
		env: 'WAMEDIA_API_TOKEN_INSTANCE',
	},
	'server-url': { type: 'string', description: 'Multi-Session, WAHA or Evolution server', setting: 'serverUrl', env: 'WAMEDIA_SERVER_URL' },
	'api-key': {
		type: 'string',
		description: 'Multi-Session, WAHA or Evolution API key (prefer the environment variable)',
		setting: 'apiKey',
		env: 'WAMEDIA_API_KEY',
	},
	session: { type: 'string', description: `WAHA session (default "${defaultSession}")`, setting: 'session', env: 'WAMEDIA_SESSION' },
	instance: { type: 'string', description: 'Evolution instance', setting: 'instance', env: 'WAMEDIA_INSTANCE' },
	'access-token': {
		type: 'string',
		description: 'Meta access token (prefer the environment variable)',
		setting: 'accessToken',
		env: 'WAMEDIA_ACCESS_TOKEN',
	},
	'graph-url': {
		type: 'string',
		description: `Meta Graph API (default ${defaultGraphUrl})`,
		setting: 'graphUrl',
		env: 'WAMEDIA_GRAPH_URL',
	},
	'api-version': {
		type: 'string',
		description: `Meta Graph API version (default ${defaultApiVersion})`,
		setting: 'apiVersion',
		env: 'WAMEDIA_API_VERSION',
	},
	'phone-number-id': {
		type: 'string',
		description: 'Meta business phone number id the media belong to',
		setting: 'phoneNumberId',
		env: 'WAMEDIA_PHONE_NUMBER_ID',
	},
	format: { type: 'string', description: 'output format', values: ['file', 'base64', 'binary'], setting: 'format' },
	out: { type: 'string', short: 'o', description: 'directory for files', values: 'directory', setting: 'directory' },
	concurrency: { type: 'string', description: `downloads at once (default ${defaultConcurrency})`, setting: 'concurrency' },
	'max-bytes': { type: 'string', description: 'refuse larger media', setting: 'maxBytes' },
	timeout: { type: 'string', description: 'milliseconds to wait for an answer or the next bytes', setting: 'timeout' },
	overwrite: { type: 'boolean', description: 'replace existing files', setting: 'overwrite' },
	name: {
		type: 'string',
		description: 'name template: {name} {idMessage} {mediaId} {chatId} {provider} {type} {ext} {date} {timestamp}, / for folders',
		setting: 'fileName',
	},
	record: { type: 'string', description: 'download record: skip what it lists, add what is downloaded', values: 'file', setting: 'record' },
	'allow-private-network': {
		type: 'boolean',
		description: 'allow media links on private and loopback addresses',
		setting: 'allowPrivateNetwork',
	},
	once: { type: 'boolean', description: 'sync: drain the queue once, then stop', setting: 'once' },
	'max-items': { type: 'string', description: 'sync: stop after N notifications', setting: 'maxItems' },
	'receive-timeout': { type: 'string', description: 'sync: seconds to wait for a notification (5-60)', setting: 'receiveTimeout' },
	minutes: { type: 'string', description: `backfill: the journals of the last N minutes (default ${defaultMinutes})`, setting: 'minutes' },
	outgoing: { type: 'boolean', description: 'backfill: also the messages the instance sent', setting: 'outgoing' },
	count: { type: 'string', description: `backfill: the newest N messages of --chat-id (default ${defaultCount})`, setting: 'count' },
	config: {
		type: 'string',
		description: 'client options as JSON (a secret as {"env": "NAME"}); flags win over it',
		values: 'file',
	},
	host: { type: 'string', description: `serve: address to listen on (default ${serveDefaults.host})` },
	port: { type: 'string', description: `serve: port to listen on, 0 for a free one (default ${serveDefaults.port})` },
	'max-body': { type: 'string', description: 'serve: refuse larger webhook bodies with 413 (default 64 MiB)' },
	'shutdown-timeout': { type: 'string', description: 'serve: ms downloads get to finish on SIGTERM (default 5000)' },
	'meta-app-secret': { type: 'string', description: 'serve: Meta app secret (X-Hub-Signature-256)', env: 'WAMEDIA_META_APP_SECRET' },
	'meta-verify-token': { type: 'string', description: "serve: token of Meta's subscription check", env: 'WAMEDIA_META_VERIFY_TOKEN' },
	'waha-hmac-key': { type: 'string', description: 'serve: WAHA webhook HMAC key (X-Webhook-Hmac)', env: 'WAMEDIA_WAHA_HMAC_KEY' },
	'webhook-token': {
		type: 'string',
		description: 'serve: token Green-API, Evolution and Multi-Session send in Authorization',
		env: 'WAMEDIA_WEBHOOK_TOKEN',
	},
	'allow-unauthenticated': { type: 'boolean', description: 'serve: accept routes without a configured check (tests)' },
	wait: { type: 'boolean', description: 'sync, backfill: wait for another run that holds the directory', setting: 'wait' },
	'retry-failed': { type: 'boolean', description: 'backfill: try again the messages that failed for good before', setting: 'retryFailed' },
	json: { type: 'boolean', description: 'one JSON result per item and line (NDJSON)' },
	quiet: { type: 'boolean', short: 'q', description: 'print only errors' },
	verbose: { type: 'boolean', description: 'show retries, redirects and renewals on stderr' },
	help: { type: 'boolean', short: 'h', description: 'show help' },
	version: { type: 'boolean', description: 'print the version' },
} as const satisfies Record<string, FlagSpec>;

/** A flag's name without the dashes. */
export type FlagName = keyof typeof flags;

/** The commands of `wamedia`, with a short description each. */
export const commands = {
	download: 'download WhatsApp media',
	sync: 'archive the Green-API notification queue',
	backfill: 'archive the files the Green-API journals hold',
	serve: 'receive webhooks of every gateway and archive their media',
	check: "check the configured gateway's credentials and state",
	help: 'show the help of a command',
	completion: 'print a shell completion script (bash, zsh or fish)',
} as const;

/** The flag that feeds each setting, as the CLI names it in messages ("--max-bytes"). */
export const settingFlags = Object.fromEntries(
	Object.entries(flags as Record<string, FlagSpec>).flatMap(([name, spec]) => (spec.setting === undefined ? [] : [[spec.setting, name]])),
) as Record<SettingName, FlagName>;

/** How every command that talks to gateways runs and answers: its wait, its network policy, its output, --config. */
export const runFlags: readonly FlagName[] = ['timeout', 'allow-private-network', 'json', 'quiet', 'verbose', 'help', 'config'];

/** The settings of every gateway, as flags: what `check` and `serve` take to know the gateways they talk to. */
export const gatewayFlags: readonly FlagName[] = [
	'provider',
	'api-url',
	'id-instance',
	'api-token-instance',
	'server-url',
	'api-key',
	'session',
	'instance',
	'access-token',
	'graph-url',
	'api-version',
	'phone-number-id',
];
