import { absoluteUrl } from '../absolute-url.js';
import { compactReference, text } from '../body-fields.js';
import type { Provider } from '../provider.js';

/** A direct link to the bytes (`{downloadUrl}`): no gateway, no credential, no renewal. */
export const direct: Provider<undefined> = {
	name: 'direct',
	configure: () => undefined,
	servers: () => [],
	recognize(body) {
		if (body.downloadUrl === undefined) return undefined;
		return [
			compactReference({ provider: 'direct', link: text(body.downloadUrl), fileName: text(body.fileName), mimeType: text(body.mimeType) }),
		];
	},
	secrets: () => [],
	async link(reference) {
		return { url: absoluteUrl(reference.link, undefined, 'direct') };
	},
};
