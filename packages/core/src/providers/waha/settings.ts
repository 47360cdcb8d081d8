import { validateIdentifier, validateSecret, validateServerUrl } from '../../security/validate.js';
import type { ClientOptions } from '../../types/options.js';

/** WAHA settings, checked. */
export interface WahaSettings {
	serverUrl: URL;
	apiKey: string;
	session: string;
}

/** WAHA's session when none is configured. */
export const defaultSession = 'default';

/** The `waha` client option, checked; undefined when it is not given. */
export function configureWaha(options: ClientOptions): WahaSettings | undefined {
	const { waha } = options;
	if (waha === undefined) return undefined;
	return {
		serverUrl: validateServerUrl(waha.serverUrl, 'serverUrl'),
		apiKey: validateSecret(waha.apiKey, 'apiKey'),
		session: validateIdentifier(waha.session ?? defaultSession, 'session', 'Pass the WAHA session name, such as default.'),
	};
}
