import { WamediaError } from '../errors/wamedia-error.js';
import { normalizeBackfillOptions, normalizeSyncOptions } from '../providers/green-api/archive-settings.js';
import type { BackfillOptions, SyncOptions } from '../types/archive.js';
import { definedEntries } from '../utils/defined-entries.js';

/** Sync settings as a face holds them: text, where empty or missing means "not set". */
export interface SyncSettingsText {
	once?: string | undefined;
	maxItems?: string | undefined;
	receiveTimeout?: string | undefined;
	wait?: string | undefined;
}

/** Back-fill settings as a face holds them: text, where empty or missing means "not set". */
export interface BackfillSettingsText {
	minutes?: string | undefined;
	outgoing?: string | undefined;
	chatId?: string | undefined;
	count?: string | undefined;
	wait?: string | undefined;
	retryFailed?: string | undefined;
}

function read(settings: object, name: string): string | undefined {
	const text = (settings as Record<string, unknown>)[name];
	return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

function wholeNumber(settings: object, name: string): number | undefined {
	const text = read(settings, name);
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Invalid ${name}: expected a whole number, got ${JSON.stringify(text.slice(0, 40))}`,
			hint: `Set ${name} to a whole number.`,
			details: { field: name },
		});
	}
	return Number(text);
}

function flag(settings: object, name: string): boolean | undefined {
	const text = read(settings, name);
	if (text === undefined) return undefined;
	// The YAML 1.2 core booleans, as Actions inputs and config files write them.
	if (['true', 'True', 'TRUE'].includes(text)) return true;
	if (['false', 'False', 'FALSE'].includes(text)) return false;
	throw new WamediaError('INVALID_INPUT', {
		message: `Invalid ${name}: expected true or false`,
		hint: `Set ${name} to true or false.`,
		details: { field: name },
	});
}

/**
 * Turns text sync settings (`once`, `maxItems`, `receiveTimeout`) into `client.sync()` options, checked
 * as the library checks them; INVALID_INPUT naming the setting otherwise.
 *
 * @example readSyncSettings({ once: 'true', receiveTimeout: '20' }) // { once: true, receiveTimeout: 20 }
 */
export function readSyncSettings(settings: SyncSettingsText): SyncOptions {
	const options: SyncOptions = definedEntries({
		once: flag(settings, 'once'),
		maxItems: wholeNumber(settings, 'maxItems'),
		receiveTimeout: wholeNumber(settings, 'receiveTimeout'),
		wait: flag(settings, 'wait'),
	});
	normalizeSyncOptions(options, undefined);
	return options;
}

/**
 * Turns text back-fill settings (`minutes`, `outgoing`, `chatId`, `count`) into `client.backfill()`
 * options, checked as the library checks them; INVALID_INPUT naming the setting otherwise.
 *
 * @example readBackfillSettings({ minutes: '10080', outgoing: 'true' }) // { minutes: 10080, outgoing: true }
 */
export function readBackfillSettings(settings: BackfillSettingsText): BackfillOptions {
	const options: BackfillOptions = definedEntries({
		minutes: wholeNumber(settings, 'minutes'),
		outgoing: flag(settings, 'outgoing'),
		chatId: read(settings, 'chatId'),
		count: wholeNumber(settings, 'count'),
		wait: flag(settings, 'wait'),
		retryFailed: flag(settings, 'retryFailed'),
	});
	normalizeBackfillOptions(options, undefined);
	return options;
}
