import { subscribe } from 'node:diagnostics_channel';

/** Body bytes read off the network between two minor collections. */
const collectEvery = 4 * 1024 * 1024;
/** Array buffers beyond which a minor collection is not enough. */
const promotedLimit = 12 * 1024 * 1024;

/**
 * Keeps the CLI's memory flat however large the download (docs/transfer.md#memory). Node hands every
 * socket read to JavaScript in a fresh buffer; the buffers die at once, but V8 frees them only when its
 * young generation fills or external memory has grown by about 64 MB, and malloc keeps the space they
 * took for the next ones. The CLI, which owns its process, keeps the young generation from growing and
 * runs a minor collection after every 4 MiB of body that the media client reports on its diagnostics channel:
 * counted in the data path, the bound holds however busy the machine is (a timer fires late exactly
 * when the reads come fastest). When the collection frees too little, buffers that waited in a paused
 * socket were promoted and a full collection follows. A library leaves such process-wide choices to its host.
 */
export async function boundMemory(): Promise<void> {
	const collect = await minorCollector();
	let received = 0;
	let queued = false;
	const check = (): void => {
		queued = false;
		// Buffers that waited in a paused socket may have been promoted: only a full collection frees those.
		const promoted = process.memoryUsage().arrayBuffers > promotedLimit;
		collect({ type: promoted ? 'major' : 'minor', execution: 'sync' });
	};
	subscribe('wamedia:http1:body-chunk', (message) => {
		received += (message as { length: number }).length;
		if (received < collectEvery || queued) return;
		received = 0;
		queued = true;
		// After the chunk has been handled: its buffer is garbage by then.
		queueMicrotask(check);
	});
}

type Collect = (options: { type: 'minor' | 'major'; execution: 'sync' }) => void;

/**
 * V8's collector, as the launcher's flags expose it (`bin/wamedia.cjs` starts Node with `--expose-gc` and
 * `--semi-space-growth-factor=1`: set at start, they cost no module). Started another way, the CLI sets
 * both itself, which needs `node:v8` and `node:vm`.
 */
async function minorCollector(): Promise<Collect> {
	const exposed = (globalThis as { gc?: unknown }).gc;
	if (typeof exposed === 'function') return exposed as Collect;
	const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all([import('node:v8'), import('node:vm')]);
	setFlagsFromString('--semi-space-growth-factor=1');
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as Collect;
}
