import { WamediaError } from '../../errors/wamedia-error.js';
import { webhookTokenCheck } from '../../security/webhook-token.js';
import { absoluteUrl } from '../absolute-url.js';
import type { MediaLink, Provider } from '../provider.js';
import { checkInstance } from './check-instance.js';
import { requestDownloadUrl } from './download-file.js';
import { oversized, recognizeGreenApi } from './recognize.js';
import { configureGreenApi, type GreenApiSettings } from './settings.js';

async function fresh(
	settings: GreenApiSettings,
	reference: { chatId?: string; idMessage?: string },
	context: Parameters<Provider['link']>[2],
): Promise<MediaLink> {
	const link = await requestDownloadUrl(settings, reference, context);
	try {
		return { url: new URL(link) };
	} catch (error) {
		throw new WamediaError('UPSTREAM_ERROR', {
			message: 'Green-API returned a downloadUrl that is not a URL',
			provider: 'green-api',
			retryable: false,
			cause: error,
		});
	}
}

/**
 * Green-API (docs/green-api.md): links from webhooks, queue items and journals, or from `downloadFile`
 * for a chatId + idMessage; an expired, empty or `{{SWE…}}` link is asked for again, once. The token
 * travels in the API's path, so no credential goes with media links.
 */
export const greenApi: Provider<GreenApiSettings> = {
	name: 'green-api',
	configure: configureGreenApi,
	servers: (settings) => [settings.apiUrl],
	secrets: (options) => [options.greenApi?.apiTokenInstance],
	recognize: recognizeGreenApi,
	webhook: webhookTokenCheck,
	check: checkInstance,
	async link(reference, settings, context) {
		if (reference.link !== undefined) return { url: absoluteUrl(reference.link, undefined, 'green-api') };
		if (settings === undefined) {
			if (reference.oversized) throw oversized();
			throw new WamediaError('INVALID_INPUT', {
				message: 'No download link, and no Green-API credentials to request one',
				hint: 'Configure the Green-API credentials (apiUrl, idInstance, apiTokenInstance) so that wamedia can request a link with downloadFile.',
				provider: 'green-api',
				details: { field: 'idInstance' },
			});
		}
		return fresh(settings, reference, context);
	},
	renew(reference, settings, context) {
		// A link from a webhook or journal is renewed through downloadFile (docs/architecture.md#link-resolution-and-renewal).
		if (settings === undefined || reference.link === undefined || reference.chatId === undefined || reference.idMessage === undefined)
			return undefined;
		return fresh(settings, reference, context);
	},
};
