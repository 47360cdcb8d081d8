import { WamediaError } from '../errors/wamedia-error.js';
import type { ClientOptions } from '../types/options.js';
import type { MediaReference } from '../types/reference.js';
import { readItems } from './read-items.js';
import { readMessageIds } from './read-message-ids.js';
import { type ReferenceInput, readReferences } from './read-references.js';
import type { ProviderName, SettingName } from './read-settings.js';

/** The kinds of source a face offers; each is also the id of the setting that holds it. */
export type SourceName = 'idMessage' | 'mediaUrl' | 'mediaId' | 'downloadUrl' | 'webhookBody';

/**
 * Where the references of one run come from, as a face hands them over: text as typed (several ids in one
 * value separated by commas or line breaks, or given as a list), and the webhook as a body or its text.
 * Empty text, an empty list and `undefined` mean "not given".
 */
export interface Sources {
	/** Message ids: Green-API's and WAHA's with `chatId` (or written `<chatId> <idMessage>`), Evolution's alone. */
	idMessage?: string | readonly string[] | undefined;
	chatId?: string | undefined;
	/** Multi-Session media URLs (absolute, or relative to its serverUrl), or WAHA's with provider `waha`. */
	mediaUrl?: string | readonly string[] | undefined;
	/** Multi-Session only: the session and the number of the message, carried into the result. */
	sessionId?: string | undefined;
	phoneNumber?: string | undefined;
	/** Meta media ids. */
	mediaId?: string | readonly string[] | undefined;
	/** Direct links, fetched without credentials. */
	downloadUrl?: string | readonly string[] | undefined;
	/** A webhook, notification or journal body, an array of them, or their JSON text or NDJSON. */
	webhookBody?: ReferenceInput | undefined;
	/**
	 * The source the face's user chose, where the face has such a choice (n8n's `source`): that source must
	 * be given, and an empty one is reported by its name rather than as "nothing to download".
	 */
	source?: SourceName | undefined;
	/** The sources the face offers, named when none is given. @default every source */
	offered?: readonly SourceName[] | undefined;
}

/** The provider and credentials that decide where a source goes: `readSettings`' result, or any client options. */
export interface SourceSettings {
	provider: ProviderName | undefined;
	client: ClientOptions;
}

const sourceNames: readonly SourceName[] = ['idMessage', 'mediaUrl', 'mediaId', 'downloadUrl', 'webhookBody'];

function invalid(message: string, hint: string, field: SettingName): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint, details: { field } });
}

function isGiven(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.some((item) => typeof item !== 'string' || item.trim() !== '');
	return true;
}

const list = (value: string | readonly string[] | undefined): string[] => readItems(value ?? []);

/**
 * The references of the one source a run was given, with the provider and credentials that source needs.
 * Every face (CLI, Action, Node-RED, n8n) routes its sources here, so which source goes with which provider
 * is decided once: message ids are Green-API's, or WAHA's and Evolution's with that provider (or with only
 * that gateway configured); media URLs are Multi-Session's or WAHA's; media ids are Meta's. A mismatch, a
 * missing credential, a missing or second source throws INVALID_INPUT whose message and hint name settings
 * by their ids (`details.field` the one to fix), for each face to render with `inFaceWords`.
 *
 * @example
 * const settings = readSettings({ idInstance, apiTokenInstance });
 * readSources({ idMessage: 'BAE5F4886F6F2D05', chatId: '79001234567@c.us' }, settings)
 * // → [{ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' }]
 */
export function readSources(sources: Sources, settings: SourceSettings): MediaReference[] {
	const { provider, client } = settings;
	const given = sourceNames.filter((name) => isGiven(sources[name]));
	if (sources.source !== undefined && !given.includes(sources.source)) {
		throw invalid(`${sources.source} is empty: nothing to download`, `Set ${sources.source}.`, sources.source);
	}
	const source = sources.source ?? given[0];
	if (source === undefined) {
		const offered = (sources.offered ?? sourceNames).map((name) => (name === 'idMessage' ? 'idMessage (with chatId)' : name));
		const listed = offered.length > 1 ? `${offered.slice(0, -1).join(', ')} or ${offered.at(-1)}` : offered.join('');
		throw invalid(`Nothing to download: give ${listed}`, 'Give one source of media.', sources.offered?.[0] ?? 'idMessage');
	}
	if (sources.source === undefined && given.length > 1) {
		throw invalid(`Give one source, not ${given.join(' and ')}`, 'Keep one of them.', given[1] as SourceName);
	}
	if (isGiven(sources.chatId) && source !== 'idMessage') {
		throw invalid(`chatId goes with idMessage, not ${source}`, 'Remove chatId.', 'chatId');
	}
	const extra = (['sessionId', 'phoneNumber'] as const).find((name) => isGiven(sources[name]));
	if (extra !== undefined && source !== 'mediaUrl') throw invalid(`${extra} goes with mediaUrl`, `Remove ${extra}.`, extra);
	checkCredentials(settings);
	// Without a provider, the settings given say which gateway a message id or media URL is for.
	const gateway = provider ?? (client.evolution === undefined ? (client.waha === undefined ? undefined : 'waha') : 'evolution');
	switch (source) {
		case 'idMessage':
			return messageReferences(sources, settings, gateway);
		case 'mediaUrl':
			return mediaUrlReferences(sources, settings, gateway);
		case 'mediaId':
			if (provider !== undefined && provider !== 'meta') {
				throw invalid(`mediaId is a Meta source, and provider is ${provider}`, 'Set provider to meta, or give another source.', 'provider');
			}
			if (client.meta === undefined) {
				throw invalid(
					'mediaId needs the Meta access token: accessToken',
					'Set accessToken to a token of the WhatsApp Business account (Meta for Developers); pass it as a secret.',
					'accessToken',
				);
			}
			return list(sources.mediaId as string | readonly string[]).map((mediaId) => ({ provider: 'meta', mediaId }));
		case 'downloadUrl':
			return list(sources.downloadUrl as string | readonly string[]).map((downloadUrl) => ({ downloadUrl }));
		default:
			try {
				return readReferences(sources.webhookBody as ReferenceInput);
			} catch (error) {
				// readReferences says "the input"; the face's user needs to know which one.
				if (error instanceof WamediaError) error.message = `webhookBody: ${error.message}`;
				throw error;
			}
	}
}

