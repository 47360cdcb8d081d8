import { WamediaError } from '../errors/wamedia-error.js';
import { normalizeClientOptions } from '../normalize-options.js';
import type { ClientOptions } from '../types/options.js';
import { definedEntries } from '../utils/defined-entries.js';

/** The ids of the settings every face has (a CLI flag, an Action input, a Node-RED field each). */
export const settingNames = [
	'provider',
	'apiUrl',
	'idInstance',
	'apiTokenInstance',
	'serverUrl',
	'apiKey',
	'session',
	'instance',
	'accessToken',
	'graphUrl',
	'apiVersion',
	'phoneNumberId',
	'directory',
	'maxBytes',
	'concurrency',
	'timeout',
	'overwrite',
	'allowPrivateNetwork',
	'format',
	// How files are named (a template) and the record of downloads that a re-run skips.
	'fileName',
	'record',
	// Sync and back-fill (read by readArchiveSettings).
	'once',
	'maxItems',
	'receiveTimeout',
	'minutes',
	'outgoing',
	'count',
	'wait',
	'retryFailed',
	// The chat of message ids and of a back-fill (getChatHistory); read by each face with its references.
	'chatId',
	// Where references come from (read by readSources).
	'idMessage',
	'mediaUrl',
	'sessionId',
	'phoneNumber',
	'mediaId',
	'downloadUrl',
	'webhookBody',
] as const;

/** The id of one setting. */
export type SettingName = (typeof settingNames)[number];

/** Settings as a face holds them: text, where empty or missing means "not set". */
export type Settings = { readonly [Name in SettingName]?: string | undefined };

/** The gateways a `provider` setting may name. */
export type ProviderName = 'green-api' | 'multi-session' | 'meta' | 'waha' | 'evolution';

/** What {@link readSettings} returns. */
export interface ReadSettingsResult {
	/** The provider named by the settings, if any (otherwise it follows from each reference). */
	provider: ProviderName | undefined;
	/** Options for `createClient`, checked. */
	client: ClientOptions & { format?: 'file' | 'base64' | 'binary' };
}

const providers: readonly ProviderName[] = ['green-api', 'multi-session', 'meta', 'waha', 'evolution'];
const formats = ['file', 'base64', 'binary'] as const;

function invalid(field: SettingName, message: string, hint: string): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint, details: { field } });
}

/**
 * Turns flat text settings into client options. Every rule lives here once: the accepted words, numbers
 * and flags, and the credential pairs (idInstance with apiTokenInstance, serverUrl with apiKey: both or
 * neither). serverUrl and apiKey belong to Multi-Session, or to the `provider` WAHA (with `session`) or
 * Evolution (with `instance`, which it needs); `session` alone means WAHA and `instance` alone Evolution.
 * accessToken (with graphUrl, apiVersion, phoneNumberId) configures Meta. A bad setting throws INVALID_INPUT
 * with `details.field` naming it, so each face can show its own name for it. Secret values never appear in
 * a message.
 *
 * @example
 * const { client } = readSettings({ idInstance: env.WAMEDIA_ID_INSTANCE, apiTokenInstance: env.WAMEDIA_API_TOKEN_INSTANCE, maxBytes: '1000000' });
 * const wamedia = createClient(client);
 */
