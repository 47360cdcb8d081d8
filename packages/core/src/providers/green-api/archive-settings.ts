import { resolve } from 'node:path';
import { WamediaError } from '../../errors/wamedia-error.js';
import { validateChatId } from '../../security/validate.js';
import type { ArchiveNotice, ArchiveOptions, BackfillOptions, JournalLine, SyncOptions } from '../../types/archive.js';

/** Options shared by sync and back-fill, checked. */
export interface ArchiveSettings {
	directory: string;
	signal: AbortSignal | undefined;
	wait: boolean;
	onItem: (line: JournalLine) => void;
	onNotice: (notice: ArchiveNotice) => void;
}

/** `client.sync()` options with their defaults. */
export interface SyncSettings extends ArchiveSettings {
	once: boolean;
	maxItems: number | undefined;
	receiveTimeout: number;
}

/** `client.backfill()` options with their defaults. */
export interface BackfillSettings extends ArchiveSettings {
	/** The journals to read; `getChatHistory` with `chatId` and `count`. */
	window: { chatId: string; count: number } | { minutes: number; outgoing: boolean };
	onProgress: (progress: { done: number; total: number }) => void;
	/** Try again the messages an earlier run wrote down with a permanent failure. */
	retryFailed: boolean;
}

// Green-API's bounds for receiveTimeout, in seconds (docs/green-api.md#queue-and-journal-methods).
export const receiveTimeoutRange = { default: 5, min: 5, max: 60 };
/** backfill reads the journals of the last day unless `minutes` says otherwise. */
export const defaultMinutes = 1440;
/** backfill of one chat reads its newest 100 messages unless `count` says otherwise. */
export const defaultCount = 100;

function badOption(name: string, expected: string): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `Invalid option ${name}: expected ${expected}`,
		hint: `Fix the ${name} option.`,
		details: { option: name },
	});
}

function wholeNumber(value: unknown, name: string, min: number, max: number): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
		throw badOption(name, `a whole number from ${min} to ${max}`);
	}
	return value;
}

function flag(value: unknown, name: string): boolean {
	if (value === undefined) return false;
	if (typeof value !== 'boolean') throw badOption(name, 'true or false');
	return value;
}

function callback<T>(value: T | undefined, name: string): T | (() => void) {
	if (value === undefined) return () => undefined;
	if (typeof value !== 'function') throw badOption(name, 'a function');
	return value;
}

function archiveSettings(options: ArchiveOptions, defaultDirectory: string | undefined): ArchiveSettings {
	const directory = options.directory ?? defaultDirectory ?? '.';
	if (typeof directory !== 'string' || directory === '') throw badOption('directory', 'a path');
	if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw badOption('signal', 'an AbortSignal');
	return {
		directory: resolve(directory),
		signal: options.signal,
		wait: flag(options.wait, 'wait'),
		onItem: callback(options.onItem, 'onItem'),
		onNotice: callback(options.onNotice, 'onNotice'),
	};
}

/** Checks `client.sync()` options and fills in the defaults; INVALID_INPUT naming a bad one. */
export function normalizeSyncOptions(options: SyncOptions, defaultDirectory: string | undefined): SyncSettings {
	return {
		...archiveSettings(options, defaultDirectory),
		once: flag(options.once, 'once'),
		maxItems: wholeNumber(options.maxItems, 'maxItems', 1, Number.MAX_SAFE_INTEGER),
		receiveTimeout:
			wholeNumber(options.receiveTimeout, 'receiveTimeout', receiveTimeoutRange.min, receiveTimeoutRange.max) ??
			receiveTimeoutRange.default,
	};
}

/** Checks `client.backfill()` options and fills in the defaults; INVALID_INPUT naming a bad one. */
export function normalizeBackfillOptions(options: BackfillOptions, defaultDirectory: string | undefined): BackfillSettings {
	const settings = archiveSettings(options, defaultDirectory);
	const onProgress = callback(options.onProgress, 'onProgress');
	const minutes = wholeNumber(options.minutes, 'minutes', 1, Number.MAX_SAFE_INTEGER);
	const count = wholeNumber(options.count, 'count', 1, Number.MAX_SAFE_INTEGER);
	const outgoing = flag(options.outgoing, 'outgoing');
	const retryFailed = flag(options.retryFailed, 'retryFailed');
	if (options.chatId === undefined) {
		if (count !== undefined) throw pairing('count', 'goes with chatId (getChatHistory)');
		return { ...settings, onProgress, retryFailed, window: { minutes: minutes ?? defaultMinutes, outgoing } };
	}
	// A chat's history holds both directions and has no time window.
	if (minutes !== undefined) throw pairing('minutes', 'goes with the journals, not with chatId');
	if (outgoing) throw pairing('outgoing', 'goes with the journals, not with chatId (its history holds both directions)');
	return { ...settings, onProgress, retryFailed, window: { chatId: validateChatId(options.chatId), count: count ?? defaultCount } };
}

function pairing(name: string, rule: string): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `The option ${name} ${rule}`,
		hint: 'Back-fill either the journals of the last minutes (minutes, outgoing) or one chat (chatId, count).',
		details: { option: name },
	});
}
