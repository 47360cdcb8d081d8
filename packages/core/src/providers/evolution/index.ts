import { parseErrorBody } from '../../errors/parse-error-body.js';
import type { FailedResponse } from '../../errors/response-error.js';
import { failureFacts } from '../../errors/response-error.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import type { Redactor } from '../../security/redact.js';
import { validateIdentifier } from '../../security/validate.js';
import { webhookTokenCheck } from '../../security/webhook-token.js';
import { absoluteUrl } from '../absolute-url.js';
import type { ParsedReference } from '../parse-reference.js';
import type { MediaLink, Provider } from '../provider.js';
import { checkInstance } from './check-instance.js';
import { evolutionError } from './evolution-error.js';
import { inlineBase64Holds } from './inline-base64.js';
import { recognizeEvolution } from './recognize.js';
import { configureEvolution, type EvolutionSettings } from './settings.js';

// A refused storage link is worth asking the server instead.
const refusals = new Set([400, 401, 403, 404, 410]);

function storageFailure(response: FailedResponse, redact: Redactor): WamediaError | undefined {
	if (!refusals.has(response.status)) return undefined;
	const { text } = parseErrorBody(response.body, redact);
	return new WamediaError('MEDIA_EXPIRED', {
		...failureFacts(response, 'evolution', text, redact),
		message: `The storage link of the message was refused (${response.status})`,
		hint: 'wamedia asks Evolution for the file instead (getBase64FromMediaMessage).',
	});
}

function expectedOf(reference: ParsedReference): MediaLink['expected'] {
	return reference.sha256 === undefined ? undefined : { sha256: Buffer.from(reference.sha256, 'hex') };
}

/** A `data:` URL that names the type of a file a webhook carried inline. */
function inlineUrl(mimeType: string | undefined): URL {
	const type = mimeType !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'application/octet-stream';
	return new URL(`data:${type};base64,`);
}

/** `POST {serverUrl}/chat/getBase64FromMediaMessage/{instance}` with the key: the file as base64 in JSON. */
function base64Link(reference: ParsedReference, settings: EvolutionSettings | undefined): MediaLink {
	if (settings === undefined) {
		throw new WamediaError('INVALID_INPUT', {
			message: 'An Evolution message id needs the Evolution server to ask',
			hint: 'Configure the Evolution serverUrl, apiKey and instance.',
			provider: 'evolution',
			details: { field: 'serverUrl' },
		});
	}
	const id = validateIdentifier(
		reference.idMessage,
		'idMessage',
		'Pass the key.id of the message, such as 3EB0A1B2C3D4 (data.key.id of the webhook).',
	);
	const base = settings.serverUrl.href.replace(/\/+$/, '');
	return {
		url: new URL(`${base}/chat/getBase64FromMediaMessage/${encodeURIComponent(settings.instance)}`),
		credential: { apikey: settings.apiKey },
		request: { method: 'POST', json: { message: { key: { id } } } },
		body: 'base64-json',
		expected: expectedOf(reference),
		failure: evolutionError,
	};
}

/**
 * Evolution API (docs/providers.md#evolution-api): the file a webhook carried inline (`base64`), else its
 * storage link (`mediaUrl`, no key), else `getBase64FromMediaMessage` with `apikey` on the server's origin —
 * its base64 answer decoded as it streams. A refused storage link falls back to the server, once. The bytes
 * are checked against the webhook's `fileSha256`.
 */
export const evolution: Provider<EvolutionSettings> = {
	name: 'evolution',
	configure: configureEvolution,
	servers: (settings) => [settings.serverUrl],
	secrets: (options) => [options.evolution?.apiKey],
	recognize: recognizeEvolution,
	check: checkInstance,
	async link(reference, settings) {
		const { base64 } = reference;
		// Inline base64 that does not hold the file (cut short, broken) is passed over like a missing one, when
		// there is another source; with none, it is used and fails as it is.
		const another = reference.link !== undefined || (settings !== undefined && reference.idMessage !== undefined);
		if (base64 !== undefined && (!another || inlineBase64Holds(base64, { sha256: reference.sha256, size: reference.size })))
			return { url: inlineUrl(reference.mimeType), inline: base64, expected: expectedOf(reference) };
		if (reference.link !== undefined) {
			const fallback = settings !== undefined && reference.idMessage !== undefined;
			// A presigned storage link: no key goes there (docs/providers.md#evolution-media).
			return {
				url: absoluteUrl(reference.link, undefined, 'evolution'),
				expected: expectedOf(reference),
				...(fallback ? { failure: storageFailure } : {}),
			};
		}
		return base64Link(reference, settings);
	},
	renew(reference, settings) {
		// Only a storage link expires; inline base64 that was used has no link to renew.
		if (settings === undefined || reference.idMessage === undefined || reference.link === undefined) return undefined;
		return Promise.resolve(base64Link(reference, settings));
	},
	webhook: webhookTokenCheck,
	mediaHints: {
		MEDIA_EXPIRED:
			'The storage link has expired; configure the Evolution serverUrl, apiKey and instance so that wamedia asks Evolution for the file.',
	},
};
