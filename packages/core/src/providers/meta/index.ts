import type { FailedResponse } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import type { Redactor } from '../../security/redact.js';
import type { ParsedReference } from '../parse-reference.js';
import type { MediaLink, Provider, ProviderContext } from '../provider.js';
import { checkToken } from './check-token.js';
import { graphError } from './graph-error.js';
import { bearer, lookupMedia } from './lookup-media.js';
import { recognizeMeta } from './recognize.js';
import { configureMeta, type MetaSettings } from './settings.js';
import { metaWebhookCheck } from './verify-webhook.js';

// What an expired media URL answers is not documented (docs/providers.md#meta-lifetimes): any refusal counts.
const refusals = new Set([400, 401, 403, 404, 410]);

/**
 * Reads a failed answer of the media host: a refusal of a URL that may be renewed is MEDIA_EXPIRED, so that
 * the media id is looked up again (once); the rest by its Graph code, else as any media answer.
 */
function mediaHostFailure(renewable: boolean): (response: FailedResponse, redact: Redactor) => WamediaError | undefined {
	return (response, redact) => {
		const mapped = graphError(response, redact, false);
		if (!renewable || !refusals.has(response.status) || mapped?.code === 'RATE_LIMITED') return mapped;
		return new WamediaError('MEDIA_EXPIRED', {
			message: `The Meta media URL was refused (${response.status}); it lives 5 minutes`,
			hint: 'wamedia looks the media id up again once; if that fails too, check accessToken and the media id.',
			status: response.status,
			provider: 'meta',
			details: { url: redact(response.url), ...(mapped === undefined ? {} : { serverMessage: mapped.details.serverMessage }) },
		});
	};
}

async function resolve(
	reference: ParsedReference,
	settings: MetaSettings | undefined,
	context: ProviderContext,
	renewable: boolean,
): Promise<MediaLink> {
	if (settings === undefined) {
		throw new WamediaError('INVALID_INPUT', {
			message: 'Meta media needs an access token to be looked up',
			hint: 'Configure the Meta accessToken (and graphUrl, apiVersion when they differ from the defaults).',
			provider: 'meta',
			details: { field: 'accessToken' },
		});
	}
	const media = await lookupMedia(settings, reference, context);
	return {
		url: media.url,
		// Only to the URL the authenticated Graph answer named: followRedirects keeps it on that origin.
		credential: bearer(settings),
		expected: { sha256: media.sha256, size: media.size },
		failure: mediaHostFailure(renewable),
	};
}

/**
 * The Meta WhatsApp Cloud API (docs/providers.md#meta-whatsapp-cloud-api): a media id is looked up on the
 * Graph API for a URL that lives 5 minutes, fetched with the same Bearer token, and checked against the
 * Graph answer's `file_size` and `sha256`. A refused URL is looked up again, once. The token goes to the
 * Graph origin and to the URL its answer named, never to a URL from a webhook or a user.
 */
export const meta: Provider<MetaSettings> = {
	name: 'meta',
	configure: configureMeta,
	servers: (settings) => [settings.graphUrl],
	secrets: (options) => [options.meta?.accessToken],
	recognize: recognizeMeta,
	check: checkToken,
	link: (reference, settings, context) => resolve(reference, settings, context, true),
	renew: (reference, settings, context) => (settings === undefined ? undefined : resolve(reference, settings, context, false)),
	webhook: metaWebhookCheck,
	mediaHints: {
		AUTH_FAILED: 'Check accessToken: the media host wants the same token as the Graph API.',
		MEDIA_NOT_FOUND: 'Media ids from webhooks live 7 days; download the media sooner.',
	},
};
