import { parseErrorBody } from '../../errors/parse-error-body.js';
import { commonError, failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import { checkRequest, serverPath } from '../check-request.js';
import type { CheckFacts, ProviderContext } from '../provider.js';
import type { WahaSettings } from './settings.js';

/**
 * `wamedia check` for WAHA: `GET /api/sessions/{session}` with the key (docs/providers.md#check). The session
 * must be `WORKING`; `STARTING` is worth another try, `SCAN_QR_CODE` needs the phone, `STOPPED` and `FAILED` a
 * start in WAHA.
 */
export async function checkSession(settings: WahaSettings, context: ProviderContext): Promise<CheckFacts> {
	const { session } = settings;
	const answer = await checkRequest(
		{
			provider: 'waha',
			url: serverPath(settings.serverUrl, 'api', 'sessions', session),
			credential: { 'x-api-key': settings.apiKey },
			failure: (response) => {
				const { text } = parseErrorBody(response.body, context.redact);
				const facts = failureFacts(response, 'waha', text, context.redact);
				if (response.status === 401) {
					return new WamediaError('AUTH_FAILED', {
						...facts,
						message: 'WAHA refused the API key',
						hint: "Check apiKey: it is the server's WAHA_API_KEY (sent as X-Api-Key).",
					});
				}
				if (response.status === 404) {
					return new WamediaError('INVALID_INPUT', {
						...facts,
						message: `WAHA has no session "${session}"`,
						hint: 'Check session: it is the name of a session in the WAHA dashboard (default unless configured otherwise), and serverUrl.',
						details: { ...facts.details, field: 'session' },
					});
				}
				return (
					commonError(response, 'waha', text, context.redact) ??
					new WamediaError('UPSTREAM_ERROR', { ...facts, message: `WAHA answered ${response.status} to the session check` })
				);
			},
		},
		context,
	);
	const status = typeof answer.status === 'string' ? answer.status : undefined;
	const me = typeof answer.me === 'object' && answer.me !== null ? (answer.me as Record<string, unknown>) : {};
	const account = typeof me.id === 'string' ? `${session} (${me.id})` : session;
	if (status === 'WORKING') return { state: status, account };
	throw new WamediaError('INSTANCE_NOT_READY', {
		message: `The WAHA session "${session}" is ${status ?? 'in an unknown state'}`,
		hint:
			status === 'SCAN_QR_CODE'
				? 'Open the WAHA dashboard and scan the QR code with WhatsApp on the phone.'
				: status === 'STARTING'
					? 'The session is starting; run again in a minute.'
					: 'Start the session in the WAHA dashboard (POST /api/sessions/{session}/start), then run again.',
		provider: 'waha',
		retryable: status === 'STARTING',
		details: { state: status ?? null },
	});
}
