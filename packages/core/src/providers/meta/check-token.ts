import { WamediaError } from '../../errors/wamedia-error.js';
import { checkRequest, serverPath } from '../check-request.js';
import type { CheckFacts, ProviderContext } from '../provider.js';
import { graphError } from './graph-error.js';
import { bearer } from './lookup-media.js';
import type { MetaSettings } from './settings.js';

/**
 * `wamedia check` for Meta: `GET /{apiVersion}/{phoneNumberId}` with the token when the business number is
 * configured (it proves the token may read that number), else `GET /{apiVersion}/me`, the token's own identity
 * (docs/providers.md#check). A number the token cannot see is INVALID_INPUT naming phoneNumberId.
 */
export async function checkToken(settings: MetaSettings, context: ProviderContext): Promise<CheckFacts> {
	const { phoneNumberId } = settings;
	const answer = await checkRequest(
		{
			provider: 'meta',
			url: serverPath(settings.graphUrl, settings.apiVersion, phoneNumberId ?? 'me'),
			credential: bearer(settings),
			failure: (response) => {
				const error = graphError(response, context.redact);
				if (error.code !== 'MEDIA_NOT_FOUND' || phoneNumberId === undefined) return error;
				return new WamediaError('INVALID_INPUT', {
					message: 'The Graph API does not know this phone number id, or the token may not read it',
					hint: 'Check phoneNumberId: copy it from WhatsApp Manager (API Setup), for a number of the account the token belongs to.',
					provider: 'meta',
					status: response.status,
					details: { field: 'phoneNumberId' },
				});
			},
		},
		context,
	);
	const number = typeof answer.display_phone_number === 'string' ? answer.display_phone_number : undefined;
	const name = typeof answer.verified_name === 'string' ? answer.verified_name : typeof answer.name === 'string' ? answer.name : undefined;
	return { account: [number, name].filter((part) => part !== undefined).join(' ') || undefined };
}
