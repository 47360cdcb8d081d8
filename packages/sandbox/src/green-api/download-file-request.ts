/** A `downloadFile` body that passed validation, or the answer Green-API gives to one that did not. */
export type DownloadFileRequest =
	| { readonly ok: true; readonly chatId: string; readonly idMessage: string }
	| { readonly ok: false; readonly status: 400; readonly json: boolean; readonly body: unknown };

/** The chat id forms Green-API accepts: a phone number or a group. */
export const chatIdPattern = /^(\d{5,20}@c\.us|\d[\d-]*@g\.us)$/;
const allowedKeys = new Set(['chatId', 'idMessage']);

/**
 * Green-API's plain-text answer to a body that is not JSON, in its older V8 wording.
 *
 * @example jsonSyntaxError("{", error) // { ok: false, status: 400, json: false, body: "Unexpected end of JSON input" }
 */
export function jsonSyntaxError(text: string, error: unknown): Extract<DownloadFileRequest, { ok: false }> {
	if (text.trim() === '') {
		return { ok: false, status: 400, json: false, body: 'Unexpected end of JSON input' };
	}
	// Current V8 no longer names the position; Green-API still answers in the older wording (§1.7).
	const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
	const index = position === undefined ? text.search(/\S/) : Number(position);
	return {
		ok: false,
		status: 400,
		json: false,
		body: `Unexpected token ${text.charAt(index)} in JSON at position ${index}`,
	};
}

/**
 * Green-API's answer to a body that fails validation.
 *
 * @example invalid("'chatId' is required")
 */
export function invalid(details: string): Extract<DownloadFileRequest, { ok: false }> {
	return { ok: false, status: 400, json: true, body: { message: `Validation failed. Details: ${details}` } };
}

/**
 * Validates a `downloadFile` body the way Green-API does: a syntax error answers plain text, fewer than two keys a
 * bare JSON string, anything else invalid a `{"message":"Validation failed. Details: …"}` object.
 *
 * @example parseDownloadFileRequest('{"chatId":"79001234567@c.us","idMessage":"BAE5…"}')
 */
export function parseDownloadFileRequest(text: string): DownloadFileRequest {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return jsonSyntaxError(text, error);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return invalid("'value' must be of type object");
	}
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record);
	if (keys.length < 2) {
		return {
			ok: false,
			status: 400,
			json: true,
			body: "Validation failed. Details: 'value' must have at least 2 keys",
		};
	}
	const unknown = keys.find((key) => !allowedKeys.has(key));
	if (unknown !== undefined) {
		return invalid(`'${unknown}' is not allowed`);
	}
	for (const key of allowedKeys) {
		const field = record[key];
		if (field === undefined) {
			return invalid(`'${key}' is required`);
		}
		if (typeof field !== 'string') {
			return invalid(`'${key}' must be a string`);
		}
		if (field === '') {
			return invalid(`'${key}' is not allowed to be empty`);
		}
	}
	const chatId = record.chatId as string;
	if (!chatIdPattern.test(chatId)) {
		return invalid("'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us'");
	}
	return { ok: true, chatId, idMessage: record.idMessage as string };
}
