import { createClient } from '../client.js';
import { isWamediaError } from '../errors/wamedia-error.js';
import type { CheckResult } from '../types/check.js';
import type { DownloadEvent } from '../types/events.js';
import type { CliOutput } from './cli-output.js';
import type { CheckCommand } from './parse-check-arguments.js';
import { cliError, failureText, jsonLine, reportUsageError } from './report.js';
import type { CliIo } from './run-cli.js';
import { describeEvent } from './verbose.js';

const gatewayNames = {
	'green-api': 'Green-API',
	'multi-session': 'Multi-Session',
	meta: 'Meta Graph API',
	waha: 'WAHA',
	evolution: 'Evolution API',
} as const;

function line(result: CheckResult, several: boolean): string {
	if (!result.success) {
		if (!several) return failureText(result.error, undefined);
		const name = result.error.provider === null || result.error.provider === 'direct' ? 'gateway' : gatewayNames[result.error.provider];
		return `${name}: ${failureText(result.error, undefined)}`;
	}
	const facts = [result.account, result.state === undefined ? undefined : `state ${result.state}`].filter((fact) => fact !== undefined);
	return `✔ ${gatewayNames[result.provider]} ${result.server}: ready${facts.length === 0 ? '' : ` (${facts.join(', ')})`}\n`;
}

/**
 * `wamedia check`: every configured gateway (or `--provider`'s) answers its cheapest authenticated call, as
 * `gh auth status` does. Exit 0 when all are ready, 1 with each failure's code and hint, 2 when nothing is
 * configured. `--json` prints one line per gateway: `{success: true, provider, server, state?, account?}` or
 * the error result.
 */
export async function check(command: CheckCommand, io: CliIo, output: CliOutput): Promise<number> {
	let results: CheckResult[];
	try {
		const client = createClient({
			...command.client,
			...(command.verbose ? { onEvent: (event: DownloadEvent) => output.err(describeEvent(event)) } : {}),
		});
		results = await client.check({
			...(command.provider === undefined ? {} : { provider: command.provider }),
			...(io.signal ? { signal: io.signal } : {}),
		});
	} catch (error) {
		if (!isWamediaError(error)) throw error;
		if (error.code === 'INVALID_INPUT') {
			reportUsageError(cliError(error.toJSON()), command.json, output, 'Run wamedia help check for the options.');
			return 2;
		}
		results = [{ success: false, error: error.toJSON() }];
	}
	for (const result of results) {
		if (command.json) output.out(jsonLine(result));
		else if (!result.success) output.err(line(result, results.length > 1));
		else if (!command.quiet) output.out(line(result, results.length > 1));
	}
	if (io.signal?.aborted) return 130;
	return results.every((result) => result.success) ? 0 : 1;
}
