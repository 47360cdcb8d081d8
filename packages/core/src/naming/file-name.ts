import { allowsExtension, isKnownExtension } from './mime-type.js';

const maxNameBytes = 200;
// Windows device names, which Windows also sees through an extension chain (`nul.tar.gz`) and spaces
// before it (`con .txt`); COM and LPT take superscript digits too:
// https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file#naming-conventions
const reservedName = /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]) *(?:\.|$)/i;
// Control characters (C0, DEL, C1), zero-width characters and every bidirectional control: the
// Arabic letter mark, LRM/RLM, the embeddings and overrides, and the isolates.
const invisibleCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name safe to create in any directory on Linux, macOS and Windows: no directories, no `..`,
 * no control, bidirectional-control or reserved characters, no Windows device name (`nul.tar.gz`
 * becomes `_nul.tar.gz`), at most 200 UTF-8 bytes (the extension kept). Returns '' when nothing
 * usable is left. Linear in the length of the name.
 *
 * @example
 * sanitizeFileName('../../etc/passwd') // 'passwd'
 */
export function sanitizeFileName(name: string): string {
	const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
	let clean = trimDotsAndSpaces(
		base
			.replace(invisibleCharacters, '')
			.replace(/[<>:"|?*]/g, '_')
			.replace(/\s+/g, ' '),
	);
	if (clean === '') return '';
	if (reservedName.test(clean)) clean = `_${clean}`;
	return truncateName(clean, splitExtension(clean)[1]);
}

/**
 * The name without leading and trailing dots and spaces. A loop, not `/[\s.]+$/`: that expression
 * rescans a long run of dots and spaces from each of its positions (quadratic time).
 */
function trimDotsAndSpaces(name: string): string {
	let start = 0;
	let end = name.length;
	while (start < end && isDotOrSpace(name.charCodeAt(start))) start++;
	while (end > start && isDotOrSpace(name.charCodeAt(end - 1))) end--;
	return name.slice(start, end);
}

/** A dot or a space (other white space is a space by then). */
function isDotOrSpace(code: number): boolean {
	return code === 0x2e || code === 0x20;
}

/** The name cut to at most 200 UTF-8 bytes with the extension kept, in one pass. */
function truncateName(name: string, extension: string): string {
	if (Buffer.byteLength(name) <= maxNameBytes) return name;
	const suffix = extension === '' ? '' : `.${extension}`;
	const stem = name.slice(0, name.length - suffix.length);
	const kept = trimDotsAndSpaces(stem.slice(0, utf8Prefix(stem, maxNameBytes - Buffer.byteLength(suffix))));
	return (kept || 'file') + suffix;
}

/**
 * How many UTF-16 code units from the start of `text` fit in `budget` bytes of UTF-8 without
 * splitting a character: a surrogate pair is 4 bytes and stays whole; a lone surrogate is written as
 * U+FFFD, 3 bytes.
 */
function utf8Prefix(text: string, budget: number): number {
	let bytes = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		const next = text.charCodeAt(index + 1);
		const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
		const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
		if (bytes + size > budget) break;
		bytes += size;
		index += pair ? 2 : 1;
	}
	return index;
}

/** `photo.final.jpg` → `['photo.final', 'jpg']`; a name without a dot has extension ''. */
export function splitExtension(name: string): [stem: string, extension: string] {
	const dot = name.lastIndexOf('.');
	if (dot <= 0 || dot === name.length - 1) return [name, ''];
	const extension = name.slice(dot + 1);
	// An "extension" with spaces or of 10+ chars is part of the name ("Dr. Who notes").
	if (!/^[\w-]{1,9}$/.test(extension)) return [name, ''];
	return [name.slice(0, dot), extension];
}

/**
 * Makes a name's extension match its MIME type. An image, audio or video file gets the one extension core
 * saves its type with, whichever gateway served it (`photo.jpeg` → `photo.jpg`, `voice.oga` → `voice.ogg`;
 * docs/transfer.md#one-extension-per-type): a known or generic extension is replaced, anything else after
 * a dot is kept and the extension appended. A document the gateway named (`keepName`), and any other type,
 * keeps a right extension, has a generic or wrong one replaced and a missing one added. Unknown types keep
 * the name as it is.
 */
export function withExtension(name: string, mimeType: string, extension: string | undefined, keepName = false): string {
	if (extension === undefined) return name;
	const [stem, current] = splitExtension(name);
	const generic = ['bin', 'dat', 'tmp', 'file', 'octet-stream', 'enc'].includes(current.toLowerCase());
	if (!keepName && /^(?:image|audio|video)\//.test(mimeType)) {
		if (current === extension) return name;
		const base = current !== '' && (generic || isKnownExtension(current)) ? stem : name;
		return truncateName(`${base}.${extension}`, extension);
	}
	if (current !== '' && allowsExtension(mimeType, current)) return name;
	const base = current === '' || generic || isMediaType(mimeType) ? stem : name;
	return truncateName(`${base}.${extension}`, extension);
}

function isMediaType(mimeType: string): boolean {
	return /^(?:image|audio|video)\//.test(mimeType) || mimeType === 'application/pdf';
}

/** The last path segment of a URL, decoded, or '' for a bare host. */
export function fileNameFromUrl(url: URL): string {
	// A data: URL names a type, not a file.
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
	const segment = url.pathname.split('/').filter(Boolean).pop() ?? '';
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The first candidate that survives sanitizing, in the order of the caller's list (Content-Disposition,
 * the webhook's fileName, the URL path, then names the caller makes up), or 'media'. A candidate that
 * holds a secret, before or after sanitizing, is skipped: a name taken from a URL or a header must not
 * carry a token or key onto disk.
 *
 * @param containsSecret - true for a text that holds a secret, such as a `createSecretCheck` result.
 * @example
 * chooseFileName([dispositionName, fileNameFromUrl(url), `${idMessage}`], createSecretCheck([apiKey]))
 */
export function chooseFileName(
	candidates: ReadonlyArray<string | undefined>,
	containsSecret: (text: string) => boolean = () => false,
): string {
	for (const candidate of candidates) {
		if (candidate === undefined || containsSecret(candidate)) continue;
		const clean = sanitizeFileName(candidate);
		if (clean !== '' && !containsSecret(clean)) return clean;
	}
	return 'media';
}

/** `photo.jpg`, 2 → `photo (2).jpg`. */
export function numberedFileName(name: string, number: number): string {
	const [stem, extension] = splitExtension(name);
	return extension === '' ? `${stem} (${number})` : `${stem} (${number}).${extension}`;
}
