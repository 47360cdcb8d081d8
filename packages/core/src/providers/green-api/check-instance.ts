import type { CheckFacts, ProviderContext } from '../provider.js';
import { GreenApiMethods } from './green-api-methods.js';
import { notReady, workingStates } from './preflight.js';
import type { GreenApiSettings } from './settings.js';

/**
 * `wamedia check` for Green-API: `getStateInstance`, the call Green-API's own tools use to test credentials
 * (docs/providers.md#check). A wrong token or instance answers 401/403; a working instance is `authorized` (or
 * `yellowCard`, which limits sending only); any other state is INSTANCE_NOT_READY with what to do.
 */
export async function checkInstance(settings: GreenApiSettings, context: ProviderContext): Promise<CheckFacts> {
	const api = new GreenApiMethods({ settingsOf: (provider) => (provider === 'green-api' ? settings : undefined), ...context });
	const state = await api.getStateInstance(context.signal);
	if (state === undefined || !workingStates.has(state)) throw notReady(state);
	return { state, account: `idInstance ${settings.idInstance}` };
}
