import { WamediaError } from '../errors/wamedia-error.js';

/** The most input text (UTF-8 bytes) that core reads as references: a webhook batch, a file, stdin. */
export const maxInputBytes = 16 * 1024 * 1024;

/** The deepest nesting of objects and arrays accepted in references and notification wrappers. */
export const maxInputDepth = 64;

/** INVALID_INPUT for input over {@link maxInputBytes}. */
export function inputTooLarge(what = 'The input'): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `${what} is larger than ${maxInputBytes / 1024 / 1024} MiB`,
		hint: 'Split the input into smaller batches (for example one webhook body per line, in several calls).',
		details: { limit: maxInputBytes },
	});
}

/** INVALID_INPUT for nesting deeper than {@link maxInputDepth}. */
export function inputTooDeep(what = 'The input'): WamediaError {
	return new WamediaError('INVALID_INPUT', {
		message: `${what} is nested deeper than ${maxInputDepth} levels`,
		hint: 'Pass webhook, notification or journal bodies as the gateway sent them; they are only a few levels deep.',
		details: { limit: maxInputDepth },
	});
}
