// The `defaults` of the node types. src/wamedia.html repeats them as literals, because the Flow Library
// scorecard and Node-RED's editor read that file as it is; test/editor.test.ts keeps the two equal.

/** Where `wamedia-download` takes its media reference from. */
export type Source = 'auto' | 'reference' | 'message' | 'mediaUrl' | 'downloadUrl' | 'mediaId';

/** What `wamedia-download` puts in the output property. */
export type NodeFormat = 'buffer' | 'base64' | 'file';

/** Defaults of the `wamedia-connection` config node. */
export const connectionDefaults = {
	name: '',
	provider: 'green-api' as 'green-api' | 'multi-session' | 'meta' | 'waha' | 'evolution',
	apiUrl: '',
	idInstance: '',
	serverUrl: '',
	session: '',
	instance: '',
	graphUrl: '',
	apiVersion: '',
	phoneNumberId: '',
	allowPrivateNetwork: false,
};

/** Credentials of the `wamedia-connection` config node: kept out of the flow file and of exports. */
export const connectionCredentials = {
	apiTokenInstance: { type: 'password' },
	apiKey: { type: 'password' },
	accessToken: { type: 'password' },
} as const;

/** Defaults of the `wamedia-download` node. */
export const downloadDefaults = {
	name: '',
	connection: '',
	source: 'auto' as Source,
	reference: 'payload',
	referenceType: 'msg',
	chatId: '',
	chatIdType: 'str',
	idMessage: '',
	idMessageType: 'str',
	mediaUrl: '',
	mediaUrlType: 'str',
	downloadUrl: '',
	downloadUrlType: 'str',
	mediaId: '',
	mediaIdType: 'str',
	format: 'buffer' as NodeFormat,
	directory: 'whatsapp-media',
	overwrite: false,
	/** A name template (core's fileName); empty: the gateway's name. */
	fileName: '',
	/** A download record file; empty: none. */
	record: '',
	maxBytes: '',
	property: 'payload',
};

/** Defaults of the `wamedia-sync` node. */
export const syncDefaults = {
	name: '',
	connection: '',
	directory: 'whatsapp-media',
};

export type ConnectionSettings = typeof connectionDefaults;
export type DownloadSettings = typeof downloadDefaults;
export type SyncSettings = typeof syncDefaults;

/** A node's saved properties over the defaults; properties missing from an old or hand-written flow keep their default. */
export function withDefaults<T extends Record<string, unknown>>(defaults: T, config: Record<string, unknown>): T {
	const settings: Record<string, unknown> = { ...defaults };
	for (const key of Object.keys(defaults)) {
		if (config[key] !== undefined && config[key] !== null) settings[key] = config[key];
	}
	return settings as T;
}
