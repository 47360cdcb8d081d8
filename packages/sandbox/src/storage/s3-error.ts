import { type Exchange, sendText } from '../http/exchange.js';

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Answers with an S3-style XML error document, e.g. `<Code>AccessDenied</Code>`; `details` become further
 * elements in the given order.
 *
 * @example sendS3Error(exchange, 404, "NoSuchKey", "The specified key does not exist.", { Key: "x.jpg" })
 */
export function sendS3Error(exchange: Exchange, status: number, code: string, message: string, details: Record<string, string> = {}): void {
	const elements = Object.entries({ Code: code, Message: message, ...details })
		.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
		.join('');
	const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements}</Error>`;
	sendText(exchange, status, body, { 'content-type': 'application/xml' });
}
