import { parseArgs } from 'node:util';
import { isWamediaError, WamediaError } from '../errors/wamedia-error.js';
import { inFaceWords } from '../inputs/in-face-words.js';
import { type ConfigFile, readConfigFile, withConfig } from '../inputs/read-config-file.js';
import { readSettings, type SettingName, type Settings } from '../inputs/read-settings.js';
import { readSources } from '../inputs/read-sources.js';
import type { ClientOptions } from '../types/options.js';
import type { MediaReference } from '../types/reference.js';
import { commands, type FlagName, type FlagSpec, flags, settingFlags } from './cli-flags.js';
import { type ArchiveCommand, archiveOnlyFlags, parseArchive } from './parse-archive-arguments.js';
import { type CheckCommand, parseCheck } from './parse-check-arguments.js';
import { parseServe, type ServeCommand, serveOnlyFlags } from './parse-serve-arguments.js';
import { didYouMean } from './suggest.js';

/** What `wamedia download` was asked to do. */
export interface DownloadCommand {
	kind: 'download';
	/** The references, or the file to read them from ('-' for stdin). */
	source: { references: MediaReference[] } | { file: string; flag: '--webhook' | '--input' };
	client: ClientOptions;
	format: 'file' | 'base64' | 'binary';
	json: boolean;
	quiet: boolean;
	verbose: boolean;
	/** Values read from the environment through --config: redacted from every output. */
	secrets?: string[];
}

/** What the command line asked for. */
export type CliCommand =
	| { kind: 'help'; topic: keyof typeof commands | undefined }
	| { kind: 'version' }
	| { kind: 'completion'; shell: Shell }
	| DownloadCommand
	| ArchiveCommand
	| ServeCommand
	| CheckCommand;

/** The shells `wamedia completion` writes a script for. */
export type Shell = 'bash' | 'zsh' | 'fish';
const shells: readonly Shell[] = ['bash', 'zsh', 'fish'];

/** A usage error: exit status 2, code INVALID_INPUT. */
export function usageError(message: string, hint = 'Run wamedia help download for the options.'): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint });
}

const specs: Record<string, FlagSpec> = flags;

/** Settings and sources as the command line names them, for the errors of reading the sources. */
const sourceFlags = Object.fromEntries(
	Object.entries({
		...settingFlags,
		chatId: 'chat-id',
		idMessage: 'id-message',
		mediaUrl: 'media-url',
		sessionId: 'session-id',
		phoneNumber: 'phone-number',
		mediaId: 'media-id',
		downloadUrl: 'download-url',
	}).map(([id, flag]) => [id, `--${flag}`]),
);
const longNames = Object.keys(flags);
const parseOptions = Object.fromEntries(
	Object.entries(specs).map(([name, spec]) => [
		name,
		{ type: spec.type, ...(spec.type === 'string' ? { multiple: true } : {}), ...(spec.short === undefined ? {} : { short: spec.short }) },
	]),
) as Record<string, { type: 'string'; multiple: true } | { type: 'boolean' }>;

function isOption(word: string): boolean {
	const name = word.replace(/^-+/, '').split('=')[0] ?? '';
	return word.startsWith('--') ? name in specs : Object.values(specs).some((spec) => spec.short === name[0]);
}

/** The flags worth suggesting for a mistyped one: those of the command given (serve's own only for serve). */
function suggestible(command: string | undefined): string[] {
	return command === 'serve' ? longNames : longNames.filter((name) => !serveOnlyFlags.includes(name as FlagName));
}

/** Checks each flag as written, so that every mistake gets a message of its own (and a suggestion). */
function readTokens(argv: readonly string[]) {
	const { tokens, positionals } = parseArgs({
		args: [...argv],
		options: parseOptions,
		strict: false,
		allowPositionals: true,
		tokens: true,
	});
	const values = new Map<FlagName, Array<string | true>>();
	for (const token of tokens) {
		if (token.kind !== 'option') continue;
		const spec = specs[token.name];
		if (spec === undefined) {
			const word = token.rawName.replace(/^-+/, '');
			throw usageError(`Unknown option ${token.rawName}${didYouMean(word, suggestible(positionals[0]), '--')}`);
		}
		const flag = `--${token.name}`;
		if (spec.type === 'boolean' && token.value !== undefined) throw usageError(`${flag} takes no value`);
		if (spec.type === 'string' && token.value === undefined) throw usageError(`${flag} needs a value`);
		if (spec.type === 'string' && !token.inlineValue && token.value?.startsWith('-') && token.value !== '-') {
			// The next word is an option: most likely the value was forgotten.
			if (/^--?[a-z]/i.test(token.value) && isOption(token.value)) throw usageError(`${flag} needs a value`);
			throw usageError(
				`${flag} needs a value, not the option ${token.value} (for a value that starts with "-", write ${flag}=${token.value})`,
			);
		}
		const list = values.get(token.name as FlagName) ?? [];
		list.push(token.value ?? true);
		values.set(token.name as FlagName, list);
		if (list.length > 1 && spec.type === 'string' && spec.repeatable !== true) throw usageError(`${flag} is given more than once`);
	}
	return { values, positionals };
}

/**
 * Reads the command line and the environment (WAMEDIA_*) into a command. Throws INVALID_INPUT (a
 * usage error) for anything a user must fix before a request can be made.
 */
