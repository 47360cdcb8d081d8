import { WamediaError } from '../errors/wamedia-error.js';
import { sanitizeFileName } from './file-name.js';

/** The fields a name template may use (docs/transfer.md#name-templates). */
export const nameFields = ['name', 'idMessage', 'mediaId', 'chatId', 'provider', 'type', 'ext', 'date', 'timestamp'] as const;

/** One field of a name template. */
export type NameField = (typeof nameFields)[number];

/**
 * What a name is made of: the name wamedia chose (the gateway's or the link's, with its extension), the
 * message's ids, its gateway, its kind (image, audio, voice, video, document, sticker), the extension
 * without the dot, and when the message was sent (`date` as YYYY-MM-DD in UTC, `timestamp` in seconds).
 * A field the message does not have is undefined.
 */
export type NameFields = { name: string } & { [Field in Exclude<NameField, 'name'>]?: string | undefined };

/**
 * How a download is named: a template such as `{chatId}/{date}/{name}`, or a function of the fields that
 * returns the name. `/` makes folders inside the output directory.
 */
export type FileNameOption = string | ((fields: NameFields) => string);

// What a field the message lacks becomes: a chat folder keeps the archive's own word for it.
const missing: Partial<Record<NameField, string>> = { chatId: 'unknown-chat' };

function invalidName(message: string, hint: string): WamediaError {
	return new WamediaError('INVALID_INPUT', { message, hint, details: { field: 'fileName' } });
}

const leavingHint = 'Use / only for folders inside the output directory: no leading /, no .. and no drive letter.';

/** Refuses a path that leaves the directory it is made in: absolute, a drive, or a `..` or `.` segment. */
function checkSegments(path: string, what: string): void {
	if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path)) throw invalidName(`The ${what} leaves the output directory`, leavingHint);
	for (const segment of path.split(/[\\/]/)) {
		if (segment.trim() === '..' || segment.trim() === '.') throw invalidName(`The ${what} leaves the output directory`, leavingHint);
	}
}

/**
 * Checks a name template before any request: every `{field}` must be one of {@link nameFields}, braces must
 * pair, and the template must stay inside the output directory. Throws INVALID_INPUT naming `fileName`.
 *
 * @example checkNameTemplate('{chatId}/{date}/{name}')
 */
export function checkNameTemplate(template: string): void {
	if (template.trim() === '')
		throw invalidName('The fileName template is empty', 'Give a name template such as {name} or {chatId}/{name}.');
	const literal = template.replace(/\{([^{}]*)\}/g, (_match, field: string) => {
		if (!(nameFields as readonly string[]).includes(field)) {
			throw invalidName(
				`Unknown field {${field.slice(0, 40)}} in the fileName template`,
				`Use the fields ${nameFields.map((name) => `{${name}}`).join(' ')}.`,
			);
		}
		return 'x';
	});
	if (/[{}]/.test(literal))
		throw invalidName('The fileName template has a brace without its pair', 'Write each field as {field}, such as {idMessage}.');
	checkSegments(literal, 'fileName template');
}

/** A field's value made safe inside one name: no folders, no control characters, no secret. */
function fieldValue(value: string | undefined, field: NameField, containsSecret: (text: string) => boolean): string {
	const clean = value === undefined || containsSecret(value) ? '' : sanitizeFileName(value.replace(/[\\/]/g, '_'));
	return clean === '' || containsSecret(clean) ? (missing[field] ?? 'unknown') : clean;
}

/**
 * The path of a download inside its output directory, `/`-separated: the template with each field's value
 * sanitized like a file name (a value that holds a secret becomes `unknown`), or what the function returns.
 * Each folder and the name are sanitized again; empty folders are left out; an empty name becomes the
 * `name` field. A function's answer that leaves the directory is INVALID_INPUT.
 */
export function renderFileName(option: FileNameOption, fields: NameFields, containsSecret: (text: string) => boolean): string {
	let path: string;
	if (typeof option === 'function') {
		const answer: unknown = option({ ...fields });
		if (typeof answer !== 'string' || answer.trim() === '') {
			throw invalidName('The fileName function returned no name', 'Return a file name (a string) from the fileName function.');
		}
		checkSegments(answer, 'name the fileName function returned');
		path = answer;
	} else {
		path = option.replace(/\{(\w+)\}/g, (_match, field: NameField) => fieldValue(fields[field], field, containsSecret));
	}
	const segments = path.split(/[\\/]/);
	const name = sanitizeFileName(segments.pop() ?? '');
	const folders = segments.map((segment) => sanitizeFileName(segment)).filter((segment) => segment !== '' && !containsSecret(segment));
	const last = name === '' || containsSecret(name) ? fields.name : name;
	return [...folders, last].join('/');
}

/**
 * The folders of a template, known before the file's type and name are: when the part before its last `/`
 * uses none of `{name}`, `{type}`, `{ext}`, it is rendered from the message's fields (as
 * {@link renderFileName} will), so that the file can be written in the folder it will keep. '' otherwise.
 */
export function templateFolder(
	option: FileNameOption,
	fields: Omit<NameFields, 'name'>,
	containsSecret: (text: string) => boolean,
): string {
	if (typeof option !== 'string') return '';
	const cut = Math.max(option.lastIndexOf('/'), option.lastIndexOf('\\'));
	if (cut <= 0) return '';
	const folders = option.slice(0, cut);
	if (/\{(?:name|type|ext)\}/.test(folders)) return '';
	const rendered = renderFileName(`${folders}/x`, { ...fields, name: 'x' }, containsSecret);
	return rendered.slice(0, rendered.lastIndexOf('/') + 1).replace(/\/$/, '');
}

/** YYYY-MM-DD (UTC) of a time in seconds. */
export function dateOf(seconds: number | undefined): string | undefined {
	if (seconds === undefined) return undefined;
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}
