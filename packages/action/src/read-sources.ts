import { type ClientOptions, isWamediaError, type MediaReference, type ProviderName, WamediaError } from '@wamedia/core';
import { inFaceWords, readSources as readCoreSources, type SettingLabels } from '@wamedia/core/inputs';
import { type ActionInputs, settingInputs } from './inputs.js';

/** The inputs of the sources, beside the settings' inputs, for the errors of reading them. */
const sourceInputs = {
	...settingInputs,
	chatId: 'chat-id',
	idMessage: 'id-message',
	mediaUrl: 'media-url',
	mediaId: 'media-id',
	webhookBody: 'webhook-payload',
} as const satisfies SettingLabels;

/**
 * The references of the one source the step was given, read by core's `readSources` (which decides which
 * source goes with which provider and credentials). Throws INVALID_INPUT naming the inputs.
 *
 * @example readSources(inputs.sources, provider, client) // [{ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' }]
 */
export function readSources(sources: ActionInputs['sources'], provider: ProviderName | undefined, client: ClientOptions): MediaReference[] {
	// media-id names Meta media only, so action.yml's default provider (green-api) does not stand against it.
	const named = provider === 'green-api' && sources['media-id'] !== '' ? undefined : provider;
	try {
		return readCoreSources(
			{
				idMessage: sources['id-message'],
				chatId: sources['chat-id'],
				mediaUrl: sources['media-url'],
				mediaId: sources['media-id'],
				webhookBody: sources['webhook-payload'] === '' ? undefined : sources['webhook-payload'],
				offered: ['idMessage', 'mediaUrl', 'mediaId', 'webhookBody'],
			},
			{ provider: named, client },
		);
	} catch (error) {
		if (!isWamediaError(error)) throw error;
		const { message, hint } = inFaceWords(error.toJSON(), sourceInputs);
		throw new WamediaError(error.code, { message, hint, details: error.details, cause: error });
	}
}
