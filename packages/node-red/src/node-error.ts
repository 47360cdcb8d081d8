import { isWamediaError } from '@wamedia/core';
import { inFaceWords, type SettingLabels } from '@wamedia/core/inputs';
import catalog from './locales/en-US/wamedia.json' with { type: 'json' };

/** An error as `done(error)` hands it to Node-RED: Catch nodes copy its `message`, `code`, `stack` and `cause` into `msg.error`. */
export type NodeError = Error & { code?: string };

const { label: connection } = catalog['wamedia-connection'];
const { label: download } = catalog['wamedia-download'];

/** Core's settings named as the editor labels their fields (from the message catalog the editor shows). */
export const fieldLabels: SettingLabels = Object.fromEntries(
	Object.entries({
		provider: connection.provider,
		apiUrl: connection.apiUrl,
		idInstance: connection.idInstance,
		apiTokenInstance: connection.apiTokenInstance,
		serverUrl: connection.serverUrl,
		apiKey: connection.apiKey,
		session: connection.session,
		instance: connection.instance,
		accessToken: connection.accessToken,
		graphUrl: connection.graphUrl,
		apiVersion: connection.apiVersion,
		phoneNumberId: connection.phoneNumberId,
		allowPrivateNetwork: connection.allowPrivateNetwork,
		format: download.format,
		directory: download.directory,
		overwrite: download.overwrite,
		maxBytes: download.maxBytes,
		// Labels of several words are quoted; one-word labels are the ids themselves (idInstance), which inFaceWords
		// would otherwise find again inside the quotes.
	}).map(([id, label]) => [id, label.includes(' ') ? `"${label}"` : label]),
);

/**
 * The error a failed download ends with. A wamedia error becomes one whose message carries the hint, both
 * naming settings by the editor's field labels, so the debug sidebar and the log say what to do, with `code`
 * for Catch nodes and the original as `cause`. Core has already removed every secret from all of them.
 */
export function toNodeError(error: unknown): NodeError {
	if (!isWamediaError(error)) return error instanceof Error ? error : new Error(String(error));
	const shown = inFaceWords(error.toJSON(), fieldLabels);
	const failure: NodeError = new Error(`${shown.message.replace(/[.\s]+$/, '')}. ${shown.hint}`, { cause: error });
	failure.name = 'WamediaError';
	failure.code = error.code;
	return failure;
}
