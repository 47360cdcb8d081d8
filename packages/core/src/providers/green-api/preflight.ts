import { archiveBackoff, waitOrAbort } from '../../archive/archive-backoff.js';
import { WamediaError } from '../../errors/wamedia-error.js';
import type { RetrySettings } from '../../requests/retry-timing.js';
import type { ArchiveNotice } from '../../types/archive.js';
import type { GreenApiMethods } from './green-api-methods.js';

/** What the pre-flight needs besides the API. */
export interface PreflightOptions {
	/** Without `once`, a starting instance is waited for; with it, the run ends. */
	once: boolean;
	signal: AbortSignal | undefined;
	retry: RetrySettings;
	onNotice: (notice: ArchiveNotice) => void;
}

// yellowCard limits sending, not receiving: the queue still fills (docs/green-api.md#queue-and-journal-methods).
export const workingStates: ReadonlySet<string> = new Set(['authorized', 'yellowCard']);

/**
 * Checks, without changing anything, that the queue can be drained: the instance is authorized and no
 * `webhookUrl` consumes the same queue. INSTANCE_NOT_READY with what to do otherwise (docs/sync.md#pre-flight).
 */
export async function checkInstanceReady(api: GreenApiMethods, options: PreflightOptions): Promise<void> {
	const { signal } = options;
	for (let attempt = 1; ; attempt++) {
		const state = await api.getStateInstance(signal);
		if (state !== undefined && workingStates.has(state)) break;
		if (state !== 'starting' || options.once) throw notReady(state);
		const delay = archiveBackoff(attempt, options.retry);
		options.onNotice({ type: 'backoff', delay, error: notReady(state).toJSON() });
		await waitOrAbort(delay, signal);
	}
	const settings = await api.getSettings(signal);
	if (typeof settings.webhookUrl === 'string' && settings.webhookUrl.trim() !== '') {
		// The URL itself is not shown: users put tokens in it.
		throw new WamediaError('INSTANCE_NOT_READY', {
			message: 'The instance has a webhookUrl: its notifications go there, not to the queue wamedia reads',
			hint: 'Clear webhookUrl in the Green-API console (settings) to receive over the HTTP API, or keep the webhook and download from its bodies with wamedia download --webhook. wamedia never changes settings: that reboots the instance.',
			provider: 'green-api',
			details: { setting: 'webhookUrl' },
		});
	}
	if (settings.incomingWebhook === 'no') {
		options.onNotice({ type: 'settings', message: 'incomingWebhook is "no": incoming messages are not queued; turn it on in the console' });
	}
}

/** INSTANCE_NOT_READY for a `stateInstance` other than a working one, with what to do in the console. */
export function notReady(state: string | undefined): WamediaError {
	const facts = { provider: 'green-api' as const, details: { stateInstance: state ?? null } };
	switch (state) {
		case 'starting':
			return new WamediaError('INSTANCE_NOT_READY', {
				...facts,
				message: 'The instance is starting',
				hint: 'Starting takes up to 5 minutes; run again in a minute.',
				retryable: true,
			});
		case 'notAuthorized':
			return new WamediaError('INSTANCE_NOT_READY', {
				...facts,
				message: 'The instance is not authorized',
				hint: 'Open the Green-API console and scan the QR code with WhatsApp on the phone, then run again.',
			});
		case undefined:
			return new WamediaError('INSTANCE_NOT_READY', {
				...facts,
				message: 'The instance is still being created',
				hint: 'Wait until the Green-API console shows the instance, authorize it, then run again.',
			});
		default:
			return new WamediaError('INSTANCE_NOT_READY', {
				...facts,
				message: `The instance is ${state}`,
				hint: 'Open the Green-API console: the instance must be authorized (blocked: contact support; sleepMode: open WhatsApp on the phone).',
			});
	}
}
