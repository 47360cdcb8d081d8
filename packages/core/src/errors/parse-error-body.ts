import { noRedaction, type Redactor, redactValue } from '../security/redact.js';

/** What an error body said, whatever its shape. */
export interface ErrorBody {
	/** A short readable text: the message of a JSON object, a bare JSON string, XML `<Message>`, HTML `<title>` or plain text. */
	text: string;
	/** The parsed JSON, when the body was JSON. */
	json?: unknown;
}

const maxText = 300;

/**
 * Reads an error body defensively: gateways answer with JSON objects, bare JSON strings, plain text,
 * HTML or XML (docs/errors.md#error-bodies). Everything returned has passed `redact`, and the
 * text is shortened only after that, so that a cut never leaves part of a secret behind.
 */
export function parseErrorBody(body: string, redact: Redactor = noRedaction): ErrorBody {
	const trimmed = body.trim();
	if (trimmed === '') return { text: '' };
	if (/^["{[]/.test(trimmed)) {
		try {
			const json: unknown = JSON.parse(trimmed);
			return { text: clip(redact(textOfJson(json))), json: redactValue(json, redact) };
		} catch {
			// Not JSON after all: fall through to text.
		}
	}
	if (trimmed.startsWith('<')) {
		const code = tag(trimmed, 'Code');
		const message = tag(trimmed, 'Message') ?? tag(trimmed, 'title') ?? tag(trimmed, 'h1');
		const text = clip(redact([code, message].filter(Boolean).join(': ') || stripTags(trimmed)));
		return { text };
	}
	return { text: clip(redact(trimmed)) };
}

function textOfJson(json: unknown): string {
	if (typeof json === 'string') return json;
	if (typeof json !== 'object' || json === null) return JSON.stringify(json);
	const record = json as Record<string, unknown>;
	for (const key of ['message', 'description', 'error', 'errorMessage', 'detail', 'details', 'msg']) {
		const value = record[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'object' && value !== null) return textOfJson(value);
	}
	return JSON.stringify(json);
}

function tag(xml: string, name: string): string | undefined {
	const match = new RegExp(`<${name}[^>]*>([^<]*)</${name}>`, 'i').exec(xml);
	const value = match?.[1]?.trim();
	return value ? value : undefined;
}

function stripTags(markup: string): string {
	return markup
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function clip(text: string): string {
	const single = text.replace(/\s+/g, ' ').trim();
	return single.length > maxText ? `${single.slice(0, maxText - 1)}…` : single;
}