export function readSettings(settings: Settings): ReadSettingsResult {
	const value = (name: SettingName): string | undefined => {
		const text = settings[name];
		return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
	};
	const oneOf = <T extends string>(name: SettingName, allowed: readonly T[]): T | undefined => {
		const text = value(name);
		if (text === undefined || allowed.includes(text as T)) return text as T | undefined;
		throw invalid(
			name,
			`Invalid ${name}: expected ${allowed.join(', ')}, got ${JSON.stringify(text.slice(0, 40))}`,
			`Set ${name} to one of ${allowed.join(', ')}.`,
		);
	};
	const wholeNumber = (name: SettingName): number | undefined => {
		const text = value(name);
		if (text === undefined) return undefined;
		if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
			throw invalid(
				name,
				`Invalid ${name}: expected a whole number, got ${JSON.stringify(text.slice(0, 40))}`,
				`Set ${name} to a whole number.`,
			);
		}
		return Number(text);
	};
	const flag = (name: SettingName): boolean | undefined => {
		const text = value(name);
		if (text === undefined) return undefined;
		// The YAML 1.2 core booleans, as Actions inputs and config files write them.
		if (['true', 'True', 'TRUE'].includes(text)) return true;
		if (['false', 'False', 'FALSE'].includes(text)) return false;
		throw invalid(name, `Invalid ${name}: expected true or false`, `Set ${name} to true or false.`);
	};
	const pair = (first: SettingName, second: SettingName): [string, string] | undefined => {
		const [a, b] = [value(first), value(second)];
		if (a === undefined && b === undefined) return undefined;
		const missing = a === undefined ? first : second;
		const given = a === undefined ? second : first;
		if (a === undefined || b === undefined) {
			throw invalid(missing, `${given} is set but ${missing} is not: give both or neither`, `Set ${missing} too, or remove ${given}.`);
		}
		return [a, b];
	};

	const provider = oneOf('provider', providers);
	const greenApi = pair('idInstance', 'apiTokenInstance');
	const server = pair('serverUrl', 'apiKey');
	const apiUrl = value('apiUrl');
	const session = value('session');
	const instance = value('instance');
	if (session !== undefined && instance !== undefined) {
		throw invalid('instance', 'session is a WAHA setting and instance an Evolution one: give one of them', 'Remove session or instance.');
	}
	// The gateway that serverUrl and apiKey belong to.
	const serverProvider: 'multi-session' | 'waha' | 'evolution' =
		provider === 'waha' || provider === 'evolution'
			? provider
			: provider === undefined && session !== undefined
				? 'waha'
				: provider === undefined && instance !== undefined
					? 'evolution'
					: 'multi-session';
	for (const [name, own] of [
		['waha', 'session'],
		['evolution', 'instance'],
	] as const) {
		if (value(own) !== undefined && serverProvider !== name) {
			throw invalid(
				own,
				`${own} is a ${name === 'waha' ? 'WAHA' : 'Evolution'} setting, and provider is ${provider ?? 'another'}`,
				`Set provider to ${name}, or remove ${own}.`,
			);
		}
	}
	if (serverProvider === 'evolution' && server !== undefined && instance === undefined) {
		throw invalid('instance', 'Evolution needs instance with serverUrl and apiKey', 'Set instance to the name of the Evolution instance.');
	}
	if ((session !== undefined || instance !== undefined) && server === undefined) {
		const own = session === undefined ? 'instance' : 'session';
		throw invalid(
			'serverUrl',
			`${own} is set but serverUrl is not: give serverUrl and apiKey too`,
			`Set serverUrl and apiKey, or remove ${own}.`,
		);
	}
	const accessToken = value('accessToken');
	const metaExtras = (['graphUrl', 'apiVersion', 'phoneNumberId'] as const).filter((name) => value(name) !== undefined);
	if (accessToken === undefined && metaExtras.length > 0) {
		throw invalid(
			'accessToken',
			`${metaExtras[0]} is set but accessToken is not`,
			`Set accessToken too, or remove ${metaExtras.join(', ')}.`,
		);
	}
	const serverSettings = server && { serverUrl: server[0], apiKey: server[1] };
	const client: ReadSettingsResult['client'] = definedEntries({
		greenApi: greenApi && { idInstance: greenApi[0], apiTokenInstance: greenApi[1], ...(apiUrl === undefined ? {} : { apiUrl }) },
		multiSession: serverProvider === 'multi-session' ? serverSettings : undefined,
		waha: serverProvider === 'waha' && serverSettings ? { ...serverSettings, ...(session === undefined ? {} : { session }) } : undefined,
		evolution: serverProvider === 'evolution' && serverSettings && instance !== undefined ? { ...serverSettings, instance } : undefined,
		meta:
			accessToken === undefined
				? undefined
				: {
						accessToken,
						...definedEntries({ graphUrl: value('graphUrl'), apiVersion: value('apiVersion'), phoneNumberId: value('phoneNumberId') }),
					},
		format: oneOf('format', formats),
		directory: value('directory'),
		maxBytes: wholeNumber('maxBytes'),
		concurrency: wholeNumber('concurrency'),
		timeout: wholeNumber('timeout'),
		overwrite: flag('overwrite'),
		allowPrivateNetwork: flag('allowPrivateNetwork'),
		fileName: value('fileName'),
		record: value('record'),
	});
	// The ranges and URL rules are the client's own; checking them here reports them before any work starts.
	normalizeClientOptions(client);
	return { provider, client };
}
