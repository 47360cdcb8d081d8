import { resolve } from 'node:path';
import { type DownloadOptions, type DownloadResult, formatBytes, isWamediaError, WamediaError } from '@wamedia/core';
import { readSettings } from '@wamedia/core/inputs';
import { isConnectionNode } from './connection-node.js';
import { type DownloadSettings, downloadDefaults, withDefaults } from './defaults.js';
import { toNodeError } from './node-error.js';
import type { NodeApi, NodeConfig, NodeMessage, RuntimeNode } from './node-red.js';
import { readReference } from './read-reference.js';
import { progressText } from './status-text.js';

// The node's output words for core's formats.
const coreFormats: Record<string, string> = { buffer: 'binary', base64: 'base64', file: 'file' };

/** The download options a node's settings stand for, read and checked by core. */
export function downloadOptions(RED: NodeApi, settings: DownloadSettings): DownloadOptions {
	const format = coreFormats[settings.format] ?? String(settings.format);
	// Relative directories follow the File nodes: Node-RED's fileWorkingDirectory, else its working directory.
	const base = RED.settings.fileWorkingDirectory;
	const record = String(settings.record ?? '').trim();
	const file = {
		directory: base ? resolve(base, String(settings.directory)) : String(settings.directory),
		overwrite: String(settings.overwrite),
		fileName: String(settings.fileName ?? ''),
		// A relative record follows the directory's rule.
		record: record === '' ? '' : base ? resolve(base, record) : record,
	};
	return readSettings({ format, maxBytes: String(settings.maxBytes), ...(format === 'file' ? file : {}) }).client;
}

/** A name template (text) or a function in `msg.fileName`: it names this message's file, over the node's template. */
function messageFileName(message: NodeMessage): Pick<DownloadOptions, 'fileName'> {
	const { fileName } = message as { fileName?: unknown };
	if (typeof fileName === 'function') return { fileName: fileName as NonNullable<DownloadOptions['fileName']> };
	return typeof fileName === 'string' && fileName.trim() !== '' ? { fileName } : {};
}

/** What goes into `msg.media`: the result without its bytes. */
function describe(result: DownloadResult): Record<string, unknown> {
	const { data: _data, ...media } = result as DownloadResult & { data?: unknown };
	return media;
}

/** Registers the `wamedia-download` node. */
export function registerDownloadNode(RED: NodeApi): void {
	RED.nodes.registerType('wamedia-download', function (this: RuntimeNode, config: NodeConfig) {
		RED.nodes.createNode(this, config);
		const node = this;
		const settings = withDefaults(downloadDefaults, config);
		const connection = RED.nodes.getNode(settings.connection);
		const downloads = new Map<AbortController, Promise<void>>();
		if (!isConnectionNode(connection)) node.status({ fill: 'red', shape: 'ring', text: 'wamedia-download.status.no-connection' });

		async function run(message: NodeMessage, send: (message: NodeMessage) => void, done: (error?: Error) => void, signal: AbortSignal) {
			let shown = '';
			const show = (text: string) => {
				if (text === shown || signal.aborted) return;
				shown = text;
				node.status({ fill: 'blue', shape: 'dot', text });
			};
			try {
				show('wamedia-download.status.downloading');
				if (!isConnectionNode(connection)) {
					throw new WamediaError('INVALID_INPUT', {
						message: 'The node has no connection',
						hint: 'Open the node and choose or add a wamedia-connection.',
					});
				}
				const client = connection.client();
				const options = downloadOptions(RED, settings);
				const reference = await readReference(RED, node, settings, message, connection.settings());
				const result = await client.download(reference, {
					...options,
					...(options.format === 'file' || options.format === undefined ? messageFileName(message) : {}),
					signal,
					onProgress: (progress) => show(progressText(progress)),
				});
				if (signal.aborted) return;
				if (result.format === 'file') {
					RED.util.setMessageProperty(message, settings.property, result.path, true);
					message.filename = result.path;
				} else if (result.format === 'binary' || result.format === 'base64') {
					RED.util.setMessageProperty(message, settings.property, result.data, true);
				}
				message.media = describe(result);
				node.status({ fill: 'green', shape: 'dot', text: formatBytes(result.size ?? 0) });
				send(message);
				done();
			} catch (error) {
				// Closing the node aborts its downloads: the flow is being stopped, so there is no one to tell.
				if (signal.aborted) return;
				const failure = toNodeError(error);
				node.status({ fill: 'red', shape: 'ring', text: failure.code ?? 'error' });
				done(failure);
			}
		}

		node.on('input', (message, send, done) => {
			const controller = new AbortController();
			const download = run(message, send, done, controller.signal)
				// run() handles its own errors; this catch is the guarantee that nothing reaches the runtime unhandled.
				.catch((error: unknown) => node.error(isWamediaError(error) ? toNodeError(error) : String(error)))
				.finally(() => downloads.delete(controller));
			downloads.set(controller, download);
		});

		node.on('close', (_removed, done) => {
			for (const controller of downloads.keys()) controller.abort();
			// Core removes partial files before its promise settles, well within Node-RED's close timeout (15 s).
			void Promise.allSettled(downloads.values()).then(() => {
				node.status({});
				done();
			});
		});
	});
}
