import type { Readable } from 'node:stream';
import { createClient, type WamediaClient } from '../client.js';
import { toWamediaError } from '../errors/to-wamedia-error.js';
import { isWamediaError, WamediaError } from '../errors/wamedia-error.js';
import { readReferences } from '../inputs/read-references.js';
import { readText, readTextFile } from '../inputs/read-text.js';
import type { DownloadEvent } from '../types/events.js';
import type { ClientOptions } from '../types/options.js';
import type { MediaReference } from '../types/reference.js';
import type { DownloadResult, ErrorResult, OutputFormat, StreamSummary } from '../types/result.js';
import type { CliOutput } from './cli-output.js';
import type { DownloadCommand } from './parse-cli-arguments.js';
import type { ProgressBar } from './progress-bar.js';
import { cliError, failureText, jsonLine, reportUsageError, streamedText, successText } from './report.js';
import { type CliIo, closedStdoutStatus } from './run-cli.js';
import { describeEvent, describeSettings } from './verbose.js';

type Result = DownloadResult | ErrorResult;

/** Runs `wamedia download`; resolves to the exit status. */
export async function download(command: DownloadCommand, io: CliIo, output: CliOutput): Promise<number> {
	// Every usage error is INVALID_INPUT with a hint (docs/errors.md): what a face refuses before any request.
	const usageError = (error: unknown) => {
		const json = isWamediaError(error) ? error.toJSON() : invalidInput(error).toJSON();
		reportUsageError(cliError(json), command.json, output);
		return output.closed ? closedStdoutStatus : 2;
	};
	if (command.format === 'binary' && io.stdout.isTTY) {
		return usageError(
			new WamediaError('INVALID_INPUT', {
				message: 'Binary output can mess up your terminal: --format binary is not written to one',
				hint: 'Save the file with -o DIR (the default --format file), redirect stdout (> file), or pipe it (| cat) to see the bytes anyway.',
				details: { field: 'format' },
			}),
		);
	}
	let references: MediaReference[];
	try {
		references = 'references' in command.source ? command.source.references : await readSource(command.source.file, io.stdin);
	} catch (error) {
		return usageError(error);
	}
	if (references.length === 0) {
		if (!command.quiet && !command.json) output.err('Nothing to download: the input holds no references.\n');
		return 0;
	}
	if (command.format === 'binary' && references.length > 1) {
		return usageError(
			new WamediaError('INVALID_INPUT', {
				message: `--format binary writes one file to stdout, and there are ${references.length} items`,
				hint: 'Use --format file (with -o DIR) or --format base64 for several items.',
				details: { field: 'format', items: references.length },
			}),
		);
	}

	const single = references.length === 1;
	const streamed = single && !command.json && command.format !== 'file';
	const signal = io.signal === undefined ? output.signal : AbortSignal.any([io.signal, output.signal]);
	const bar =
		single && !command.json && !command.quiet && command.format !== 'binary' && io.stderr.isTTY
			? new (await import('./progress-bar.js')).ProgressBar(io.stderr)
			: undefined;
	const options: ClientOptions = {
		...command.client,
		signal,
		...(bar === undefined ? {} : { onProgress: bar.update }),
		// Data for stdout is streamed through, never held whole in memory (unlike the --json result).
		...(streamed ? { format: 'stream' as const } : {}),
		...(command.verbose ? { onEvent: (event: DownloadEvent) => output.err(describeEvent(event)) } : {}),
	};
	let client: WamediaClient<OutputFormat>;
	try {
		client = createClient(options);
	} catch (error) {
		return usageError(error);
	}
	if (command.verbose) output.err(describeSettings(command, references.length));
	if (streamed) return streamOne(client, references[0] as MediaReference, command, output, bar);

	const results: Result[] = [];
	const print = (result: Result, index: number) => {
		results[index] = result;
		const label = single ? undefined : `[${index + 1}/${references.length}]`;
		if (command.json) output.out(jsonLine(result));
		else if (!result.success) output.err(failureText(result.error, label));
		else if (!command.quiet) {
			// With base64 the data is stdout's content, so the human line goes to stderr.
			if (result.format === 'base64') output.err(successText(result, label));
			else output.out(successText(result, label));
		}
		if (!command.json && command.format === 'base64')
			output.outData(`${result.success && result.format === 'base64' ? result.data : ''}\n`);
		if (command.verbose && !result.success) output.err(`* details ${JSON.stringify(result.error.details)}\n`);
	};
	if (single) {
		const result = await client.download(references[0] as MediaReference).catch((error: unknown) => failed(error));
		bar?.stop();
		print(result, 0);
	} else {
		// Results are printed in input order: one that finishes early waits for those before it.
		const early = new Map<number, Result>();
		let next = 0;
		await client.downloadMany(references, {
			onResult: (index, result) => {
				early.set(index, result);
				for (let ready = early.get(next); ready !== undefined; ready = early.get(next)) {
					early.delete(next);
					print(ready, next++);
				}
			},
		});
		if (!command.json && !command.quiet) output.err(summary(results));
	}
	return exitStatus(results, output);
}

