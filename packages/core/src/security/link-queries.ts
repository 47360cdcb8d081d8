// Signed links (presigned storage, Meta's lookaside URLs) carry their signature in the query: whoever holds the
// whole link can fetch the file until it expires. Human output (the CLI without --json, the Action's outputs and
// logs) shows such links by origin and path only, as `--verbose` does; `--json` and the library's result keep
// them, since a program asked for the link (docs/transfer.md#secrets).
const linkPattern = /\bhttps?:\/\/[^\s"'<>`]+/gi;

/**
 * The text with every http(s) link's query (and fragment) replaced by `?…`.
 *
 * @example withoutLinkQueries('https://s.example/a.jpg?X-Amz-Signature=1') // 'https://s.example/a.jpg?…'
 */
export function withoutLinkQueries(text: string): string {
	return text.replace(linkPattern, (link) => {
		const cut = link.search(/[?#]/);
		return cut === -1 ? link : `${link.slice(0, cut)}?…`;
	});
}
