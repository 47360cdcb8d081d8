import { validateIdInstance, validateSecret, validateServerUrl } from '../../security/validate.js';
import type { ClientOptions } from '../../types/options.js';

/** Green-API settings, checked. */
export interface GreenApiSettings {
	apiUrl: URL;
	idInstance: string;
	apiTokenInstance: string;
}

/** The host most instances answer on; the console shows each instance's own apiUrl. */
export const defaultApiUrl = 'https://api.green-api.com';

/** The `greenApi` client option, checked; undefined when it is not given. */
export function configureGreenApi(options: ClientOptions): GreenApiSettings | undefined {
	const { greenApi } = options;
	if (greenApi === undefined) return undefined;
	return {
		apiUrl: validateServerUrl(greenApi.apiUrl ?? defaultApiUrl, 'apiUrl'),
		idInstance: validateIdInstance(greenApi.idInstance),
		apiTokenInstance: validateSecret(greenApi.apiTokenInstance, 'apiTokenInstance'),
	};
}
