import { WamediaError } from '../errors/wamedia-error.js';
import { type ConfigFile, withConfig } from '../inputs/read-config-file.js';
import { readSettings, type Settings } from '../inputs/read-settings.js';
import type { CheckOptions } from '../types/check.js';
import type { ClientOptions } from '../types/options.js';
import { type FlagName, flags as flagSpecs, gatewayFlags, runFlags } from './cli-flags.js';
import { flagSettings } from './flag-settings.js';

/** What `wamedia check` was asked to do. */
export interface CheckCommand {
	kind: 'check';
	client: ClientOptions;
	provider: CheckOptions['provider'];
	json: boolean;
	quiet: boolean;
	verbose: boolean;
	/** Values read from the environment through --config: redacted from every output. */
	secrets?: string[];
}

/** The flags `wamedia check` takes: every gateway's settings and how to answer. */
export const checkFlags: readonly FlagName[] = [...gatewayFlags, ...runFlags];

function usageError(message: string, hint = 'Run wamedia help check for the options.'): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint });
}

/** Reads the flags of `wamedia check` (and the environment) into a command. */
export function parseCheck(
	flags: { one: (name: FlagName) => string | undefined; has: (name: FlagName) => boolean },
	env: Record<string, string | undefined>,
	config?: ConfigFile,
): CheckCommand {
	const { one, has } = flags;
	const other = (Object.keys(flagSpecs) as FlagName[]).find((name) => has(name) && !checkFlags.includes(name));
	if (other !== undefined) throw usageError(`--${other} is not an option of wamedia check`);
	const quiet = has('quiet');
	const verbose = has('verbose');
	if (quiet && verbose) throw usageError('Give --quiet or --verbose, not both');
	const read = readSettings(flagSettings(checkFlags, one, has, env) as Settings);
	return { kind: 'check', client: withConfig(read.client, config), provider: read.provider, json: has('json'), quiet, verbose };
}
