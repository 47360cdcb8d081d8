import { registerConnectionNode } from './connection-node.js';
import { registerDownloadNode } from './download-node.js';
import type { NodeApi } from './node-red.js';

/**
 * The Node-RED module: registers `wamedia-connection` and `wamedia-download`. The build bundles it, with
 * `@wamedia/core`, into the CommonJS file `dist/wamedia.js` that Node-RED 4.x requires and 5.x imports.
 */
export default function wamedia(RED: NodeApi): void {
	registerConnectionNode(RED);
	registerDownloadNode(RED);
}
