/**
 * A header value as servers written in Go or Python send it: UTF-8 bytes, unescaped. Node writes header strings
 * as Latin-1, so the UTF-8 bytes are spelled out one per character; clients then see them as Latin-1, like they
 * do from such real servers.
 *
 * @example rawUtf8HeaderValue('inline; filename="Счёт.pdf"')
 */
export function rawUtf8HeaderValue(value: string): string {
	return Buffer.from(value, 'utf8').toString('latin1');
}
