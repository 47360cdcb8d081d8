import { isWamediaError } from '../errors/wamedia-error.js';
import { checkTextDepth } from '../inputs/read-references.js';
import { isRecord } from '../providers/body-fields.js';
import { providerNamed } from '../providers/index.js';
import type { WebhookGateway } from '../types/serve.js';

/** What a body is to the receiver: work for the spool, an event without media, or not a webhook at all. */
export type WebhookKind = { kind: 'media'; count: number } | { kind: 'no-media'; event: string } | { kind: 'invalid'; reason: string };

/**
 * Reads an authentic body of a gateway: invalid JSON, nesting past 64 levels, or a body that is not an
 * object is `invalid` (400); an event the gateway sends without a file (statuses, acks, texts, state
 * changes — NO_MEDIA, or a shape that names no media) is `no-media` (200, not stored); a body with at least
 * one media is `media` (spooled) (docs/serve.md#bad-input).
 */
export function classifyWebhook(gateway: WebhookGateway, body: Buffer): WebhookKind {
	const text = body.toString('utf8').replace(/^\uFEFF/, '');
	let parsed: unknown;
	try {
		checkTextDepth(text);
		parsed = JSON.parse(text);
	} catch (error) {
		return { kind: 'invalid', reason: isWamediaError(error) ? 'too deep' : 'invalid JSON' };
	}
	if (!isRecord(parsed)) return { kind: 'invalid', reason: 'not a JSON object' };
	try {
		const references = providerNamed(gateway).recognize(parsed);
		// An authentic body this gateway sends that names no media (a status, a state change): nothing to archive.
		if (references === undefined || references.length === 0) return { kind: 'no-media', event: eventName(parsed) };
		return { kind: 'media', count: references.length };
	} catch (error) {
		if (isWamediaError(error) && error.code === 'NO_MEDIA') return { kind: 'no-media', event: eventName(parsed) };
		return { kind: 'invalid', reason: isWamediaError(error) ? error.message : 'unreadable body' };
	}
}

function eventName(body: Record<string, unknown>): string {
	for (const key of ['typeWebhook', 'event', 'object', 'message_type']) {
		if (typeof body[key] === 'string') return body[key] as string;
	}
	return 'unknown';
}
