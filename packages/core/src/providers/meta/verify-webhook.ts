import { createHmac } from 'node:crypto';
import { equalsAnyInConstantTime } from '../../security/constant-time.js';
import { firstHeader } from '../../security/webhook-token.js';
import type { WebhookCheck } from '../provider.js';

const signatureHeader = 'x-hub-signature-256';

/**
 * Meta signs each webhook: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. Meta
 * computes it over the body with non-ASCII characters escaped as `\uXXXX`, and a proxy may pass either
 * form, so both are accepted (docs/serve.md#authenticity).
 */
export const metaWebhookCheck: WebhookCheck = {
	configured: (secrets) => secrets.metaAppSecret !== undefined && secrets.metaAppSecret !== '',
	early: (request) => (firstHeader(request, signatureHeader) === undefined ? 'forged' : 'needs-body'),
	verify(request, secrets) {
		const secret = secrets.metaAppSecret ?? '';
		const given = firstHeader(request, signatureHeader)?.trim() ?? '';
		if (secret === '' || !/^sha256=[0-9a-f]{64}$/i.test(given)) return false;
		const signature = given.slice('sha256='.length).toLowerCase();
		const forms = [request.body];
		const text = request.body.toString('utf8');
		if (/[^\u0000-\u007f]/.test(text)) forms.push(Buffer.from(escapeNonAscii(text), 'utf8'));
		return equalsAnyInConstantTime(
			signature,
			forms.map((form) => createHmac('sha256', secret).update(form).digest('hex')),
		);
	},
};

/** Each UTF-16 code unit above 0x7F as `\uxxxx`, as Meta writes the body it signs. */
function escapeNonAscii(text: string): string {
	return text.replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
