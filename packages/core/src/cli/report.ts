import { errorCodes } from '../errors/error-codes.js';
import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import { inFaceWords, type SettingLabels } from '../inputs/in-face-words.js';
import type { CheckSuccess } from '../types/check.js';
import type { DownloadResult, ErrorResult, ResultBase } from '../types/result.js';
import { formatBytes } from '../utils/format-bytes.js';
import { type FlagSpec, flags, settingFlags } from './cli-flags.js';

const cliLabels: SettingLabels = Object.fromEntries(Object.entries(settingFlags).map(([name, flag]) => [name, `--${flag}`]));

import type { CliOutput } from './cli-output.js';

// A hint names the environment variable once too, as credentials often come from there: after the first mention
// of its flag, and not when the hint names the variable already (a hint shown twice, or written with it).
function withVariables(hint: string): string {
	let result = hint;
	for (const [name, spec] of Object.entries(flags as Record<string, FlagSpec>)) {
		if (spec.env !== undefined && !result.includes(spec.env)) {
			result = result.replace(new RegExp(`--${name}(?![-\\w])`), `--${name} (or ${spec.env})`);
		}
	}
	return result;
}

// The message a hint talks about is given by its ids in the CLI: --chat-id and --id-message (core's hints say
// chatId and idMessage, the library's words).
// Object shapes such as {chatId, idMessage} keep their field names.
function messageFlags(hint: string): string {
	return hint
		.split(/(\{[^}]*\})/)
		.map((part, index) =>
			index % 2 === 1 ? part : part.replace(/(?<![-\w.])chatId\b/g, '--chat-id').replace(/(?<![-\w.])idMessage\b/g, '--id-message'),
		)
		.join('');
}

/** An error as the CLI shows it: settings named by their flags, each flag's variable named once. */
export function cliError(error: WamediaErrorJson): WamediaErrorJson {
	const shown = inFaceWords(error, cliLabels);
	return { ...shown, hint: withVariables(messageFlags(shown.hint)) };
}

function describe(result: Pick<ResultBase, 'fileName' | 'mimeType'> & { size: number }): string {
	return `${result.fileName} (${result.mimeType}, ${formatBytes(result.size)})`;
}

/** The JSON line of a result (NDJSON: one per item). */
export function jsonLine(result: DownloadResult | CheckSuccess | ErrorResult): string {
	const printable = result.success
		? 'format' in result && result.format === 'binary'
			? { ...result, data: undefined }
			: result
		: { ...result, error: cliError(result.error) };
	return `${JSON.stringify(printable)}\n`;
}

/** The human lines of a success: `✔ name (type, size)`, then where it went. */
export function successText(result: DownloadResult, label: string | undefined): string {
	if (result.format === 'stream') return '';
	// Listed in the download record: nothing was requested.
	if (result.skipped && result.format === 'file')
		return `↷ ${label === undefined ? '' : `${label} `}${result.fileName}: already downloaded (in the record) → ${result.path}\n`;
	const size = { ...result, size: result.size };
	if (label === undefined) {
		return result.format === 'file'
			? `✔ ${describe(size)}\n  → ${result.path}\n  sha256 ${result.sha256}\n`
			: `✔ ${describe(size)}\n  sha256 ${result.sha256}\n`;
	}
	return `✔ ${label} ${describe(size)}${result.format === 'file' ? ` → ${result.path}` : ''}\n`;
}

/** After data went to stdout: its summary, for stderr. */
export function streamedText(result: Pick<ResultBase, 'fileName' | 'mimeType'> & { size: number; sha256: string }): string {
	return `✔ ${describe(result)}\n  sha256 ${result.sha256}\n`;
}

/** The human lines of a failure: message, code, HTTP status and hint. */
export function failureText(error: WamediaErrorJson, label: string | undefined): string {
	const shown = cliError(error);
	const status = shown.status === null ? '' : `, HTTP ${shown.status}`;
	const ids = [error.details.chatId, error.details.idMessage].filter((id) => typeof id === 'string').join(' ');
	const prefix = label === undefined ? '' : `${label} ${ids === '' ? '' : `${ids}: `}`;
	return `✖ ${prefix}${shown.message} (${shown.code}${status})\n  hint: ${shown.hint}\n`;
}

/** Prints a usage error (exit status 2): one JSON error result with --json, else message and hint on stderr. */
export function reportUsageError(
	error: string | WamediaErrorJson,
	json: boolean,
	output: CliOutput,
	hint = 'Run wamedia help download for the options.',
): void {
	const payload: WamediaErrorJson =
		typeof error === 'string'
			? {
					code: 'INVALID_INPUT',
					message: error,
					hint,
					status: null,
					retryable: errorCodes.INVALID_INPUT.retryable,
					provider: null,
					details: {},
				}
			: error;
	if (json) output.out(jsonLine({ success: false, error: payload }));
	else output.err(failureText(payload, undefined));
}
