/**
 * The three ways Evolution API webhooks spell a byte field such as `fileSha256` (docs/providers.md#evolution-checksums):
 * a base64 string, Node's `Buffer.toJSON()` (`{"type":"Buffer","data":[…]}`), or a `Uint8Array` through
 * `JSON.stringify` (`{"0":12,"1":250,…}`).
 */
export type ByteFieldForm = 'base64' | 'buffer' | 'indexed';

/**
 * Spells bytes in one of the {@link ByteFieldForm}s.
 *
 * @example byteField(Buffer.from([12, 250]), "indexed") // { "0": 12, "1": 250 }
 */
export function byteField(bytes: Uint8Array, form: ByteFieldForm): unknown {
	switch (form) {
		case 'base64':
			return Buffer.from(bytes).toString('base64');
		case 'buffer':
			return Buffer.from(bytes).toJSON();
		case 'indexed':
			return JSON.parse(JSON.stringify(new Uint8Array(bytes))) as Record<string, number>;
	}
}

/** How Evolution API spells a `fileLength`: a string, a number, or a protobuf Long object. */
export type LengthForm = 'string' | 'number' | 'long';

/**
 * Spells a length in one of the {@link LengthForm}s; `long` is `{low, high, unsigned}` with 32-bit halves.
 *
 * @example lengthField(48_213, "long") // { low: 48213, high: 0, unsigned: true }
 */
export function lengthField(length: number, form: LengthForm): unknown {
	switch (form) {
		case 'string':
			return String(length);
		case 'number':
			return length;
		case 'long':
			return { low: (length % 2 ** 32) | 0, high: Math.floor(length / 2 ** 32) | 0, unsigned: true };
	}
}
