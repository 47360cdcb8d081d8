import { specialMessages } from './green-api/special-messages.js';
import type { MediaInfo } from './media/catalog.js';
import type { Sandbox } from './sandbox.js';

/** Everything another process needs to use a sandbox: URLs, credentials, catalog. */
export interface SandboxSummary {
	greenApi: Sandbox['greenApi'];
	multiSession: Sandbox['multiSession'];
	meta: Pick<Sandbox['meta'], 'graphUrl' | 'mediaHostUrl' | 'accessToken' | 'apiVersion' | 'phoneNumberId' | 'wabaId' | 'errorMediaIds'>;
	waha: Pick<Sandbox['waha'], 'serverUrl' | 'apiKey' | 'session' | 'chatId' | 'filesLifetimeSeconds' | 'textMessageId'>;
	evolution: Pick<Sandbox['evolution'], 'serverUrl' | 'apiKey' | 'instance' | 'remoteJid' | 'textMessageId'>;
	storageUrl: string;
	controlUrl: string;
	chatId: string;
	media: MediaInfo[];
	specialMessages: Record<string, string>;
}

/**
 * A JSON-ready description of a running sandbox, as `wamedia-sandbox --json` prints it and `GET /` on the control
 * API returns it.
 *
 * @example JSON.stringify(summarizeSandbox(sandbox))
 */
export function summarizeSandbox(sandbox: Sandbox): SandboxSummary {
	return {
		greenApi: sandbox.greenApi,
		multiSession: sandbox.multiSession,
		meta: {
			graphUrl: sandbox.meta.graphUrl,
			mediaHostUrl: sandbox.meta.mediaHostUrl,
			accessToken: sandbox.meta.accessToken,
			apiVersion: sandbox.meta.apiVersion,
			phoneNumberId: sandbox.meta.phoneNumberId,
			wabaId: sandbox.meta.wabaId,
			errorMediaIds: { ...sandbox.meta.errorMediaIds },
		},
		waha: {
			serverUrl: sandbox.waha.serverUrl,
			apiKey: sandbox.waha.apiKey,
			session: sandbox.waha.session,
			chatId: sandbox.waha.chatId,
			filesLifetimeSeconds: sandbox.waha.filesLifetimeSeconds,
			textMessageId: sandbox.waha.textMessageId,
		},
		evolution: {
			serverUrl: sandbox.evolution.serverUrl,
			apiKey: sandbox.evolution.apiKey,
			instance: sandbox.evolution.instance,
			remoteJid: sandbox.evolution.remoteJid,
			textMessageId: sandbox.evolution.textMessageId,
		},
		storageUrl: sandbox.storageUrl,
		controlUrl: sandbox.controlUrl,
		chatId: sandbox.chatId,
		media: sandbox.media.list(),
		specialMessages: { ...specialMessages },
	};
}
