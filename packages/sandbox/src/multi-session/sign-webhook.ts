/**
 * A WhatsApp Multi-Session webhook: no documented signature, so the sandbox sends the receiver's shared
 * token as `Authorization: Bearer <token>`.
 *
 * @example signMultiSessionWebhook(JSON.stringify(body), sandbox.multiSession.webhookToken)
 */
export function signMultiSessionWebhook(json: string, token: string | undefined): { body: Buffer; headers: Record<string, string> } {
	return { body: Buffer.from(json, 'utf8'), headers: token ? { authorization: `Bearer ${token}` } : {} };
}
