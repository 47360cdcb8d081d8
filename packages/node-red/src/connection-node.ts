import { createClient, type WamediaClient } from '@wamedia/core';
import { type ReadSettingsResult, readSettings, type Settings } from '@wamedia/core/inputs';
import { type ConnectionSettings, connectionCredentials, connectionDefaults, withDefaults } from './defaults.js';
import type { NodeApi, NodeConfig, RuntimeNode } from './node-red.js';

/** A running `wamedia-connection`: the gateway settings, and one client shared by every node that uses it. */
export interface ConnectionNode extends RuntimeNode {
	/** The client for these settings; throws a WamediaError (INVALID_INPUT, naming the field) when they are not usable. */
	client(): WamediaClient;
	/** The chosen provider: it says what `msg.mediaUrl` and `msg.idMessage` name (WAHA, Evolution or the others). */
	provider: ConnectionSettings['provider'];
	/** The settings as core read them, which decide where a message id or media URL goes (core's readSources). */
	settings(): ReadSettingsResult;
}

/** Whether a node found by id is a `wamedia-connection`. */
export function isConnectionNode(node: RuntimeNode | null): node is ConnectionNode {
	return node !== null && node.type === 'wamedia-connection' && typeof (node as Partial<ConnectionNode>).client === 'function';
}

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

/**
 * Core's settings for a connection, by their ids. Only the chosen provider's fields are passed: the other
 * provider's fields are hidden in the editor but keep what was typed there.
 */
export function connectionSettings(settings: ConnectionSettings, credentials: Record<string, string | undefined> = {}): Settings {
	const server = { serverUrl: text(settings.serverUrl), apiKey: credentials.apiKey };
	const byProvider: Record<string, Settings> = {
		'multi-session': server,
		waha: { ...server, session: text(settings.session) },
		evolution: { ...server, instance: text(settings.instance) },
		meta: {
			accessToken: credentials.accessToken,
			graphUrl: text(settings.graphUrl),
			apiVersion: text(settings.apiVersion),
			phoneNumberId: text(settings.phoneNumberId),
		},
	};
	const chosen = byProvider[String(settings.provider)] ?? {
		apiUrl: text(settings.apiUrl),
		idInstance: text(settings.idInstance),
		apiTokenInstance: credentials.apiTokenInstance,
	};
	return { provider: text(settings.provider), allowPrivateNetwork: text(settings.allowPrivateNetwork), ...chosen };
}

/** Registers the `wamedia-connection` config node. */
export function registerConnectionNode(RED: NodeApi): void {
	RED.nodes.registerType(
		'wamedia-connection',
		function (this: RuntimeNode, config: NodeConfig) {
			RED.nodes.createNode(this, config);
			const settings = withDefaults(connectionDefaults, config);
			let client: WamediaClient | undefined;
			let read: ReadSettingsResult | undefined;
			(this as ConnectionNode).provider = settings.provider;
			// Node-RED has already put `${ENV}` values in place, in properties and credentials alike.
			(this as ConnectionNode).settings = () => {
				read ??= readSettings(connectionSettings(settings, this.credentials));
				return read;
			};
			(this as ConnectionNode).client = () => {
				client ??= createClient((this as ConnectionNode).settings().client);
				return client;
			};
		},
		{ credentials: connectionCredentials },
	);
}
