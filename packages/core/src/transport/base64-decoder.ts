// Either alphabet (RFC 4648 §4 and §5), and padding; anything else is not base64.
const notBase64 = /[^A-Za-z0-9+/_=-]/;
const onlyPadding = /^=*$/;

/**
 * Decodes base64 text that arrives in pieces: each piece is checked, and its whole 4-character groups
 * are decoded at once, so the text is never held whole. Padding may only end the text. Anything else
 * throws the error `malformed` makes.
 *
 * @example
 * const decoder = new Base64Decoder((why) => new Error(why));
 * Buffer.concat([decoder.push('SGVsbG8') ?? Buffer.alloc(0), decoder.push('=') ?? Buffer.alloc(0), decoder.end() ?? Buffer.alloc(0)]) // 'Hello'
 */
export class Base64Decoder {
	#carry = '';
	#padding = 0;
	readonly #malformed: (why: string) => Error;

	constructor(malformed: (why: string) => Error) {
		this.#malformed = malformed;
	}

	/** Takes the next piece of text; returns the bytes of the whole groups so far, if any. */
	push(text: string): Buffer | undefined {
		if (text === '') return undefined;
		if (this.#padding > 0) {
			if (!onlyPadding.test(text)) throw this.#malformed('data after the padding');
			this.#padding += text.length;
		} else {
			if (notBase64.test(text)) throw this.#malformed('a character that is not base64');
			const equals = text.indexOf('=');
			if (equals !== -1) {
				if (!onlyPadding.test(text.slice(equals))) throw this.#malformed('data after the padding');
				this.#padding = text.length - equals;
			}
		}
		if (this.#padding > 2) throw this.#malformed('too much padding');
		const all = this.#carry === '' ? text : this.#carry + text;
		const whole = all.length - (all.length % 4);
		this.#carry = all.slice(whole);
		return whole === 0 ? undefined : Buffer.from(whole === all.length ? all : all.slice(0, whole), 'base64');
	}

	/** Ends the text: returns the bytes of an unpadded last group, and throws when the text stopped mid-group. */
	end(): Buffer | undefined {
		const carry = this.#carry;
		this.#carry = '';
		if (carry === '') return undefined;
		if (carry.length === 1 || this.#padding > 0) throw this.#malformed('the text ends in the middle of a group');
		return Buffer.from(carry, 'base64');
	}
}

/** The number of bytes a base64 text (without whitespace) decodes to. */
export function decodedLength(text: string): number {
	let padding = 0;
	while (padding < 2 && text.charCodeAt(text.length - 1 - padding) === 0x3d) padding++;
	return Math.floor(((text.length - padding) * 3) / 4);
}
