/** A journal item: Green-API's flat message shape. */
export type JournalItem = Record<string, unknown>;

function newestFirst(items: JournalItem[]): JournalItem[] {
	return items.sort((a, b) => Number(b.timestamp ?? 0) - Number(a.timestamp ?? 0));
}

function within(item: JournalItem, sinceSeconds: number): boolean {
	return typeof item.timestamp !== 'number' || item.timestamp >= sinceSeconds;
}

/**
 * The instance's message journals, as `lastIncomingMessages`, `lastOutgoingMessages` and `getChatHistory` read
 * them: newest first.
 *
 * @example journal.add(item); journal.last("incoming", 60, nowSeconds())
 */
export class MessageJournal {
	#items: JournalItem[] = [];

	/** Adds an item; a later item with the same chat and `idMessage` replaces the earlier one. */
	add(item: JournalItem): JournalItem {
		const copy = structuredClone(item);
		const index = this.#items.findIndex(
			(existing) => typeof item.idMessage === 'string' && existing.idMessage === item.idMessage && existing.chatId === item.chatId,
		);
		if (index === -1) {
			this.#items.push(copy);
		} else {
			this.#items[index] = copy;
		}
		return structuredClone(copy);
	}

	/** Fills an empty `downloadUrl` once `downloadFile` has produced a link, as Green-API does. */
	fillLink(chatId: string, idMessage: string, downloadUrl: string): void {
		for (const item of this.#items) {
			if (item.chatId === chatId && item.idMessage === idMessage && item.downloadUrl === '') {
				item.downloadUrl = downloadUrl;
			}
		}
	}

	/** Items of one direction from the last `minutes` before `nowSeconds`, newest first. */
	last(type: 'incoming' | 'outgoing', minutes: number, nowSeconds: number): JournalItem[] {
		const since = nowSeconds - minutes * 60;
		return newestFirst(this.#items.filter((item) => item.type === type && within(item, since)).map((item) => structuredClone(item)));
	}

	/** The newest `count` items of a chat (items without a chat show in every chat). */
	chat(chatId: string, count: number): JournalItem[] {
		const items = this.#items.filter((item) => item.chatId === undefined || item.chatId === chatId);
		return newestFirst(items.map((item) => structuredClone(item))).slice(0, count);
	}

	/** Every item, in the order added. */
	list(): JournalItem[] {
		return this.#items.map((item) => structuredClone(item));
	}

	/** Forgets every item. */
	clear(): void {
		this.#items = [];
	}
}
