import type { SettingName } from '../inputs/read-settings.js';
import { type FlagName, type FlagSpec, flags } from './cli-flags.js';

/** The settings the given flags (or their environment variables) set, as text. */
export function flagSettings(
	names: readonly FlagName[],
	one: (name: FlagName) => string | undefined,
	has: (name: FlagName) => boolean,
	env: Record<string, string | undefined>,
): { -readonly [Name in SettingName]?: string } {
	const settings: { -readonly [Name in SettingName]?: string } = {};
	for (const name of names) {
		const spec: FlagSpec = flags[name];
		if (spec.setting === undefined) continue;
		const value =
			spec.type === 'boolean' ? (has(name) ? 'true' : undefined) : (one(name) ?? (spec.env === undefined ? undefined : env[spec.env]));
		if (value !== undefined) settings[spec.setting] = value;
	}
	return settings;
}
