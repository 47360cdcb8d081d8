/**
 * How the Graph emulator describes one media in `GET /{version}/{media-id}`; every field is optional.
 *
 * @example sandbox.meta.setMedia("image", { sha256: "base64", sha256Mismatch: true })
 */
export interface MetaMediaSettings {
	/** Spelling of `sha256`: 64 hex digits (`hex`, the default) or 44 base64 characters (`base64`). */
	sha256?: 'hex' | 'base64';
	/** `sha256` is the digest of other bytes, so a client that verifies gets a mismatch. Default false. */
	sha256Mismatch?: boolean;
	/** Type of `file_size`: a JSON string (`string`, the default) or a number. */
	fileSize?: 'string' | 'number';
	/** `file_size` is one byte more than the body. Default false. */
	fileSizeMismatch?: boolean;
}

function fail(message: string): never {
	throw new TypeError(`invalid Meta media settings: ${message}`);
}

function choice<T extends string>(record: Record<string, unknown>, key: string, choices: readonly T[]): T | undefined {
	const value = record[key];
	if (value !== undefined && !choices.includes(value as T)) {
		fail(`${key} must be one of ${choices.map((item) => `"${item}"`).join(', ')}`);
	}
	return value as T | undefined;
}

function flag(record: Record<string, unknown>, key: string): boolean | undefined {
	const value = record[key];
	if (value !== undefined && typeof value !== 'boolean') {
		fail(`${key} must be a boolean`);
	}
	return value;
}

/**
 * Checks settings from code or JSON and returns a clean copy; throws a `TypeError` naming the bad field.
 *
 * @example parseMetaMediaSettings({ sha256: "base64" })
 */
export function parseMetaMediaSettings(value: unknown): MetaMediaSettings {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		fail('expected an object');
	}
	const record = value as Record<string, unknown>;
	const unknown = Object.keys(record).filter((key) => !['sha256', 'sha256Mismatch', 'fileSize', 'fileSizeMismatch'].includes(key));
	if (unknown.length > 0) {
		fail(`unknown field ${JSON.stringify(unknown[0])}`);
	}
	const fields = {
		sha256: choice(record, 'sha256', ['hex', 'base64'] as const),
		sha256Mismatch: flag(record, 'sha256Mismatch'),
		fileSize: choice(record, 'fileSize', ['string', 'number'] as const),
		fileSizeMismatch: flag(record, 'fileSizeMismatch'),
	};
	return Object.fromEntries(Object.entries(fields).filter(([, item]) => item !== undefined)) as MetaMediaSettings;
}