async function readSource(file: string, stdin: Readable): Promise<MediaReference[]> {
	const text = file === '-' ? await readText(stdin, { name: 'Standard input' }) : await readTextFile(file);
	return readReferences(text);
}

function failed(error: unknown): ErrorResult {
	return { success: false, error: toWamediaError(error).toJSON() };
}

function summary(results: readonly Result[]): string {
	const failures = results.filter((result) => !result.success).length;
	const skipped = results.filter((result) => result.success && result.skipped === true).length;
	const downloaded = results.length - failures - skipped;
	return `${downloaded} of ${results.length} downloaded${skipped === 0 ? '' : `, ${skipped} skipped (in the record)`}${failures === 0 ? '' : `, ${failures} failed`}\n`;
}

function exitStatus(results: readonly Result[], output: CliOutput): number {
	if (output.closed) return closedStdoutStatus;
	const failures = results.filter((result): result is ErrorResult => !result.success);
	if (failures.length === 0) return 0;
	// Nothing could even start because the input was wrong: a usage error.
	return failures.length === results.length && failures.every((failure) => failure.error.code === 'INVALID_INPUT') ? 2 : 1;
}

/** One item to stdout, raw or as base64, streamed with backpressure; its summary goes to stderr. */
async function streamOne(
	client: WamediaClient<OutputFormat>,
	reference: MediaReference,
	command: DownloadCommand,
	output: CliOutput,
	bar: ProgressBar | undefined,
): Promise<number> {
	try {
		const result = await client.download(reference);
		if (result.format !== 'stream') throw new Error(`expected a stream, got format ${result.format}`);
		const { size, sha256 } = await copyToStdout(result.stream, result.done, command.format === 'base64', output);
		bar?.stop();
		if (!command.quiet) output.err(streamedText({ ...result, size, sha256 }));
		return 0;
	} catch (error) {
		bar?.stop();
		if (output.closed) return closedStdoutStatus;
		const result = failed(error);
		output.err(failureText(result.error, undefined));
		return exitStatus([result], output);
	}
}

async function copyToStdout(stream: Readable, done: Promise<StreamSummary>, base64: boolean, output: CliOutput): Promise<StreamSummary> {
	let carry: Buffer = Buffer.alloc(0);
	// Leaving the loop early (stdout closed) destroys the stream, which cancels the download.
	for await (const chunk of stream) {
		if (!base64) {
			await output.data(chunk as Buffer);
			continue;
		}
		// Encoded in 3-byte groups as it goes, so that the pieces join into one base64 text.
		const bytes = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
		const whole = bytes.length - (bytes.length % 3);
		carry = bytes.subarray(whole);
		await output.data(bytes.subarray(0, whole).toString('base64'));
	}
	if (base64) await output.data(`${carry.toString('base64')}\n`);
	return done;
}

/** Anything else a usage step threw (a file that cannot be read, …), as the usage error it is. */
function invalidInput(error: unknown): WamediaError {
	const code = (error as { code?: unknown }).code;
	return new WamediaError('INVALID_INPUT', {
		message: error instanceof Error ? error.message : String(error),
		hint: 'Check the command line: run wamedia help download for the options.',
		...(typeof code === 'string' ? { details: { systemCode: code } } : {}),
		cause: error,
	});
}
