import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createClient } from '../client.js';
import { toWamediaError } from '../errors/to-wamedia-error.js';
import type { StreamSummary } from '../types/result.js';
import { createRedactor } from '../utils/redact.js';
import type { CliCommand } from './parse-cli-arguments.js';
import { ProgressBar } from './progress-bar.js';
import { reportFailure, reportStreamed, reportSuccess, reportUsageError } from './report.js';
import type { CliIo } from './run-cli.js';

/** Runs `wamedia download`; resolves to the exit status. */
export async function download(
	command: Extract<CliCommand, { kind: 'download' }>,
	io: CliIo,
	secrets: ReadonlyArray<string | undefined>,
	readWebhook: (file: string, stdin: Readable) => Promise<string>,
): Promise<number> {
	const allSecrets = [...secrets, command.client.greenApi?.apiTokenInstance, command.client.multiSession?.apiKey];
	let reference: unknown;
	if ('reference' in command.source) {
		reference = command.source.reference;
	} else {
		try {
			reference = JSON.parse(await readWebhook(command.source.webhookFile, io.stdin));
		} catch (error) {
			const reason = (error as { code?: string }).code === 'ENOENT' ? 'file not found' : (error as Error).message;
			reportUsageError(`Cannot read the webhook ${command.source.webhookFile}: ${reason}`, command.json, io, allSecrets);
			return 2;
		}
		if (Array.isArray(reference)) {
			reportUsageError('The webhook file holds an array; pass one body per call', command.json, io, allSecrets);
			return 2;
		}
	}
	const toStdout = !command.json && command.format !== 'file';
	const bar = command.json || !io.stderr.isTTY || command.format === 'binary' ? undefined : new ProgressBar(io.stderr);
	try {
		const client = createClient({
			...command.client,
			...(bar === undefined ? {} : { onProgress: bar.update }),
			...(io.signal === undefined ? {} : { signal: io.signal }),
			// Data for stdout is streamed through, never held whole in memory (unlike the --json result).
			...(toStdout ? { format: 'stream' as const } : {}),
		});
		const result = await client.download(reference as object);
		if (result.format === 'stream') {
			const { size, sha256 } = await writeToStdout(result.stream, result.done, command.format === 'base64', io);
			bar?.stop();
			reportStreamed({ ...result, size, sha256 }, io, allSecrets);
			return 0;
		}
		bar?.stop();
		reportSuccess(result, command.json, io, allSecrets);
		return 0;
	} catch (error) {
		bar?.stop();
		const failure = toWamediaError(error, createRedactor(allSecrets));
		reportFailure(failure.toJSON(), command.json, io, allSecrets);
		return failure.code === 'INVALID_INPUT' ? 2 : 1;
	}
}

/** Copies a download to stdout, raw or as base64 (encoded in 3-byte groups as it goes), with backpressure. */
async function writeToStdout(stream: Readable, done: Promise<StreamSummary>, base64: boolean, io: CliIo): Promise<StreamSummary> {
	let carry: Buffer = Buffer.alloc(0);
	const write = async (data: Buffer | string) => {
		if (!io.stdout.write(data)) await once(io.stdout, 'drain');
	};
	for await (const chunk of stream) {
		if (!base64) {
			await write(chunk as Buffer);
			continue;
		}
		const bytes = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
		const whole = bytes.length - (bytes.length % 3);
		carry = bytes.subarray(whole);
		await write(bytes.subarray(0, whole).toString('base64'));
	}
	if (base64) await write(`${carry.toString('base64')}\n`);
	return done;
}
