import { Base64Decoder } from './base64-decoder.js';

/** What a {@link Base64JsonBody} reports, and the errors it throws. */
export interface Base64JsonHandlers {
	/** Takes each piece of the decoded file; a returned promise holds the body back until it settles. */
	consume(chunk: Buffer): Promise<void> | undefined;
	/** Told of each short top-level string field it was asked to keep (see `keep`). */
	field(name: string, value: string): void;
	/** Told once, when the `base64` text starts: how many bytes of the body came before it. */
	start(offset: number): void;
	/** The error for a body that is not such a JSON object, or whose text is not base64. */
	malformed(why: string): Error;
	/** The error for a body that ended before the object did. */
	truncated(): Error;
}

// Where in the top-level object the reader is.
// `open` is right after `{` (a key or `}`), `key` after a comma (a key only).
type Step = 'before' | 'open' | 'key' | 'colon' | 'value' | 'after' | 'string' | 'nested' | 'literal' | 'base64' | 'done';

const quote = 0x22;
const backslash = 0x5c;
const maxKept = 4096;
/** A nested value (an object or array beside the file) is checked whole with JSON.parse, up to this size. */
const maxNested = 1024 * 1024;
/** true, false, null or a JSON number. */
const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

function isSpace(byte: number): boolean {
	return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Reads a JSON object such as Evolution's `{"mimetype":"image/jpeg","fileName":"a.jpg","base64":"/9j/…"}`
 * as it streams in, and decodes the string of its `base64` field on the fly into `consume`, so that the
 * file is never held whole, neither as text nor as bytes. Short string fields named in `keep` are
 * reported; every other value is skipped. One decoded piece goes to `consume` per body chunk, so the
 * body's backpressure carries through.
 */
export class Base64JsonBody {
	readonly #handlers: Base64JsonHandlers;
	readonly #keep: ReadonlySet<string>;
	readonly #decoder: Base64Decoder;
	#step: Step = 'before';
	/** What a string being read is: a key, a value to keep, or a value to skip. */
	#stringRole: 'key' | 'keep' | 'skip' = 'skip';
	#escaped = false;
	#text: number[] = [];
	#key = '';
	#nesting = 0;
	#nestedString = false;
	/** The bytes of the nested value or literal being read, to be checked when it ends. */
	#pending: number[] = [];
	/** The top-level keys read so far: JSON.parse keeps the last of two equal keys, this reader the first. */
	readonly #keys = new Set<string>();
	#offset = 0;
	#found = false;

	constructor(handlers: Base64JsonHandlers, keep: readonly string[] = []) {
		this.#handlers = handlers;
		this.#keep = new Set(keep);
		this.#decoder = new Base64Decoder((why) => handlers.malformed(`its base64 text is broken (${why})`));
	}

	/** Takes the next chunk of the body. */
	write(chunk: Buffer): Promise<void> | undefined {
		const pieces: string[] = [];
		let closed = false;
		let index = 0;
		while (index < chunk.length) {
			if (this.#step === 'base64') {
				if (this.#escaped) {
					this.#escaped = false;
					const escaped = chunk[index++];
					// Some serializers write "/" as "\/"; line breaks of wrapped base64 are dropped.
					if (escaped === 0x2f) pieces.push('/');
					else if (escaped !== 0x6e && escaped !== 0x72) throw this.#handlers.malformed('its base64 text holds an escape');
					continue;
				}
				const end = chunk.indexOf(quote, index);
				const stop = end === -1 ? chunk.length : end;
				const slash = chunk.subarray(index, stop).indexOf(backslash);
				const until = slash === -1 ? stop : index + slash;
				if (until > index) pieces.push(chunk.toString('latin1', index, until));
				if (until === chunk.length) {
					index = until;
					break;
				}
				index = until + 1;
				if (slash !== -1) this.#escaped = true;
				else {
					this.#step = 'after';
					closed = true;
				}
				continue;
			}
			this.#byte(chunk[index] as number, this.#offset + index);
			index++;
		}
		this.#offset += chunk.length;
		const decoded = pieces.length === 0 ? undefined : this.#decoder.push(pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
		const last = closed ? this.#decoder.end() : undefined;
		const out = last === undefined ? decoded : decoded === undefined ? last : Buffer.concat([decoded, last]);
		return out === undefined || out.length === 0 ? undefined : this.#handlers.consume(out);
	}

	/** Ends the body: throws when it held no base64 text, or stopped before the object closed. */
	end(): void {
		if (this.#step === 'done') {
			if (!this.#found) throw this.#handlers.malformed('it has no base64 field');
			return;
		}
		throw this.#step === 'before' && this.#offset === 0 ? this.#handlers.malformed('it is empty') : this.#handlers.truncated();
	}

	#byte(byte: number, offset: number): void {
		switch (this.#step) {
			case 'before':
				if (byte === 0x7b) this.#step = 'open';
				else if (!isSpace(byte) && !(offset < 3 && byte >= 0x80)) throw this.#handlers.malformed('it is not a JSON object');
				return;
			case 'open':
			case 'key':
				if (byte === quote) this.#startString('key');
				else if (byte === 0x7d && this.#step === 'open') this.#step = 'done';
				else if (!isSpace(byte)) throw this.#handlers.malformed('it is not a JSON object');
				return;
			case 'colon':
				if (byte === 0x3a) this.#step = 'value';
				else if (!isSpace(byte)) throw this.#handlers.malformed('it is not a JSON object');
				return;
			case 'value':
				this.#value(byte, offset);
				return;
			case 'after':
				if (byte === 0x2c) this.#step = 'key';
				else if (byte === 0x7d) this.#step = 'done';
				else if (!isSpace(byte)) throw this.#handlers.malformed('it is not a JSON object');
				return;
			case 'string':
				this.#string(byte);
				return;
			case 'nested':
				this.#nested(byte);
				return;
			case 'literal':
				if (byte === 0x2c || byte === 0x7d || isSpace(byte)) {
					if (!literal.test(Buffer.from(this.#pending).toString('latin1')))
						throw this.#handlers.malformed('it holds a value that is not JSON');
					this.#pending = [];
					this.#step = 'after';
					this.#byte(byte, offset);
				} else if (this.#pending.length < 400) this.#pending.push(byte);
				else throw this.#handlers.malformed('it holds a value that is not JSON');
				return;
			default:
				// Done: only white space may follow the object; `{…}{…}` or `{…} garbage` is not one JSON answer.
				if (!isSpace(byte)) throw this.#handlers.malformed('it holds data after the JSON object');
				return;
		}
	}

	#value(byte: number, offset: number): void {
		if (isSpace(byte)) return;
		if (this.#key === 'base64' && !this.#found) {
			if (byte !== quote) throw this.#handlers.malformed('its base64 field is not a string');
			this.#found = true;
			this.#step = 'base64';
			this.#handlers.start(offset + 1);
			return;
		}
		if (byte === quote) this.#startString(this.#keep.has(this.#key) ? 'keep' : 'skip');
		else if (byte === 0x7b || byte === 0x5b) {
			this.#step = 'nested';
			this.#nesting = 1;
			this.#nestedString = false;
			this.#pending = [byte];
		} else {
			this.#step = 'literal';
			this.#pending = [byte];
		}
	}

	#startString(role: 'key' | 'keep' | 'skip'): void {
		this.#step = 'string';
		this.#stringRole = role;
		this.#escaped = false;
		this.#text = [];
	}

	#string(byte: number): void {
		if (!this.#escaped && byte === quote) {
			const raw = this.#text.length > maxKept ? undefined : Buffer.from(this.#text).toString('utf8');
			this.#text = [];
			if (this.#stringRole === 'key') {
				this.#key = raw === undefined ? '' : parseString(raw);
				// Two equal keys: which one counts differs between readers (JSON.parse takes the last).
				if (raw !== undefined) {
					if (this.#keys.has(this.#key)) throw this.#handlers.malformed(`it names the key ${JSON.stringify(this.#key.slice(0, 40))} twice`);
					this.#keys.add(this.#key);
				}
				this.#step = 'colon';
				return;
			}
			if (this.#stringRole === 'keep' && raw !== undefined) this.#handlers.field(this.#key, parseString(raw));
			this.#step = 'after';
			return;
		}
		this.#escaped = !this.#escaped && byte === backslash;
		if (this.#stringRole !== 'skip' && this.#text.length <= maxKept) this.#text.push(byte);
	}

	#nested(byte: number): void {
		if (this.#pending.length >= maxNested) throw this.#handlers.malformed('it holds a nested value over 1 MiB beside the file');
		this.#pending.push(byte);
		if (this.#nestedString) {
			if (this.#escaped) this.#escaped = false;
			else if (byte === backslash) this.#escaped = true;
			else if (byte === quote) this.#nestedString = false;
			return;
		}
		if (byte === quote) this.#nestedString = true;
		else if (byte === 0x7b || byte === 0x5b) this.#nesting++;
		else if (byte === 0x7d || byte === 0x5d) {
			this.#nesting--;
			if (this.#nesting === 0) {
				try {
					JSON.parse(Buffer.from(this.#pending).toString('utf8'));
				} catch {
					throw this.#handlers.malformed('it holds a value that is not JSON');
				}
				this.#pending = [];
				this.#step = 'after';
			}
		}
	}
}

function parseString(raw: string): string {
	try {
		return JSON.parse(`"${raw}"`) as string;
	} catch {
		return '';
	}
}
