import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import { type SettingName, settingNames } from './read-settings.js';

/** How a face names a setting: `--max-bytes` in the CLI, `max-bytes` in the Action, a field label in Node-RED. */
export type SettingLabels = { readonly [Name in SettingName]?: string };

// Where a setting id that is also an ordinary word ("instance", "session", "format") names the setting: in
// "the instance option", "option instance", "Invalid instance:", and after a verb that asks the user to act on
// it ("Check instance", "Set format", "needs instance"). Elsewhere it is the word, as in a server's 'The "shop1" instance does
// not exist', and stays.
const settingPhrase = (id: string) =>
	`\\b(?:the )?(${id}) option\\b|\\boption (${id})\\b|(?<=\\b(?:Invalid|Check|check|Set|set|Pass|pass|Give|give|needs|need) )(${id})\\b(?![-\\w])`;

// One pass over the text: a label that contains a setting's id ("apiTokenInstance") is never renamed again.
function rename(text: string, field: unknown, labels: SettingLabels): string {
	const named = typeof field === 'string' && labels[field as SettingName] !== undefined ? field : undefined;
	// camelCase ids (maxBytes) are names wherever they appear; a one-word id only in the phrases above, and only
	// when the error is about it (its field).
	const ids = settingNames.filter((name) => labels[name] !== undefined && /[A-Z]/.test(name));
	const alternatives = [
		...(named === undefined || /[A-Z]/.test(named) ? [] : [settingPhrase(named)]),
		...(named !== undefined && /[A-Z]/.test(named) ? [`\\b(?:the )?(${named}) option\\b|\\boption (${named})\\b`] : []),
		...(ids.length === 0 ? [] : [`(?<![-\\w])(${ids.join('|')})\\b`]),
	];
	if (alternatives.length === 0) return text;
	return text.replace(new RegExp(alternatives.join('|'), 'g'), (match, ...groups: unknown[]) => {
		const id = groups.find((group): group is string => typeof group === 'string' && group in labels);
		return labels[id as SettingName] ?? match;
	});
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
