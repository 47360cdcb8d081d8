import type { WebhookCheck, WebhookRequest } from '../providers/provider.js';
import { equalInConstantTime } from './constant-time.js';

function header(request: Pick<WebhookRequest, 'headers'>, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The shared-token check of gateways that sign nothing — Green-API (`webhookUrlToken`, sent as
 * `Authorization`), Evolution (a webhook header) and Multi-Session: `Authorization` is exactly `T` or
 * `Bearer T`, or `T` is the path's last segment (docs/serve.md#authenticity). Judged before the body is read.
 */
export const webhookTokenCheck: WebhookCheck = {
	configured: (secrets) => secrets.webhookToken !== undefined && secrets.webhookToken !== '',
	early(request, secrets) {
		const token = secrets.webhookToken ?? '';
		if (token === '') return 'forged';
		const authorization = header(request, 'authorization');
		// Every form is compared, whichever matches, so the time says nothing about which one was sent.
		const byHeader =
			authorization !== undefined && (equalInConstantTime(authorization, token) || equalInConstantTime(authorization, `Bearer ${token}`));
		const byPath = request.pathToken !== undefined && equalInConstantTime(request.pathToken, token);
		return byHeader || byPath ? 'authentic' : 'forged';
	},
	verify(request, secrets) {
		return this.early(request, secrets) === 'authentic';
	},
};

/** A header's first value. */
export { header as firstHeader };
