import { defaultTimeout } from '../normalize-options.js';
import { defaultApiUrl } from '../providers/green-api/settings.js';
import { defaultApiVersion, defaultGraphUrl } from '../providers/meta/settings.js';
import { defaultSession } from '../providers/waha/settings.js';

/**
 * The values core uses for settings a user leaves empty, for faces that show them beside their fields (the
 * n8n credentials' defaults and placeholders). Reading them from here keeps every face in step with core.
 *
 * @example settingDefaults.graphUrl // 'https://graph.facebook.com'
 */
export const settingDefaults = {
	apiUrl: defaultApiUrl,
	graphUrl: defaultGraphUrl,
	apiVersion: defaultApiVersion,
	session: defaultSession,
	timeout: defaultTimeout,
} as const;
