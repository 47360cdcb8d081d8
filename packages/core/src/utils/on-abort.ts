const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` once when the signal aborts, and returns what stops watching. All the watchers of one
 * signal (a batch's downloads share one) share one listener: adding and removing an EventTarget listener
 * costs microseconds per request, a set entry next to nothing.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
	let watching = watchers.get(signal);
	if (watching === undefined) {
		const callbacks = new Set<() => void>();
		watching = callbacks;
		watchers.set(signal, callbacks);
		signal.addEventListener(
			'abort',
			() => {
				for (const call of callbacks) call();
				callbacks.clear();
			},
			{ once: true },
		);
	}
	const callbacks = watching;
	callbacks.add(callback);
	return () => callbacks.delete(callback);
}
