import { WamediaError } from '../../errors/wamedia-error.js';
import { checkRequest, serverPath } from '../check-request.js';
import type { CheckFacts, ProviderContext } from '../provider.js';
import { evolutionError } from './evolution-error.js';
import type { EvolutionSettings } from './settings.js';

/**
 * `wamedia check` for Evolution API: `GET /instance/connectionState/{instance}` with the key
 * (docs/providers.md#check); the instance must be `open` (connected to WhatsApp).
 */
export async function checkInstance(settings: EvolutionSettings, context: ProviderContext): Promise<CheckFacts> {
	const { instance } = settings;
	const answer = await checkRequest(
		{
			provider: 'evolution',
			url: serverPath(settings.serverUrl, 'instance', 'connectionState', instance),
			credential: { apikey: settings.apiKey },
			failure: (response) => evolutionError(response, context.redact),
		},
		context,
	);
	const inner = typeof answer.instance === 'object' && answer.instance !== null ? (answer.instance as Record<string, unknown>) : answer;
	const state = typeof inner.state === 'string' ? inner.state : undefined;
	if (state === 'open') return { state, account: instance };
	throw new WamediaError('INSTANCE_NOT_READY', {
		message: `The Evolution instance "${instance}" is ${state ?? 'in an unknown state'}`,
		hint:
			state === 'connecting'
				? 'The instance is connecting; run again in a minute, or scan its QR code in the Evolution manager.'
				: 'Connect the instance in the Evolution manager (scan its QR code with WhatsApp on the phone), then run again.',
		provider: 'evolution',
		retryable: state === 'connecting',
		details: { state: state ?? null },
	});
}
