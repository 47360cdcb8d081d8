import { parseArgs } from 'node:util';
import type { ClientOptions } from '../types/options.js';
import type { MediaReference } from '../types/reference.js';
import type { OutputFormat } from '../types/result.js';

/** What the command line asked for. */
export type CliCommand =
	| { kind: 'help' }
	| { kind: 'version' }
	| {
			kind: 'download';
			/** The reference, or the webhook file to read it from ('-' for stdin). */
			source: { reference: MediaReference } | { webhookFile: string };
			client: ClientOptions;
			format: Exclude<OutputFormat, 'stream'>;
			json: boolean;
	  };

/** A usage error: exit status 2, code INVALID_INPUT. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

const options = {
	'chat-id': { type: 'string' },
	'id-message': { type: 'string' },
	webhook: { type: 'string' },
	'media-url': { type: 'string' },
	'session-id': { type: 'string' },
	'phone-number': { type: 'string' },
	'download-url': { type: 'string' },
	'api-url': { type: 'string' },
	'id-instance': { type: 'string' },
	'api-token-instance': { type: 'string' },
	provider: { type: 'string' },
	'server-url': { type: 'string' },
	'api-key': { type: 'string' },
	format: { type: 'string' },
	out: { type: 'string' },
	'max-bytes': { type: 'string' },
	timeout: { type: 'string' },
	overwrite: { type: 'boolean' },
	'allow-private-network': { type: 'boolean' },
	json: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
	version: { type: 'boolean', short: 'v' },
} as const;

function positiveInteger(value: string | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
		throw new UsageError(`--${flag} must be a positive whole number, got "${value}"`);
	}
	return Number(value);
}

/**
 * Reads the command line and the environment (WAMEDIA_*) into a command. Throws {@link UsageError}
 * for anything a user must fix before a request can be made.
 */
export function parseCliArguments(argv: readonly string[], env: Record<string, string | undefined>): CliCommand {
	let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: true }>>;
	try {
		parsed = parseArgs({ args: [...argv], options, allowPositionals: true });
	} catch (error) {
		// parseArgs names the option, never echoes its value.
		throw new UsageError((error as Error).message);
	}
	const { values, positionals } = parsed;
	if (values.version) return { kind: 'version' };
	if (values.help || positionals.length === 0) return { kind: 'help' };
	const [command, ...extra] = positionals;
	if (command !== 'download') throw new UsageError(`Unknown command "${command}"; the command is "download"`);
	if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"; every option starts with --`);

	const setting = (flag: keyof typeof values, variable: string): string | undefined => {
		const value = values[flag] ?? env[variable];
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	const provider = setting('provider', 'WAMEDIA_PROVIDER');
	if (provider !== undefined && provider !== 'green-api' && provider !== 'multi-session') {
		throw new UsageError(`--provider must be green-api or multi-session, got "${provider}"`);
	}
	const format = (values.format ?? 'file') as 'file' | 'base64' | 'binary';
	if (format !== 'file' && format !== 'base64' && format !== 'binary') {
		throw new UsageError(`--format must be file, base64 or binary, got "${format}"`);
	}
	if (format === 'binary' && values.json) {
		throw new UsageError('--format binary writes raw bytes to stdout and cannot be combined with --json');
	}

	const sources = (['chat-id', 'webhook', 'media-url', 'download-url'] as const).filter((flag) => values[flag] !== undefined);
	if (sources.length !== 1) {
		throw new UsageError(
			sources.length === 0
				? 'Give a source: --chat-id with --id-message, --webhook, --media-url or --download-url'
				: `Give one source, not ${sources.map((flag) => `--${flag}`).join(' and ')}`,
		);
	}
	if (values['id-message'] !== undefined && values['chat-id'] === undefined) {
		throw new UsageError('--id-message needs --chat-id');
	}

	const idInstance = setting('id-instance', 'WAMEDIA_ID_INSTANCE');
	const apiTokenInstance = setting('api-token-instance', 'WAMEDIA_API_TOKEN_INSTANCE');
	const serverUrl = setting('server-url', 'WAMEDIA_SERVER_URL');
	const apiKey = setting('api-key', 'WAMEDIA_API_KEY');
	const client: ClientOptions = {
		format,
		directory: values.out ?? '.',
		overwrite: values.overwrite ?? false,
		allowPrivateNetwork: values['allow-private-network'] ?? false,
	};
	const maxBytes = positiveInteger(values['max-bytes'], 'max-bytes');
	if (maxBytes !== undefined) client.maxBytes = maxBytes;
	const timeout = positiveInteger(values.timeout, 'timeout');
	if (timeout !== undefined) client.timeout = timeout;
	if (idInstance !== undefined && apiTokenInstance !== undefined) {
		const apiUrl = setting('api-url', 'WAMEDIA_API_URL');
		client.greenApi = { idInstance, apiTokenInstance, ...(apiUrl === undefined ? {} : { apiUrl }) };
	}
	if (serverUrl !== undefined || apiKey !== undefined) {
		if (serverUrl === undefined) throw new UsageError('--api-key needs --server-url (or WAMEDIA_SERVER_URL)');
		if (apiKey === undefined) throw new UsageError('--server-url needs --api-key (or WAMEDIA_API_KEY)');
		client.multiSession = { serverUrl, apiKey };
	}

	const chatId = values['chat-id'];
	if (chatId !== undefined) {
		if (values['id-message'] === undefined) throw new UsageError('--chat-id needs --id-message');
		if (client.greenApi === undefined) {
			throw new UsageError(
				`--chat-id needs Green-API credentials: ${idInstance === undefined ? '--id-instance' : '--api-token-instance'} (or WAMEDIA_${idInstance === undefined ? 'ID_INSTANCE' : 'API_TOKEN_INSTANCE'})`,
			);
		}
		return downloadCommand({ reference: { chatId, idMessage: values['id-message'] } });
	}
	const mediaUrl = values['media-url'];
	if (mediaUrl !== undefined) {
		if (provider === 'green-api') throw new UsageError('--media-url is a Multi-Session source; drop --provider green-api');
		if (client.multiSession === undefined && !/^https?:/i.test(mediaUrl)) {
			throw new UsageError('A relative --media-url needs --server-url and --api-key');
		}
		const sessionId = values['session-id'];
		const phoneNumber = values['phone-number'];
		return downloadCommand({
			reference: {
				mediaUrl,
				...(sessionId === undefined ? {} : { sessionId }),
				...(phoneNumber === undefined ? {} : { phoneNumber }),
			},
		});
	}
	const downloadUrl = values['download-url'];
	if (downloadUrl !== undefined) return downloadCommand({ reference: { downloadUrl } });
	return downloadCommand({ webhookFile: values.webhook ?? '-' });

	function downloadCommand(source: { reference: MediaReference } | { webhookFile: string }): CliCommand {
		return { kind: 'download', source, client, format, json: values.json ?? false };
	}
}