export function parseCliArguments(argv: readonly string[], env: Record<string, string | undefined>): CliCommand {
	// A bare `wamedia` asks what the tool does: the usage, with exit status 0, as gh does (docs/cli.md#bare-wamedia).
	if (argv.length === 0) return { kind: 'help', topic: undefined };
	const { values, positionals } = readTokens(argv);
	const list = (name: FlagName) => (values.get(name) ?? []).filter((value): value is string => typeof value === 'string');
	const one = (name: FlagName): string | undefined => list(name)[0];
	const has = (name: FlagName) => values.has(name);
	if (has('version')) return { kind: 'version' };
	const [command, ...rest] = positionals;
	if (command === undefined) {
		if (has('help')) return { kind: 'help', topic: undefined };
		throw usageError(
			'No command given; the commands are download, sync, backfill, serve and check (wamedia download …)',
			'Run wamedia --help for the commands and options.',
		);
	}
	if (!(command in commands)) {
		throw usageError(`Unknown command "${command}"${didYouMean(command, Object.keys(commands))}`, 'Run wamedia --help for the commands.');
	}
	const extra = command === 'help' || command === 'completion' ? rest.slice(1) : rest;
	if (extra.length > 0) throw usageError(`Unexpected argument "${extra[0]}"; every option of ${command} starts with --`);
	if (command === 'help' || has('help')) {
		const topic = command === 'help' ? rest[0] : command;
		if (topic !== undefined && !(topic in commands)) {
			throw usageError(`No help for "${topic}"${didYouMean(topic, Object.keys(commands))}`, 'Run wamedia --help for the commands.');
		}
		return { kind: 'help', topic: topic as keyof typeof commands | undefined };
	}
	if (command === 'completion') {
		const shell = rest[0];
		if (!shells.includes(shell as Shell)) {
			throw usageError(
				shell === undefined
					? 'Name the shell: bash, zsh or fish'
					: `No completion for "${shell}"${didYouMean(shell, shells)}: bash, zsh or fish`,
				'Run wamedia completion bash, wamedia completion zsh or wamedia completion fish.',
			);
		}
		return { kind: 'completion', shell: shell as Shell };
	}
	const configPath = one('config');
	const config = configPath === undefined ? undefined : readConfigFile(configPath, env);
	const withSecrets = <C extends CliCommand>(parsed: C): C => (config === undefined ? parsed : { ...parsed, secrets: config.secrets });
	if (command === 'sync' || command === 'backfill') return withSecrets(parseArchive(command, { list, one, has }, env, config?.options));
	if (command === 'serve') return withSecrets(parseServe({ one, has }, env, config?.options));
	if (command === 'check') return withSecrets(parseCheck({ one, has }, env, config?.options));
	const archiveOnly = archiveOnlyFlags.find((name) => has(name));
	if (archiveOnly !== undefined) throw usageError(`--${archiveOnly} is an option of wamedia sync or backfill, not of download`);
	const serveOnly = serveOnlyFlags.find((name) => has(name));
	if (serveOnly !== undefined) throw usageError(`--${serveOnly} is an option of wamedia serve, not of download`);
	return withSecrets(parseDownload(list, one, has, env, config?.options));
}

function parseDownload(
	list: (name: FlagName) => string[],
	one: (name: FlagName) => string | undefined,
	has: (name: FlagName) => boolean,
	env: Record<string, string | undefined>,
	config: ConfigFile | undefined,
): DownloadCommand {
	const json = has('json');
	const quiet = has('quiet');
	const verbose = has('verbose');
	if (quiet && verbose) throw usageError('Give --quiet or --verbose, not both');

	const settings: { -readonly [Name in SettingName]?: string } = {};
	for (const [name, spec] of Object.entries(flags) as Array<[FlagName, FlagSpec]>) {
		if (spec.setting === undefined) continue;
		const value =
			spec.type === 'boolean' ? (has(name) ? 'true' : undefined) : (one(name) ?? (spec.env === undefined ? undefined : env[spec.env]));
		if (value !== undefined) settings[spec.setting] = value;
	}
	const read = readSettings(settings as Settings);
	const { provider } = read;
	const client = withConfig(read.client, config) as typeof read.client;
	const format = client.format ?? 'file';
	if (format === 'binary' && json) throw usageError('--format binary writes raw bytes to stdout and cannot be combined with --json');

	const kinds = (['id-message', 'webhook', 'input', 'media-url', 'download-url', 'media-id'] as const).filter((name) => has(name));
	if (kinds.length === 0 && has('chat-id')) throw usageError('--chat-id needs --id-message');
	if (kinds.length !== 1) {
		throw usageError(
			kinds.length === 0
				? 'Give a source: --id-message (with --chat-id), --webhook, --input, --media-url, --download-url or --media-id'
				: `Give one source, not ${kinds.map((name) => `--${name}`).join(' and ')}`,
		);
	}
	const kind = kinds[0] as (typeof kinds)[number];
	const base = { client, format, json, quiet, verbose };
	if (has('chat-id') && kind !== 'id-message') throw usageError(`--chat-id goes with --id-message, not --${kind}`);
	if ((has('session-id') || has('phone-number')) && kind !== 'media-url') {
		throw usageError(`--${has('session-id') ? 'session-id' : 'phone-number'} goes with --media-url`);
	}
	if (kind === 'webhook' || kind === 'input') return { kind: 'download', ...base, source: { file: one(kind) ?? '-', flag: `--${kind}` } };
	// Which source goes with which provider and credentials is core's decision (readSources), for every face.
	const sources = {
		idMessage: list('id-message'),
		chatId: one('chat-id'),
		mediaUrl: list('media-url'),
		sessionId: one('session-id'),
		phoneNumber: one('phone-number'),
		mediaId: list('media-id'),
		downloadUrl: list('download-url'),
	};
	try {
		return { kind: 'download', ...base, source: { references: readSources(sources, { provider, client }) } };
	} catch (error) {
		if (!isWamediaError(error)) throw error;
		const shown = inFaceWords(error.toJSON(), sourceFlags);
		throw usageError(shown.message, shown.hint);
	}
}
