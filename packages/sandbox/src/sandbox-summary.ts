import type { MediaInfo } from './media-catalog.js';
import type { Sandbox } from './sandbox.js';
import { specialMessages } from './special-messages.js';

/** Everything another process needs to use a sandbox: URLs, credentials, catalog. */
export interface SandboxSummary {
	greenApi: Sandbox['greenApi'];
	multiSession: Sandbox['multiSession'];
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
		storageUrl: sandbox.storageUrl,
		controlUrl: sandbox.controlUrl,
		chatId: sandbox.chatId,
		media: sandbox.media.list(),
		specialMessages: { ...specialMessages },
	};
}
