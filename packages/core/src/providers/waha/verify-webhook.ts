import { createHmac } from 'node:crypto';
import { equalInConstantTime } from '../../security/constant-time.js';
import { firstHeader } from '../../security/webhook-token.js';
import type { WebhookCheck } from '../provider.js';

/**
 * WAHA signs each webhook with the configured key: `X-Webhook-Hmac: <hex HMAC-SHA512(key, raw body)>`,
 * with `X-Webhook-Hmac-Algorithm: sha512` (its only algorithm; any other is refused) (docs/serve.md#authenticity).
 */
export const wahaWebhookCheck: WebhookCheck = {
	configured: (secrets) => secrets.wahaHmacKey !== undefined && secrets.wahaHmacKey !== '',
	early(request) {
		const algorithm = firstHeader(request, 'x-webhook-hmac-algorithm');
		if (algorithm !== undefined && algorithm.trim().toLowerCase() !== 'sha512') return 'forged';
		return firstHeader(request, 'x-webhook-hmac') === undefined ? 'forged' : 'needs-body';
	},
	verify(request, secrets) {
		const key = secrets.wahaHmacKey ?? '';
		const given = firstHeader(request, 'x-webhook-hmac')?.trim().toLowerCase() ?? '';
		if (key === '' || this.early(request, secrets) === 'forged' || !/^[0-9a-f]{128}$/.test(given)) return false;
		return equalInConstantTime(given, createHmac('sha512', key).update(request.body).digest('hex'));
	},
};
