import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import { type SettingName, settingNames } from './read-settings.js';

/** How a face names a setting: `--max-bytes` in the CLI, `max-bytes` in the Action, a field label in Node-RED. */
export type SettingLabels = { readonly [Name in SettingName]?: string };

const camelCase = settingNames.filter((name) => /[A-Z]/.test(name));

function rename(text: string, field: unknown, labels: SettingLabels): string {
	let result = text;
	const label = typeof field === 'string' ? labels[field as SettingName] : undefined;
	if (label !== undefined) {
		result = result
			.replace(new RegExp(`\\b(?:the )?${field} option\\b`, 'g'), label)
			.replace(new RegExp(`\\boption ${field}\\b`, 'g'), label)
			.replace(new RegExp(`(?<![-\\w])${field}\\b`, 'g'), label);
	}
	for (const name of camelCase) {
		const other = labels[name];
		if (other !== undefined) result = result.replace(new RegExp(`(?<![-\\w])${name}\\b`, 'g'), other);
	}
	return result;
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
