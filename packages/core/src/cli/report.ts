import { errorCodes } from '../errors/error-codes.js';
import type { WamediaErrorJson } from '../errors/wamedia-error.js';
import type { DownloadResult, ErrorResult, ResultBase, StreamSummary } from '../types/result.js';
import { formatBytes } from '../utils/format-bytes.js';
import { createRedactor } from '../utils/redact.js';
import type { CliIo } from './run-cli.js';

/** Writes text with every secret removed. */
export function writeSafe(stream: CliIo['stdout'], text: string, secrets: ReadonlyArray<string | undefined>): void {
	stream.write(createRedactor(secrets)(text));
}

/** Prints a successful download: one JSON object, or a short summary. */
export function reportSuccess(result: DownloadResult, json: boolean, io: CliIo, secrets: ReadonlyArray<string | undefined>): void {
	if (result.format === 'stream') return;
	if (json) {
		const printable = result.format === 'binary' ? { ...result, data: undefined } : result;
		writeSafe(io.stdout, `${JSON.stringify(printable)}\n`, secrets);
		return;
	}
	if (result.format !== 'file') return;
	writeSafe(io.stdout, `${summary(result)}\n  → ${result.path}\n  sha256 ${result.sha256}\n`, secrets);
}

/** After data went to stdout: the summary goes to stderr, so that stdout holds the data alone. */
export function reportStreamed(
	result: Pick<ResultBase, 'fileName' | 'mimeType'> & StreamSummary,
	io: CliIo,
	secrets: ReadonlyArray<string | undefined>,
): void {
	writeSafe(io.stderr, `${summary(result)}\n  sha256 ${result.sha256}\n`, secrets);
}

function summary(result: Pick<ResultBase, 'fileName' | 'mimeType'> & { size: number }): string {
	return `✔ ${result.fileName} (${result.mimeType}, ${formatBytes(result.size)})`;
}

/** Prints a failure: the error result as JSON, or message, code and hint on stderr. */
export function reportFailure(error: WamediaErrorJson, json: boolean, io: CliIo, secrets: ReadonlyArray<string | undefined>): void {
	if (json) {
		const result: ErrorResult = { success: false, error };
		writeSafe(io.stdout, `${JSON.stringify(result)}\n`, secrets);
		return;
	}
	const status = error.status === null ? '' : `, HTTP ${error.status}`;
	writeSafe(io.stderr, `✖ ${error.message} (${error.code}${status})\n  hint: ${error.hint}\n`, secrets);
}

/** Prints a usage error (exit status 2). */
export function reportUsageError(message: string, json: boolean, io: CliIo, secrets: ReadonlyArray<string | undefined>): void {
	const error: WamediaErrorJson = {
		code: 'INVALID_INPUT',
		message,
		hint: 'Run wamedia --help for the options.',
		status: null,
		retryable: errorCodes.INVALID_INPUT.retryable,
		provider: null,
		details: {},
	};
	reportFailure(error, json, io, secrets);
}
