import { parseErrorBody } from '../../errors/parse-error-body.js';
import { commonError, failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import { checkRequest, serverPath } from '../check-request.js';
import type { CheckFacts, ProviderContext } from '../provider.js';
import type { MultiSessionSettings } from './index.js';

/**
 * `wamedia check` for a WhatsApp Multi-Session server: `GET /api/sessions` with the Bearer key, its cheapest
 * authenticated route (`/api/health` answers without a key, so it proves nothing about the key); the answer
 * lists the sessions (docs/providers.md#check).
 */
export async function checkServer(settings: MultiSessionSettings, context: ProviderContext): Promise<CheckFacts> {
	const answer = await checkRequest(
		{
			provider: 'multi-session',
			url: serverPath(settings.serverUrl, 'api', 'sessions'),
			credential: { authorization: `Bearer ${settings.apiKey}` },
			failure: (response) => {
				const { text } = parseErrorBody(response.body, context.redact);
				const facts = failureFacts(response, 'multi-session', text, context.redact);
				if (response.status === 401 || response.status === 403) {
					return new WamediaError('AUTH_FAILED', {
						...facts,
						message: `The Multi-Session server refused the API key${text ? `: ${text}` : ''}`,
						hint: 'Check apiKey: an API key of this server (wams_…), sent as a Bearer token.',
					});
				}
				if (response.status === 404) {
					return new WamediaError('INVALID_INPUT', {
						...facts,
						message: 'The server has no /api/sessions route: it is not a WhatsApp Multi-Session server',
						hint: 'Check serverUrl: the address of the Multi-Session server itself, such as http://localhost:8080.',
						details: { ...facts.details, field: 'serverUrl' },
					});
				}
				return (
					commonError(response, 'multi-session', text, context.redact) ??
					new WamediaError('UPSTREAM_ERROR', { ...facts, message: `The Multi-Session server answered ${response.status}` })
				);
			},
		},
		context,
	);
	const list = [answer.list, answer.sessions, answer.data].find(Array.isArray);
	const sessions = list?.length;
	return { account: sessions === undefined ? undefined : `${sessions} session${sessions === 1 ? '' : 's'}` };
}
