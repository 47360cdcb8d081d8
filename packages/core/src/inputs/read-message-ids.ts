import { WamediaError } from '../errors/wamedia-error.js';
import type { MessageReference } from '../types/reference.js';
import { readItems } from './read-items.js';

/**
 * Reads Green-API message ids as people write them: each item is `<idMessage>` (of the chat `chatId`) or
 * `<chatId> <idMessage>`; a string may hold several items separated by commas or line breaks. The ids are
 * checked when they are downloaded; an item without a chat throws INVALID_INPUT.
 *
 * @example
 * readMessageIds(['BAE5F4886F6F2D05', '79001234568@c.us BAE5AA00BB11CC22'], '79001234567@c.us')
 * // → [{ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' }, { chatId: '79001234568@c.us', idMessage: 'BAE5AA00BB11CC22' }]
 */
export function readMessageIds(values: readonly string[], chatId?: string): MessageReference[] {
	const chat = chatId?.trim() || undefined;
	return readItems(values).map((item, index) => {
		const parts = item.split(/\s+/);
		const [first = '', second] = parts;
		if (parts.length > 2 || (second === undefined && chat === undefined)) {
			const problem = parts.length > 2 ? 'has more than two words' : 'has no chat';
			throw new WamediaError('INVALID_INPUT', {
				message: `idMessage item ${index + 1} (${JSON.stringify(item.slice(0, 80))}) ${problem}: write "<chatId> <idMessage>", or give chatId for bare ids`,
				hint: 'Give chatId (for example 79001234567@c.us) for bare ids, or write each item as "<chatId> <idMessage>".',
				details: { field: 'idMessage', item: index + 1 },
			});
		}
		return second === undefined ? { chatId: chat as string, idMessage: first } : { chatId: first, idMessage: second };
	});
}
