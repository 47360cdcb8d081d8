import { createHmac } from 'node:crypto';

/**
 * A Cloud API webhook as Meta sends it: the JSON with every non-ASCII character escaped as `\uXXXX`, and
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, those bytes)>` (docs/providers.md#meta-webhooks).
 *
 * @example signMetaWebhook(JSON.stringify(body), sandbox.meta.appSecret)
 */
export function signMetaWebhook(json: string, appSecret: string): { body: Buffer; headers: Record<string, string> } {
	const body = Buffer.from(
		json.replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`),
		'utf8',
	);
	const signature = createHmac('sha256', appSecret).update(body).digest('hex');
	return { body, headers: { 'x-hub-signature-256': `sha256=${signature}` } };
}
