import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import { type SettingName, settingNames } from './read-settings.js';

/** How a face names a setting: `--max-bytes` in the CLI, `max-bytes` in the Action, a field label in Node-RED. */
export type SettingLabels = { readonly [Name in SettingName]?: string };

// One pass over the text: a label that contains a setting's id ("apiTokenInstance") is never renamed again.
function rename(text: string, field: unknown, labels: SettingLabels): string {
	const named = typeof field === 'string' && labels[field as SettingName] !== undefined ? field : undefined;
	// The field of the error may be any id, camelCase or not; other settings are recognised by their camelCase ids.
	const ids = settingNames.filter((name) => labels[name] !== undefined && (name === named || /[A-Z]/.test(name)));
	if (ids.length === 0) return text;
	const phrase = named === undefined ? '' : `\\b(?:the )?${named} option\\b|\\boption ${named}\\b|`;
	const pattern = new RegExp(`${phrase}(?<![-\\w])(${ids.join('|')})\\b`, 'g');
	return text.replace(pattern, (match, id: string | undefined) => labels[(id ?? named) as SettingName] ?? match);
}

/**
 * An error as a face shows it. Core's messages and hints name settings by their ids (`maxBytes`,
 * `allowPrivateNetwork`, the field in `details.field`); each face passes its own labels and gets the same
 * words its users type.
 *
 * @example inFaceWords(error.toJSON(), { allowPrivateNetwork: 'allow-private-network' })
 */
export function inFaceWords(error: WamediaErrorJson, labels: SettingLabels): WamediaErrorJson {
	const field = error.details.field ?? error.details.option;
	return { ...error, message: rename(error.message, field, labels), hint: rename(error.hint, field, labels) };
}
