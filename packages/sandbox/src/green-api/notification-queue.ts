/**
 * A notification in the queue, as tests inspect it.
 *
 * @example sandbox.notifications.list()[0]?.deliveries
 */
export interface QueuedNotification {
	readonly receiptId: number;
	readonly body: unknown;
	/** Catalog id of the media a file message carries. */
	readonly media?: string;
	/** Times `receiveNotification` handed it out. */
	readonly deliveries: number;
	/** `queued` until `deleteNotification` removes it (`deleted`) or the queue is cleared (`cleared`). */
	readonly status: NotificationStatus;
}

/** Where a notification is: still queued, deleted by a client, or dropped by `clear()`. */
export type NotificationStatus = 'queued' | 'deleted' | 'cleared';

interface Item {
	readonly receiptId: number;
	readonly body: unknown;
	readonly media: string | undefined;
	deliveries: number;
	status: NotificationStatus;
}

function snapshot(item: Item): QueuedNotification {
	return {
		receiptId: item.receiptId,
		body: structuredClone(item.body),
		...(item.media === undefined ? {} : { media: item.media }),
		deliveries: item.deliveries,
		status: item.status,
	};
}

/**
 * Green-API's HTTP notification queue: FIFO, one receipt id per notification, the head handed out again on every
 * receive until it is deleted, and a long poll that answers as soon as a notification arrives.
 *
 * @example const next = await queue.receive(5000, signal); if (next) queue.delete(next.receiptId);
 */
export class NotificationQueue {
	#pending: Item[] = [];
	#history: Item[] = [];
	#lastReceiptId = 0;
	readonly #waiters = new Set<() => void>();

	/** Appends a notification and wakes the waiting receives. */
	enqueue(body: unknown, media?: string): QueuedNotification {
		this.#lastReceiptId += 1;
		const item: Item = { receiptId: this.#lastReceiptId, body: structuredClone(body), media, deliveries: 0, status: 'queued' };
		this.#pending.push(item);
		this.#history.push(item);
		for (const wake of this.#waiters) {
			wake();
		}
		return snapshot(item);
	}

	/**
	 * The head of the queue, waiting up to `waitMs` for one when the queue is empty; `null` when none came or the
	 * signal aborted. The head stays in place: it is handed out again until deleted.
	 */
	async receive(waitMs: number, signal: AbortSignal): Promise<{ receiptId: number; body: unknown } | null> {
		if (this.#pending.length === 0 && waitMs > 0 && !signal.aborted) {
			await new Promise<void>((resolve) => {
				const done = (): void => {
					clearTimeout(timer);
					this.#waiters.delete(done);
					signal.removeEventListener('abort', done);
					resolve();
				};
				const timer = setTimeout(done, waitMs);
				this.#waiters.add(done);
				signal.addEventListener('abort', done);
			});
		}
		const head = this.#pending[0];
		if (!head || signal.aborted) {
			return null;
		}
		head.deliveries += 1;
		return { receiptId: head.receiptId, body: structuredClone(head.body) };
	}

	/** Removes a notification that was handed out; false for an unknown, deleted or never handed out receipt id. */
	delete(receiptId: number): boolean {
		const index = this.#pending.findIndex((item) => item.receiptId === receiptId && item.deliveries > 0);
		const item = this.#pending[index];
		if (!item) {
			return false;
		}
		item.status = 'deleted';
		this.#pending.splice(index, 1);
		return true;
	}

	/** The notifications still queued, head first. */
	list(): QueuedNotification[] {
		return this.#pending.map(snapshot);
	}

	/** Every notification ever enqueued, in order, deleted ones included. */
	history(): QueuedNotification[] {
		return this.#history.map(snapshot);
	}

	/** Drops every queued notification (`cleared` in the history). */
	clear(): void {
		for (const item of this.#pending) {
			item.status = 'cleared';
		}
		this.#pending = [];
	}
}
