import { type MediaReference, parseReference } from '@wamedia/core';

/**
 * How logs, annotations and the summary name one input item: its position, and the message id or the media
 * path when the reference has one (never a query string: it may hold a signature).
 *
 * @example describeReference({ chatId: "79001234567@c.us", idMessage: "BAE5F4886F6F2D05" }, 0) // "#1 BAE5F4886F6F2D05"
 */
export function describeReference(reference: MediaReference, index: number): string {
	const position = `#${index + 1}`;
	try {
		const parsed = parseReference(reference);
		const name = parsed.idMessage ?? parsed.link?.split('?')[0];
		return name ? `${position} ${name}` : position;
	} catch {
		// An item core cannot read: its error result says why.
		return position;
	}
}
