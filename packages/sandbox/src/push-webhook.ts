import { signEvolutionWebhook } from './evolution/sign-webhook.js';
import { signGreenApiWebhook } from './green-api/sign-webhook.js';
import { type PushResult, pushBody } from './http/push-webhook.js';
import { signMetaWebhook } from './meta/sign-webhook.js';
import { signMultiSessionWebhook } from './multi-session/sign-webhook.js';
import { signWahaWebhook } from './waha/sign-webhook.js';

/** The gateways whose webhooks the sandbox can push. */
export type PushGateway = 'green-api' | 'multi-session' | 'meta' | 'waha' | 'evolution';

export const pushGateways: readonly PushGateway[] = ['green-api', 'multi-session', 'meta', 'waha', 'evolution'];

/** Options of `sandbox.pushWebhook`. */
export interface PushOptions {
	/** Sign with this secret instead of the emulator's (a forged or stale signature). */
	secret?: string;
	/** Send no signature or token at all. */
	unsigned?: boolean;
	/** Headers added last (they win over the signature's). */
	headers?: Record<string, string>;
}

/** The secrets each emulator signs its webhooks with. */
export interface PushSecrets {
	metaAppSecret: string;
	wahaHmacKey: string;
	webhookToken: string;
	/** Green-API's instance setting, read at each push (empty: the sandbox's `Bearer <webhookToken>`). */
	greenApiWebhookUrlToken: () => string;
}

/**
 * The bytes and headers a gateway would send for a body, signed as that gateway signs (each emulator's
 * `sign-webhook.ts`).
 *
 * @example signedWebhook("meta", body, secrets)
 */
export function signedWebhook(
	gateway: PushGateway,
	body: unknown,
	secrets: PushSecrets,
	options: PushOptions = {},
): { body: Buffer; headers: Record<string, string> } {
	const json = typeof body === 'string' ? body : JSON.stringify(body);
	const secret = options.secret;
	let signed: { body: Buffer; headers: Record<string, string> };
	switch (gateway) {
		case 'meta':
			signed = signMetaWebhook(json, secret ?? secrets.metaAppSecret);
			break;
		case 'waha':
			signed = signWahaWebhook(json, secret ?? secrets.wahaHmacKey);
			break;
		case 'green-api':
			signed = signGreenApiWebhook(json, secret ?? (secrets.greenApiWebhookUrlToken() || `Bearer ${secrets.webhookToken}`));
			break;
		case 'evolution':
			signed = signEvolutionWebhook(json, secret ?? secrets.webhookToken);
			break;
		case 'multi-session':
			signed = signMultiSessionWebhook(json, secret ?? secrets.webhookToken);
			break;
	}
	const headers = options.unsigned ? {} : signed.headers;
	return { body: signed.body, headers: { ...headers, ...options.headers } };
}

/**
 * POSTs a gateway's webhook body to a loopback URL, signed as the gateway signs it.
 *
 * @example await pushWebhook("waha", "http://127.0.0.1:8080/webhooks/waha", body, secrets)
 */
export function pushWebhook(
	gateway: PushGateway,
	url: string,
	body: unknown,
	secrets: PushSecrets,
	options: PushOptions = {},
): Promise<PushResult> {
	const signed = signedWebhook(gateway, body, secrets, options);
	return pushBody(url, signed.body, signed.headers);
}

export type { PushResult };