/** The settings a provider needs, by the provider's name: every source of a named gateway goes through them. */
const needs = {
	'multi-session': { has: 'multiSession', settings: 'serverUrl and apiKey' },
	meta: { has: 'meta', settings: 'accessToken' },
	waha: { has: 'waha', settings: 'serverUrl and apiKey' },
	evolution: { has: 'evolution', settings: 'serverUrl, apiKey and instance' },
} as const;

/** A named provider other than Green-API (whose webhook links work without credentials) needs its credentials. */
function checkCredentials({ provider, client }: SourceSettings): void {
	if (provider === undefined || provider === 'green-api') return;
	const need = needs[provider];
	if (client[need.has] !== undefined) return;
	const field: SettingName = provider === 'meta' ? 'accessToken' : 'serverUrl';
	throw invalid(`provider ${provider} needs ${need.settings}`, `Set ${need.settings}; pass the key or token as a secret.`, field);
}

function messageReferences(sources: Sources, settings: SourceSettings, gateway: SourceSettings['provider']): MediaReference[] {
	const { provider, client } = settings;
	const values = list(sources.idMessage);
	if (provider === 'multi-session' || provider === 'meta') {
		throw invalid(
			`idMessage is a Green-API, WAHA or Evolution source, and provider is ${provider}${provider === 'meta' ? ' (Meta media go by mediaId)' : ''}`,
			provider === 'meta' ? 'Give mediaId instead.' : 'Give mediaUrl instead, or set provider.',
			'provider',
		);
	}
	// A message id goes to WAHA or Evolution when the provider says so, or when that gateway alone is configured.
	if ((gateway === 'evolution' || gateway === 'waha') && (provider !== undefined || client.greenApi === undefined)) {
		if (gateway === 'evolution') {
			if (isGiven(sources.chatId)) {
				throw invalid('chatId is not needed with provider evolution: an Evolution message id is enough', 'Remove chatId.', 'chatId');
			}
			return values.map((idMessage) => ({ provider: 'evolution', idMessage }));
		}
		return readMessageIds(values, sources.chatId).map((message) => ({ ...message, provider: 'waha' as const }));
	}
	if (client.greenApi === undefined) {
		throw invalid(
			'idMessage needs Green-API credentials: idInstance and apiTokenInstance',
			'Copy idInstance and apiTokenInstance from the Green-API console; pass the token as a secret.',
			'idInstance',
		);
	}
	return readMessageIds(values, sources.chatId);
}

function mediaUrlReferences(sources: Sources, settings: SourceSettings, gateway: SourceSettings['provider']): MediaReference[] {
	const { provider } = settings;
	const values = list(sources.mediaUrl);
	if (provider === 'green-api' || provider === 'meta' || provider === 'evolution') {
		throw invalid(
			`mediaUrl is a Multi-Session or WAHA source, and provider is ${provider}`,
			'Give another source, or set provider.',
			'provider',
		);
	}
	if (gateway === 'waha') {
		const extra = (['sessionId', 'phoneNumber'] as const).find((name) => isGiven(sources[name]));
		if (extra !== undefined) throw invalid(`${extra} is a Multi-Session setting; WAHA takes session`, `Remove ${extra}.`, extra);
		return values.map((mediaUrl) => ({ provider: 'waha', mediaUrl }));
	}
	const sessionId = sources.sessionId?.trim() || undefined;
	const phoneNumber = sources.phoneNumber?.trim() || undefined;
	return values.map((mediaUrl) => ({
		mediaUrl,
		...(sessionId === undefined ? {} : { sessionId }),
		...(phoneNumber === undefined ? {} : { phoneNumber }),
	}));
}
