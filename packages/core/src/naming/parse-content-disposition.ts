/**
 * The file name a Content-Disposition header gives: `filename*` (RFC 5987/8187 `charset'lang'pct-encoded`)
 * first, then `filename`. Lenient with what servers really send (unquoted names with spaces, raw UTF-8,
 * stray semicolons). Returns undefined when there is no usable name.
 *
 * @example
 * parseContentDisposition(`attachment; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82.pdf`) // 'Счёт.pdf'
 */
export function parseContentDisposition(header: string | null | undefined): string | undefined {
	if (!header) return undefined;
	const parameters = new Map<string, string>();
	const pattern = /;\s*([\w*!#$%&'+.^`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
	for (const match of header.matchAll(pattern)) {
		const key = match[1]?.toLowerCase();
		const raw = match[2]?.trim() ?? '';
		if (key === undefined || parameters.has(key)) continue;
		parameters.set(key, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
	}
	const extended = parameters.get('filename*');
	if (extended !== undefined) {
		const decoded = decodeExtendedValue(extended);
		if (decoded) return decoded;
	}
	const plain = parameters.get('filename');
	return plain ? decodeLatin1AsUtf8(plain) : undefined;
}

function decodeExtendedValue(value: string): string | undefined {
	const match = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(value);
	if (match === null) return undefined;
	const charset = (match[1] ?? '').toLowerCase();
	const encoded = match[2] ?? '';
	try {
		if (charset === 'iso-8859-1' || charset === 'latin1') {
			return encoded.replace(/%([\da-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
		}
		return decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}

// Node's fetch exposes header bytes as latin1 characters; servers that put raw UTF-8 in `filename="…"`
// come out as mojibake unless the bytes are read again as UTF-8.
function decodeLatin1AsUtf8(value: string): string {
	if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
	const bytes = Buffer.from(value, 'latin1');
	const text = bytes.toString('utf8');
	return text.includes('\uFFFD') ? value : text;
}
