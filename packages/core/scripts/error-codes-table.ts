// The table of the 17 error codes that every README and the troubleshooting guide show, rendered from
// src/errors/error-codes.ts so that no copy can fall behind: `node scripts/error-codes-table.ts` rewrites each
// block between `<!-- error-codes:start -->` and `<!-- error-codes:end -->` in the files below, and
// test/error-codes-docs.test.ts fails when one differs.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { errorCodes } from '../src/errors/error-codes.ts';

/** The repository root. */
export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Every file that lists the codes, relative to the repository root. */
export const documentsWithCodes = [
	'README.md',
	'packages/core/README.md',
	'packages/action/README.md',
	'packages/node-red/README.md',
	'packages/sandbox/README.md',
	'docs/guides/troubleshooting.md',
] as const;

export const startMarker = '<!-- error-codes:start (generated from packages/core/src/errors/error-codes.ts) -->';
export const endMarker = '<!-- error-codes:end -->';

/** The Markdown table: code, what it means, whether wamedia retries it, what to do; aligned as the formatter aligns it. */
export function errorCodesTable(): string {
	const rows = [
		['code', 'meaning', 'retried', 'what to do'],
		...Object.entries(errorCodes).map(([code, { message, hint, retryable }]) => [
			`\`${code}\``,
			message,
			retryable ? 'yes' : 'no',
			hint.replaceAll('|', '\\|'),
		]),
	];
	const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
	const [header = [], ...body] = rows;
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** The text with its generated block rendered afresh; throws when the file has no block. */
export function withTable(text: string, file: string): string {
	const start = text.indexOf(startMarker);
	const end = text.indexOf(endMarker, start);
	if (start === -1 || end === -1) throw new Error(`${file} has no ${startMarker} … ${endMarker} block`);
	return `${text.slice(0, start + startMarker.length)}\n${errorCodesTable()}\n${text.slice(end)}`;
}

if (import.meta.main) {
	for (const file of documentsWithCodes) {
		const path = `${repositoryRoot}${file}`;
		await writeFile(path, withTable(await readFile(path, 'utf8'), file));
	}
}
