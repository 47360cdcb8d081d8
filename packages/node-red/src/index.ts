import { registerConnectionNode } from './connection-node.js';
import { registerDownloadNode } from './download-node.js';
import type { NodeApi } from './node-red.js';
import { registerSyncNode } from './sync-node.js';

/**
 * The Node-RED module: registers `wamedia-connection`, `wamedia-download` and `wamedia-sync`. The build bundles it, with
 * `@wamedia/core`, into the CommonJS file `dist/wamedia.js` that Node-RED 4.x requires and 5.x imports.
 */
export default function wamedia(RED: NodeApi): void {
	registerConnectionNode(RED);
	registerDownloadNode(RED);
	registerSyncNode(RED);
}
