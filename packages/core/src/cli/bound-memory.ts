import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const pendingLimit = 8 * 1024 * 1024;
const checkEvery = 10;

/**
 * Keeps the CLI's memory flat however large the download (docs/transfer.md#memory). Node hands every
 * socket read to JavaScript in a fresh buffer; the buffers die at once, but V8 frees them only when its
 * young generation fills or external memory has grown by about 64 MB. At full speed that leaves some
 * 70 MB of dead buffers and a young generation grown to 32 MB. The CLI, which owns its process, keeps
 * the young generation from growing and runs a minor collection once more than 16 MiB of buffers are
 * pending. A library leaves such process-wide choices to its host.
 */
export function boundMemory(): void {
	setFlagsFromString('--semi-space-growth-factor=1');
	setFlagsFromString('--expose-gc');
	const collect = runInNewContext('gc') as (options: { type: 'minor' | 'major'; execution: 'sync' }) => void;
	setInterval(() => {
		const pending = process.memoryUsage().arrayBuffers;
		if (pending <= pendingLimit) return;
		// Buffers that waited in a paused socket may have been promoted: only a full collection frees those.
		collect({ type: pending > 2 * pendingLimit ? 'major' : 'minor', execution: 'sync' });
	}, checkEvery).unref();
}
