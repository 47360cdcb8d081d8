import { deterministicHex } from '../identifiers.js';

/** The `idMessage` values the Green-API emulator answers with a documented failure (or quirk). */
export type SpecialMessage =
	| 'noMedia'
	| 'unavailable'
	| 'starting'
	| 'notAuthorized'
	| 'quota'
	| 'unauthorizedIn200'
	| 'html500'
	| 'garbage'
	| 'noLink';

function specialId(name: SpecialMessage): string {
	return `BAE5${deterministicHex(`special:${name}`, 28).toUpperCase()}`;
}

/**
 * `idMessage` values that make `downloadFile` fail the way Green-API does (docs/green-api.md#downloadfile-errors):
 * - `noMedia`: 400, bare JSON string `File message encrypted url not found by chatId … and idMessage …`
 * - `unavailable`: 500, `{"message":"Internal error when downloading file by chatId … and idMessage …"}`
 * - `starting`: 400 `{"message":"instance in starting process try later"}` twice per sandbox, then a link to `image`
 * - `notAuthorized`: 400 `{"message":"instance is starting or not authorized"}`
 * - `quota`: 466 with the documented `invokeStatus` quota body
 * - `unauthorizedIn200`: 200 `{"code":401,"description":"Unauthorized"}`
 * - `html500`: 502 with an nginx HTML page
 * - `garbage`: 200 `not json` labelled application/json
 * - `noLink`: 200 `{}`
 *
 * @example await downloadFile({ chatId: sandbox.chatId, idMessage: specialMessages.noMedia })
 */
export const specialMessages: Readonly<Record<SpecialMessage, string>> = {
	noMedia: specialId('noMedia'),
	unavailable: specialId('unavailable'),
	starting: specialId('starting'),
	notAuthorized: specialId('notAuthorized'),
	quota: specialId('quota'),
	unauthorizedIn200: specialId('unauthorizedIn200'),
	html500: specialId('html500'),
	garbage: specialId('garbage'),
	noLink: specialId('noLink'),
};

/**
 * Which special message an `idMessage` is, if any.
 *
 * @example specialMessageOf(specialMessages.quota) // "quota"
 */
export function specialMessageOf(idMessage: string): SpecialMessage | undefined {
	const found = Object.entries(specialMessages).find(([, id]) => id === idMessage);
	return found?.[0] as SpecialMessage | undefined;
}
