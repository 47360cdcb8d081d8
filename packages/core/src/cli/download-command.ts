import type { Readable } from 'node:stream';
import { createClient } from '../client.js';
import { toWamediaError } from '../errors/to-wamedia-error.js';
import { createRedactor } from '../utils/redact.js';
import type { CliCommand } from './parse-cli-arguments.js';
import { ProgressBar } from './progress-bar.js';
import { reportFailure, reportSuccess, reportUsageError } from './report.js';
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
	const bar = command.json || !io.stderr.isTTY || command.format === 'binary' ? undefined : new ProgressBar(io.stderr);
	try {
		const client = createClient({
			...command.client,
			...(bar === undefined ? {} : { onProgress: bar.update }),
			...(io.signal === undefined ? {} : { signal: io.signal }),
		});
		const result = await client.download(reference as object);
		bar?.stop();
		if (result.format === 'binary') io.stdout.write(result.data);
		reportSuccess(result, command.json, io, allSecrets);
		return 0;
	} catch (error) {
		bar?.stop();
		const failure = toWamediaError(error, createRedactor(allSecrets));
		reportFailure(failure.toJSON(), command.json, io, allSecrets);
		return failure.code === 'INVALID_INPUT' ? 2 : 1;
	}
}
