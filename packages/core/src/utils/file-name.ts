import { allowsExtension } from './mime-type.js';

const maxNameBytes = 200;
const reservedNames = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name safe to create in any directory on Linux, macOS and Windows: no directories, no `..`,
 * no control or reserved characters, no reserved device names, at most 200 UTF-8 bytes (the
 * extension kept). Returns '' when nothing usable is left.
 *
 * @example
 * sanitizeFileName('../../etc/passwd') // 'passwd'
 */
export function sanitizeFileName(name: string): string {
	const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
	let clean = base
		.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
		.replace(/[<>:"|?*]/g, '_')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+|[\s.]+$/g, '');
	if (clean === '' || /^\.*$/.test(clean)) return '';
	const [stem, extension] = splitExtension(clean);
	if (reservedNames.test(stem)) clean = `_${clean}`;
	return truncateName(clean, extension);
}

function truncateName(name: string, extension: string): string {
	if (Buffer.byteLength(name) <= maxNameBytes) return name;
	const suffix = extension === '' ? '' : `.${extension}`;
	let stem = name.slice(0, name.length - suffix.length);
	while (Buffer.byteLength(stem + suffix) > maxNameBytes) stem = [...stem].slice(0, -1).join('');
	return (stem.trimEnd() || 'file') + suffix;
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
 * Makes a name's extension match its MIME type: keeps a right one, replaces a wrong one
 * (`voice.bin` + audio/ogg → `voice.ogg`), adds a missing one. Unknown types keep the name as it is.
 */
export function withExtension(name: string, mimeType: string, extension: string | undefined): string {
	if (extension === undefined) return name;
	const [stem, current] = splitExtension(name);
	if (current !== '' && allowsExtension(mimeType, current)) return name;
	const genericCurrent = ['bin', 'dat', 'tmp', 'file', 'octet-stream', 'enc'].includes(current.toLowerCase());
	const base = current === '' || genericCurrent || isMediaType(mimeType) ? stem : name;
	return truncateName(`${base}.${extension}`, extension);
}

function isMediaType(mimeType: string): boolean {
	return /^(?:image|audio|video)\//.test(mimeType) || mimeType === 'application/pdf';
}

/** The last path segment of a URL, decoded, or '' for a bare host. */
export function fileNameFromUrl(url: URL): string {
	const segment = url.pathname.split('/').filter(Boolean).pop() ?? '';
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** The candidates for a name, in the order of DESIGN.md §2; the first that survives sanitizing wins. */
export function chooseFileName(candidates: ReadonlyArray<string | undefined>): string {
	for (const candidate of candidates) {
		const clean = candidate === undefined ? '' : sanitizeFileName(candidate);
		if (clean !== '') return clean;
	}
	return 'media';
}

/** `photo.jpg`, 2 → `photo (2).jpg`. */
export function numberedFileName(name: string, number: number): string {
	const [stem, extension] = splitExtension(name);
	return extension === '' ? `${stem} (${number})` : `${stem} (${number}).${extension}`;
}
