import { createHmac } from 'node:crypto';

/**
 * A WAHA webhook as WAHA sends it with an HMAC key configured (`WHATSAPP_HOOK_HMAC_KEY`):
 * `X-Webhook-Hmac: <hex HMAC-SHA512(key, body)>` and `X-Webhook-Hmac-Algorithm: sha512`.
 *
 * @example signWahaWebhook(JSON.stringify(body), sandbox.waha.hmacKey)
 */
export function signWahaWebhook(json: string, hmacKey: string): { body: Buffer; headers: Record<string, string> } {
	const body = Buffer.from(json, 'utf8');
	const signature = createHmac('sha512', hmacKey).update(body).digest('hex');
	return { body, headers: { 'x-webhook-hmac': signature, 'x-webhook-hmac-algorithm': 'sha512' } };
}
