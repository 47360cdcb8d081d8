/** How many leading bytes sniffing needs. */
export const sniffLength = 4100;

// Types that say nothing about the content: sniff the bytes instead.
const genericTypes = new Set([
	'',
	'application/octet-stream',
	'binary/octet-stream',
	'application/binary',
	'application/unknown',
	'application/x-unknown',
	'application/force-download',
	'application/x-download',
	'application/download',
]);

// The media WhatsApp carries, and the extension each is saved with; the first listed is preferred.
const extensionsByType: Record<string, readonly string[]> = {
	'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
	'image/png': ['png'],
	'image/webp': ['webp'],
	'image/gif': ['gif'],
	'image/heic': ['heic'],
	'image/heif': ['heif'],
	'image/avif': ['avif'],
	'image/bmp': ['bmp'],
	'image/tiff': ['tif', 'tiff'],
	'image/svg+xml': ['svg'],
	'audio/ogg': ['ogg', 'oga', 'opus'],
	'audio/opus': ['opus', 'ogg'],
	'audio/mpeg': ['mp3'],
	'audio/mp4': ['m4a', 'mp4'],
	'audio/aac': ['aac'],
	'audio/amr': ['amr'],
	'audio/wav': ['wav'],
	'audio/x-wav': ['wav'],
	'audio/webm': ['weba', 'webm'],
	'video/mp4': ['mp4', 'm4v'],
	'video/3gpp': ['3gp'],
	'video/quicktime': ['mov'],
	'video/webm': ['webm'],
	'video/x-matroska': ['mkv'],
	'application/pdf': ['pdf'],
	'application/zip': ['zip'],
	'application/x-rar-compressed': ['rar'],
	'application/vnd.rar': ['rar'],
	'application/x-7z-compressed': ['7z'],
	'application/msword': ['doc'],
	'application/vnd.ms-excel': ['xls'],
	'application/vnd.ms-powerpoint': ['ppt'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
	'application/vnd.oasis.opendocument.text': ['odt'],
	'application/vnd.android.package-archive': ['apk'],
	'application/json': ['json'],
	'application/rtf': ['rtf'],
	'text/plain': ['txt'],
	'text/csv': ['csv'],
	'text/html': ['html', 'htm'],
	'text/vcard': ['vcf'],
	'text/x-vcard': ['vcf'],
};

/** `image/jpeg; charset=x` → `image/jpeg`; empty for a missing or malformed header. */
export function baseMimeType(contentType: string | null | undefined): string {
	const base = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return /^[\w.+-]+\/[\w.+-]+$/.test(base) ? base : '';
}

/** Whether a MIME type carries no information about the content. */
export function isGenericMimeType(mimeType: string): boolean {
	return genericTypes.has(mimeType);
}

// Loaded on first use: file-type is the largest module core depends on, and the CLI's --help does not need it.
// The promise is kept: an import() of a loaded module still walks the module loader, per file of a batch.
let fileType: Promise<typeof import('file-type')> | undefined;

/** The type and extension the leading bytes' signature shows, if file-type knows it. */
export async function sniffMimeType(head: Uint8Array): Promise<{ mimeType: string; extension: string } | undefined> {
	if (head.length === 0) return undefined;
	fileType ??= import('file-type');
	const detected = await (await fileType).fileTypeFromBuffer(head);
	return detected === undefined ? undefined : { mimeType: baseMimeType(detected.mime), extension: detected.ext };
}

/**
 * The MIME type of a body: Content-Type unless it is missing or generic, then the signature, then the
 * gateway's hint. When Content-Type and signature name different types of the same family (an image
 * served as `image/jpeg` that is a PNG), the signature wins for images, audio and video: the Multi-Session server types every image
 * by its `.jpg` name (docs/green-api.md#every-image-is-saved-as-jpg).
 */
export async function detectMimeType(
	contentType: string | null,
	head: Uint8Array,
	hint: string | undefined,
): Promise<{ mimeType: string; extension: string | undefined }> {
	const declared = baseMimeType(contentType);
	// The usual case — a declared type whose signature the first bytes carry — needs no full sniff.
	if (matchesSignature(declared, head)) return { mimeType: declared, extension: preferredExtension(declared) };
	const family = declared.split('/')[0] ?? '';
	const sniffed = isGenericMimeType(declared) || ['image', 'audio', 'video'].includes(family) ? await sniffMimeType(head) : undefined;
	if (sniffed !== undefined) {
		const sameMediaFamily = ['image', 'audio', 'video'].includes(family) && family === sniffed.mimeType.split('/')[0];
		const mislabelled = sameMediaFamily && declared !== sniffed.mimeType && !allowsExtension(declared, sniffed.extension);
		if (isGenericMimeType(declared) || mislabelled) {
			return { mimeType: sniffed.mimeType, extension: preferredExtension(sniffed.mimeType) ?? sniffed.extension };
		}
	}
	if (!isGenericMimeType(declared)) return { mimeType: declared, extension: preferredExtension(declared) };
	const hinted = baseMimeType(hint);
	if (!isGenericMimeType(hinted)) return { mimeType: hinted, extension: preferredExtension(hinted) };
	return { mimeType: 'application/octet-stream', extension: undefined };
}

// Leading bytes of the types WhatsApp media mostly come in (offset, bytes).
const signatures: Record<string, ReadonlyArray<readonly [number, string]>> = {
	'image/jpeg': [[0, 'ffd8ff']],
	'image/png': [[0, '89504e470d0a1a0a']],
	'image/webp': [
		[0, '52494646'],
		[8, '57454250'],
	],
	'audio/ogg': [[0, '4f676753']],
	'video/mp4': [[4, '66747970']],
	'application/pdf': [[0, '25504446']],
};

function matchesSignature(mimeType: string, head: Uint8Array): boolean {
	const parts = signatures[mimeType];
	if (parts === undefined) return false;
	const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
	return parts.every(([offset, hex]) => bytes.subarray(offset, offset + hex.length / 2).toString('hex') === hex);
}

/** The extension a type is saved with, if known. */
export function preferredExtension(mimeType: string): string | undefined {
	return extensionsByType[mimeType]?.[0];
}

const knownExtensions = new Set(Object.values(extensionsByType).flat());

/** Whether `extension` (without the dot, any case) is one core saves some type with. */
export function isKnownExtension(extension: string): boolean {
	return knownExtensions.has(extension.toLowerCase());
}

/** Whether `extension` (without the dot) is right for `mimeType`. Unknown types accept any extension. */
export function allowsExtension(mimeType: string, extension: string): boolean {
	const known = extensionsByType[mimeType];
	return known === undefined || known.includes(extension.toLowerCase());
}
