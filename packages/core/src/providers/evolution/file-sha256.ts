import { isRecord } from '../body-fields.js';

const digestLength = 32;

function bytesOf(values: readonly unknown[]): Buffer | undefined {
	if (values.length !== digestLength) return undefined;
	if (!values.every((value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255)) return undefined;
	return Buffer.from(values as number[]);
}

/**
 * `fileSha256` of an Evolution media message as hex, in any of its spellings (docs/providers.md#evolution-checksums):
 * base64 text, Node's `{type: 'Buffer', data: [...]}`, or an index-keyed object `{"0": 12, "1": 250, …}`.
 * Undefined for anything that is not 32 bytes.
 *
 * @example fileSha256({ type: 'Buffer', data: [12, 250, …] }) // '0cfa…'
 */
export function fileSha256(value: unknown): string | undefined {
	let bytes: Buffer | undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		if (/^[0-9a-f]{64}$/i.test(text)) bytes = Buffer.from(text, 'hex');
		else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) bytes = Buffer.from(text, 'base64');
	} else if (Array.isArray(value)) {
		bytes = bytesOf(value);
	} else if (isRecord(value)) {
		if (value.type === 'Buffer' && Array.isArray(value.data)) bytes = bytesOf(value.data);
		else {
			const values = Array.from({ length: Object.keys(value).length }, (_, index) => value[String(index)]);
			bytes = bytesOf(values);
		}
	}
	return bytes?.length === digestLength ? bytes.toString('hex') : undefined;
}
