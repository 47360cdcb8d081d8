import { WamediaError } from '../../errors/wamedia-error.js';
import { validateIdentifier, validateSecret, validateServerUrl } from '../../security/validate.js';
import type { ClientOptions } from '../../types/options.js';

/** Meta Cloud API settings, checked. */
export interface MetaSettings {
	accessToken: string;
	graphUrl: URL;
	/** `v25.0`: the version segment of every Graph call. */
	apiVersion: string;
	phoneNumberId: string | undefined;
}

/** Where the Graph API answers (docs/providers.md#meta-identity-and-auth). */
export const defaultGraphUrl = 'https://graph.facebook.com';
/** The Graph version Meta's current pages use. */
export const defaultApiVersion = 'v25.0';

/** The `meta` client option, checked; undefined when it is not given. */
export function configureMeta(options: ClientOptions): MetaSettings | undefined {
	const { meta } = options;
	if (meta === undefined) return undefined;
	return {
		accessToken: validateSecret(meta.accessToken, 'accessToken'),
		graphUrl: validateServerUrl(meta.graphUrl ?? defaultGraphUrl, 'graphUrl'),
		apiVersion: validateApiVersion(meta.apiVersion ?? defaultApiVersion),
		phoneNumberId:
			meta.phoneNumberId === undefined
				? undefined
				: validateIdentifier(meta.phoneNumberId, 'phoneNumberId', 'Pass the phone number id the WhatsApp Manager shows (digits).'),
	};
}

/** `v25.0` or `25.0`, as `v25.0`; INVALID_INPUT naming apiVersion otherwise. */
function validateApiVersion(value: unknown): string {
	const match = typeof value === 'string' ? /^v?(\d{1,3}\.\d{1,3})$/.exec(value.trim()) : null;
	if (match === null) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Invalid apiVersion: ${JSON.stringify(String(value)).slice(0, 40)}`,
			hint: `Pass a Graph API version such as ${defaultApiVersion}.`,
			details: { field: 'apiVersion' },
		});
	}
	return `v${match[1]}`;
}
