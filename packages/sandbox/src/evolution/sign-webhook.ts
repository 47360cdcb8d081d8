/**
 * An Evolution API webhook: Evolution signs nothing; a v2 webhook configuration can add headers, and the
 * sandbox's adds `Authorization: Bearer <token>` (the receiver's shared token).
 *
 * @example signEvolutionWebhook(JSON.stringify(body), sandbox.evolution.webhookToken)
 */
export function signEvolutionWebhook(json: string, token: string | undefined): { body: Buffer; headers: Record<string, string> } {
	return { body: Buffer.from(json, 'utf8'), headers: token ? { authorization: `Bearer ${token}` } : {} };
}
