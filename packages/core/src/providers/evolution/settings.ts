import { validateIdentifier, validateSecret, validateServerUrl } from '../../security/validate.js';
import type { ClientOptions } from '../../types/options.js';

/** Evolution API settings, checked. */
export interface EvolutionSettings {
	serverUrl: URL;
	apiKey: string;
	instance: string;
}

/** The `evolution` client option, checked; undefined when it is not given. */
export function configureEvolution(options: ClientOptions): EvolutionSettings | undefined {
	const { evolution } = options;
	if (evolution === undefined) return undefined;
	return {
		serverUrl: validateServerUrl(evolution.serverUrl, 'serverUrl'),
		apiKey: validateSecret(evolution.apiKey, 'apiKey'),
		instance: validateIdentifier(evolution.instance, 'instance', 'Pass the name of the Evolution instance, as in its manager.'),
	};
}
