import { WamediaError } from '../errors/wamedia-error.js';
import { readBackfillSettings, readSyncSettings } from '../inputs/read-archive-settings.js';
import { type ConfigFile, withConfig } from '../inputs/read-config-file.js';
import { readSettings, type Settings } from '../inputs/read-settings.js';
import type { BackfillOptions, SyncOptions } from '../types/archive.js';
import type { ClientOptions } from '../types/options.js';
import { type FlagName, flags as flagSpecs, runFlags } from './cli-flags.js';
import { flagSettings } from './flag-settings.js';

/** What `wamedia sync` or `wamedia backfill` was asked to do. */
export type ArchiveCommand = {
	client: ClientOptions;
	json: boolean;
	quiet: boolean;
	verbose: boolean;
	/** Values read from the environment through --config: redacted from every output. */
	secrets?: string[];
} & ({ kind: 'sync'; options: SyncOptions } | { kind: 'backfill'; options: BackfillOptions });

/** Flags of the Green-API connection and the output, shared by sync and backfill. */
const commonFlags: readonly FlagName[] = [
	'provider',
	'api-url',
	'id-instance',
	'api-token-instance',
	'out',
	'name',
	'max-bytes',
	...runFlags,
	'wait',
];

/** The flags each archive command takes. */
export const archiveFlags: Readonly<Record<ArchiveCommand['kind'], readonly FlagName[]>> = {
	sync: [...commonFlags, 'once', 'max-items', 'receive-timeout'],
	backfill: [...commonFlags, 'minutes', 'outgoing', 'chat-id', 'count', 'concurrency', 'retry-failed'],
};

/** Flags that only sync or backfill take. */
export const archiveOnlyFlags: readonly FlagName[] = [
	'once',
	'max-items',
	'receive-timeout',
	'minutes',
	'outgoing',
	'count',
	'wait',
	'retry-failed',
];

function usageError(kind: ArchiveCommand['kind'], message: string, hint = `Run wamedia help ${kind} for the options.`): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint });
}

/** Reads the flags of `wamedia sync` or `wamedia backfill` (and the environment) into a command. */
export function parseArchive(
	kind: ArchiveCommand['kind'],
	flags: {
		list: (name: FlagName) => string[];
		one: (name: FlagName) => string | undefined;
		has: (name: FlagName) => boolean;
	},
	env: Record<string, string | undefined>,
	config?: ConfigFile,
): ArchiveCommand {
	const { one, has } = flags;
	const allowed = archiveFlags[kind];
	const other = (Object.keys(flagSpecs) as FlagName[]).find((name) => has(name) && !allowed.includes(name));
	if (other !== undefined) throw usageError(kind, `--${other} is not an option of wamedia ${kind}`);
	const json = has('json');
	const quiet = has('quiet');
	const verbose = has('verbose');
	if (quiet && verbose) throw usageError(kind, 'Give --quiet or --verbose, not both');
	const settings = flagSettings(allowed, one, has, env);
	const read = readSettings(settings as Settings);
	const { provider } = read;
	const client = withConfig(read.client, config);
	if (provider !== undefined && provider !== 'green-api') {
		throw usageError(kind, `wamedia ${kind} reads a Green-API instance; drop --provider ${provider}`);
	}
	if (client.greenApi === undefined) {
		throw usageError(
			kind,
			`wamedia ${kind} needs Green-API credentials: --id-instance and --api-token-instance (or WAMEDIA_ID_INSTANCE and WAMEDIA_API_TOKEN_INSTANCE)`,
			'Copy the instance id and token from the Green-API console; prefer the environment variable for the token.',
		);
	}
	const base = { client, json, quiet, verbose };
	if (kind === 'sync') return { ...base, kind, options: readSyncSettings(settings) };
	if (has('count') && !has('chat-id')) throw usageError(kind, '--count goes with --chat-id');
	return { ...base, kind, options: readBackfillSettings({ ...settings, chatId: one('chat-id') }) };
}
