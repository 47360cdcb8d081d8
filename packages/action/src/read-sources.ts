import {
	type ClientOptions,
	type MediaReference,
	type ProviderName,
	readMessageIds,
	readReferences,
	type SettingName,
	WamediaError,
} from '@wamedia/core';
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
	const given = (['id-message', 'media-url', 'webhook-payload'] as const).filter((name) => sources[name].length > 0);
	if (given.length !== 1) {
		throw invalid(
			given.length === 0
				? 'Nothing to download: set id-message (with chat-id), media-url or webhook-payload'
				: `Set only one of ${given.join(', ')}`,
		);
	}
	const source = given[0] as Source;
	if (source === 'id-message' && provider === 'multi-session') throw invalid('id-message needs provider: green-api');
	if (source === 'media-url' && provider === 'green-api') throw invalid('media-url needs provider: multi-session');
	if (source === 'id-message' && client.greenApi === undefined) {
		throw invalid(
			'id-message needs idInstance and apiTokenInstance',
			'Copy both from the Green-API console; pass the token from a secret.',
			'idInstance',
		);
	}
	if (provider === 'multi-session' && client.multiSession === undefined) {
		throw invalid('provider multi-session needs serverUrl and apiKey', 'Set both; pass the API key from a secret.', 'serverUrl');
	}
	try {
		if (source === 'id-message') return readMessageIds([sources['id-message']], sources['chat-id']);
		if (source === 'media-url') return sources['media-url'].map((mediaUrl) => ({ mediaUrl }));
		return readReferences(sources['webhook-payload']);
	} catch (error) {
		// Core's reading errors say "the input"; the step names which one.
		if (error instanceof Error) error.message = `${source}: ${error.message}`;
		throw error;
	}
}
