import { deterministicDigits } from '../identifiers.js';

/** The Graph failures the Meta emulator answers for a media id of its own. */
export type MetaErrorName =
	| 'permission'
	| 'apiPermission'
	| 'appRateLimit'
	| 'accountRateLimit'
	| 'throughputLimit'
	| 'unknownError'
	| 'serviceUnavailable';

/** The Graph error code of each {@link MetaErrorName}. */
export const metaErrorCodes: Readonly<Record<MetaErrorName, number>> = {
	permission: 10,
	apiPermission: 200,
	appRateLimit: 4,
	accountRateLimit: 80007,
	throughputLimit: 130429,
	unknownError: 1,
	serviceUnavailable: 2,
};

/**
 * Media ids that make `GET /{version}/{media-id}` fail every time with a Graph error (docs/providers.md#graph-errors):
 * `permission` 10 (403), `apiPermission` 200 (403), `appRateLimit` 4, `accountRateLimit` 80007 and
 * `throughputLimit` 130429 (400 each), `unknownError` 1 (500), `serviceUnavailable` 2 (503). Any other id the
 * catalog does not know answers code 100 "does not exist".
 *
 * @example await fetch(`${graphUrl}/v25.0/${metaErrorMediaIds.throughputLimit}`, { headers })
 */
export const metaErrorMediaIds: Readonly<Record<MetaErrorName, string>> = Object.fromEntries(
	Object.keys(metaErrorCodes).map((name) => [name, deterministicDigits(`metaError:${name}`, 16)]),
) as Record<MetaErrorName, string>;

/**
 * The Graph error code a media id stands for, if it is one of {@link metaErrorMediaIds}.
 *
 * @example metaErrorCodeOf(metaErrorMediaIds.permission) // 10
 */
export function metaErrorCodeOf(mediaId: string): number | undefined {
	const found = Object.entries(metaErrorMediaIds).find(([, id]) => id === mediaId);
	return found ? metaErrorCodes[found[0] as MetaErrorName] : undefined;
}
