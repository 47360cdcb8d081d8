import { WamediaError } from '../errors/wamedia-error.js';
import { inputTooDeep, maxInputDepth } from '../inputs/input-limits.js';
import { isRecord } from './body-fields.js';
import { direct } from './direct/index.js';
import { evolution } from './evolution/index.js';
import { greenApi } from './green-api/index.js';
import { meta } from './meta/index.js';
import { multiSession } from './multi-session/index.js';
import type { ParsedReference } from './parse-reference.js';
import type { Provider } from './provider.js';
import { waha } from './waha/index.js';

/**
 * Every gateway, in the order their body shapes are tried (the most specific first; a direct link last).
 * Meta, WAHA and Evolution claim only their distinctive webhooks, or references that name them.
 */
export const providers = [multiSession, greenApi, meta, waha, evolution, direct] as unknown as readonly Provider<unknown>[];

/** The provider of a name. */
export function providerNamed(name: ParsedReference['provider']): Provider<unknown> {
	const provider = providers.find((candidate) => candidate.name === name);
	if (provider === undefined) throw new Error(`No provider named ${name}`);
	return provider;
}

/**
 * The references in a body or reference object: the provider it names (`provider: 'waha'`) reads it,
 * or else the first whose shapes it matches. INVALID_INPUT when none does.
 */
export function recognize(input: unknown): ParsedReference[] {
	const { body, mediaIndex } = unwrapBodyReference(input);
	const references = recognizeBody(body);
	if (mediaIndex === undefined) return references;
	const chosen = references[mediaIndex];
	if (chosen === undefined) {
		throw new WamediaError('INVALID_INPUT', {
			message: `The body holds ${references.length} media; there is no media number ${mediaIndex}`,
			hint: 'Pass the references readReferences() gave, unchanged.',
		});
	}
	return [chosen];
}

/**
 * Whether a value is one media of a body as readReferences gives it: `{provider, …ids, body, mediaIndex}`.
 * A Green-API queue item (`{receiptId, body}`) has no mediaIndex.
 */
export function isBodyMediaReference(value: unknown): value is { body: unknown; mediaIndex: number; provider: string } {
	return isRecord(value) && 'body' in value && Number.isSafeInteger(value.mediaIndex) && typeof value.provider === 'string';
}

// A reference re-read (written out and read back) wraps its body again: unwrapped in a loop with a limit.
function unwrapBodyReference(input: unknown): { body: unknown; mediaIndex: number | undefined } {
	let body = input;
	let mediaIndex: number | undefined;
	for (let depth = 0; isBodyMediaReference(body); depth++) {
		if (depth >= maxInputDepth) throw inputTooDeep('The reference');
		mediaIndex ??= body.mediaIndex;
		body = body.body;
	}
	return { body, mediaIndex };
}

function recognizeBody(body: unknown): ParsedReference[] {
	if (!isRecord(body)) {
		throw new WamediaError('INVALID_INPUT', {
			message: 'The media reference must be an object',
			hint: 'Pass {chatId, idMessage}, {mediaUrl}, {downloadUrl}, {provider, …} or a webhook body as an object (parse JSON first).',
		});
	}
	const named = typeof body.provider === 'string' ? providers.find((provider) => provider.name === body.provider) : undefined;
	for (const provider of named === undefined ? providers : [named]) {
		const references = provider.recognize(body);
		if (references !== undefined) return references;
	}
	throw new WamediaError('INVALID_INPUT', {
		message: 'Unrecognized media reference',
		hint: 'Pass {chatId, idMessage}, {mediaUrl}, {downloadUrl}, or a webhook body of a supported gateway.',
		details: { keys: Object.keys(body).slice(0, 10) },
	});
}
