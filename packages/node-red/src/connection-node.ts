import { type ClientOptions, createClient, type WamediaClient } from '@wamedia/core';
import { type ConnectionSettings, connectionCredentials, connectionDefaults, withDefaults } from './defaults.js';
import type { NodeApi, NodeConfig, RuntimeNode } from './node-red.js';

/** A running `wamedia-connection`: the gateway settings, and one client shared by every node that uses it. */
export interface ConnectionNode extends RuntimeNode {
	/** The client for these settings; throws a WamediaError (INVALID_INPUT, secrets redacted) when they are incomplete. */
	client(): WamediaClient;
}

/** Whether a node found by id is a `wamedia-connection`. */
export function isConnectionNode(node: RuntimeNode | null): node is ConnectionNode {
	return node !== null && node.type === 'wamedia-connection' && typeof (node as Partial<ConnectionNode>).client === 'function';
}

function filled(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Core's client options for a connection. Only the chosen provider's credentials are passed; a provider with
 * nothing filled in gives a client for direct links only (webhook links, `msg.downloadUrl`).
 */
export function clientOptions(settings: ConnectionSettings, credentials: Record<string, string | undefined> = {}): ClientOptions {
	const options: ClientOptions = { allowPrivateNetwork: settings.allowPrivateNetwork === true };
	if (settings.provider === 'multi-session') {
		const serverUrl = filled(settings.serverUrl);
		const apiKey = filled(credentials.apiKey);
		// Half a configuration goes to core as it is, so its INVALID_INPUT names the missing field.
		if (serverUrl !== undefined || apiKey !== undefined) options.multiSession = { serverUrl: serverUrl ?? '', apiKey: apiKey ?? '' };
	} else {
		const idInstance = filled(settings.idInstance);
		const apiTokenInstance = filled(credentials.apiTokenInstance);
		if (idInstance !== undefined || apiTokenInstance !== undefined) {
			const apiUrl = filled(settings.apiUrl);
			options.greenApi = {
				idInstance: idInstance ?? '',
				apiTokenInstance: apiTokenInstance ?? '',
				...(apiUrl === undefined ? {} : { apiUrl }),
			};
		}
	}
	return options;
}

/** Registers the `wamedia-connection` config node. */
export function registerConnectionNode(RED: NodeApi): void {
	RED.nodes.registerType(
		'wamedia-connection',
		function (this: RuntimeNode, config: NodeConfig) {
			RED.nodes.createNode(this, config);
			const settings = withDefaults(connectionDefaults, config);
			let client: WamediaClient | undefined;
			(this as ConnectionNode).client = () => {
				// Node-RED has already put `${ENV}` values in place, in properties and credentials alike.
				client ??= createClient(clientOptions(settings, this.credentials));
				return client;
			};
		},
		{ credentials: connectionCredentials },
	);
}
