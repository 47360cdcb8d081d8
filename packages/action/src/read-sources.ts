import { type ClientOptions, type MediaReference, type ProviderName, WamediaError } from '@wamedia/core';
import { readItems, readMessageIds, readReferences, type SettingName } from '@wamedia/core/inputs';
import type { ActionInputs } from './inputs.js';

type Source = keyof Omit<ActionInputs['sources'], 'chat-id'>;

function invalid(message: string, hint = '', field?: SettingName): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint, details: field ? { field } : {} });
}

/**
 * The references of the one source the step was given, read by core, with the settings that source needs.
 * Throws INVALID_INPUT naming the input (settings by their ids, for `inFaceWords`).
 *
 * @example readSources(inputs.sources, provider, client) // [{ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' }]
 */
export function readSources(sources: ActionInputs['sources'], provider: ProviderName | undefined, client: ClientOptions): MediaReference[] {
	const given = (['id-message', 'media-url', 'media-id', 'webhook-payload'] as const).filter((name) => sources[name].length > 0);
	if (given.length !== 1) {
		throw invalid(
			given.length === 0
				? 'Nothing to download: set id-message (with chat-id), media-url, media-id or webhook-payload'
				: `Set only one of ${given.join(', ')}`,
		);
	}
	const source = given[0] as Source;
	const gateway = provider === 'waha' || provider === 'evolution' ? provider : undefined;
	if (source === 'id-message' && (provider === 'multi-session' || provider === 'meta')) {
		throw invalid(`id-message needs provider: green-api, waha or evolution${provider === 'meta' ? ' (Meta media go by media-id)' : ''}`);
	}
	if (source === 'media-url' && (provider === 'green-api' || provider === 'meta' || provider === 'evolution')) {
		throw invalid('media-url needs provider: multi-session or waha');
	}
	// media-id names Meta media only, so it needs no provider beyond action.yml's default.
	if (source === 'media-id' && provider !== undefined && provider !== 'green-api' && provider !== 'meta') {
		throw invalid('media-id needs provider: meta');
	}
	if (source === 'id-message' && gateway === undefined && client.greenApi === undefined) {
		throw invalid(
			'id-message needs idInstance and apiTokenInstance',
			'Copy both from the Green-API console; pass the token from a secret.',
			'idInstance',
		);
	}
	if (provider === 'multi-session' && client.multiSession === undefined) {
		throw invalid('provider multi-session needs serverUrl and apiKey', 'Set both; pass the API key from a secret.', 'serverUrl');
	}
	if (gateway !== undefined && client[gateway] === undefined) {
		const settings = gateway === 'waha' ? 'serverUrl and apiKey (and session, when it is not default)' : 'serverUrl, apiKey and instance';
		throw invalid(`provider ${gateway} needs ${settings}`, 'Set them; pass the API key from a secret.', 'serverUrl');
	}
	if ((provider === 'meta' || source === 'media-id') && client.meta === undefined) {
		throw invalid(
			`${source === 'media-id' ? 'media-id' : 'provider meta'} needs accessToken`,
			'Pass the Meta access token from a secret.',
			'accessToken',
		);
	}
	if (gateway === 'evolution' && sources['chat-id'] !== '') {
		throw invalid('chat-id is not needed with provider evolution: an Evolution message id is enough');
	}
	try {
		if (source === 'id-message' && gateway === 'evolution') {
			return readItems(sources['id-message']).map((idMessage) => ({ provider: 'evolution', idMessage }));
		}
		if (source === 'id-message') {
			const messages = readMessageIds([sources['id-message']], sources['chat-id']);
			return gateway === 'waha' ? messages.map((message) => ({ ...message, provider: 'waha' as const })) : messages;
		}
		if (source === 'media-url') {
			return sources['media-url'].map((mediaUrl) => (gateway === 'waha' ? { provider: 'waha', mediaUrl } : { mediaUrl }));
		}
		if (source === 'media-id') return readItems(sources['media-id']).map((mediaId) => ({ provider: 'meta', mediaId }));
		return readReferences(sources['webhook-payload']);
	} catch (error) {
		// Core's reading errors say "the input"; the step names which one.
		if (error instanceof Error) error.message = `${source}: ${error.message}`;
		throw error;
	}
}
