import { WamediaError } from '@wamedia/core';
import type { ActionInputs, Mode } from './inputs.js';

// The inputs that only some modes read; every other input goes with each mode.
const modesOf: Record<string, readonly Mode[]> = {
	'id-message': ['download'],
	'media-url': ['download'],
	'media-id': ['download'],
	'webhook-payload': ['download'],
	'chat-id': ['download', 'backfill'],
	minutes: ['backfill'],
	outgoing: ['backfill'],
	count: ['backfill'],
	'retry-failed': ['backfill'],
};

// Inputs whose setting id differs from the input's name.
const settingOf: Record<string, 'retryFailed'> = { 'retry-failed': 'retryFailed' };

function given(inputs: ActionInputs, name: string): boolean {
	const { sources, settings } = inputs;
	const value =
		name in sources
			? sources[name as keyof ActionInputs['sources']]
			: settings[settingOf[name] ?? (name as 'minutes' | 'outgoing' | 'count')];
	return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '';
}

/**
 * Throws INVALID_INPUT for the first input set that the mode does not read (a `minutes` in a download, an
 * `id-message` in a sync), so that nothing the workflow author wrote is silently ignored.
 *
 * @example checkModeInputs({ ...inputs, mode: 'sync' }) // throws when chat-id is set
 */
export function checkModeInputs(inputs: ActionInputs): void {
	for (const [name, modes] of Object.entries(modesOf)) {
		if (modes.includes(inputs.mode) || !given(inputs, name)) continue;
		throw new WamediaError('INVALID_INPUT', {
			message: `${name} does not go with mode: ${inputs.mode}`,
			hint: `Remove ${name}, or set mode: ${modes.join(' or ')}.`,
		});
	}
}
