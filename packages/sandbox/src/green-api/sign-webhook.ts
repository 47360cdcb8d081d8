/**
 * A Green-API webhook as the instance sends it: the instance setting `webhookUrlToken`, when set, travels
 * as the `Authorization` header exactly as written (users write `Bearer <t>` or a bare token).
 *
 * @example signGreenApiWebhook(JSON.stringify(body), sandbox.instance.settings().webhookUrlToken)
 */
export function signGreenApiWebhook(json: string, webhookUrlToken: string | undefined): { body: Buffer; headers: Record<string, string> } {
	return { body: Buffer.from(json, 'utf8'), headers: webhookUrlToken ? { authorization: webhookUrlToken } : {} };
}
