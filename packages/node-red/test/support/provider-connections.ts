// Connections to the sandbox's Meta Cloud API, WAHA and Evolution API emulators, and their credentials.
import type { Sandbox } from '@wamedia/sandbox';
import type { FlowNode } from './harness.js';

/** A Meta connection to the sandbox's Graph API. */
export function metaConnection(sandbox: Sandbox, overrides: Record<string, unknown> = {}): FlowNode {
	return {
		id: 'conn',
		type: 'wamedia-connection',
		provider: 'meta',
		graphUrl: sandbox.meta.graphUrl,
		apiVersion: sandbox.meta.apiVersion,
		...overrides,
	};
}

/** A WAHA connection to the sandbox (session left empty: WAHA's `default`). */
export function wahaConnection(sandbox: Sandbox): FlowNode {
	return { id: 'conn', type: 'wamedia-connection', provider: 'waha', serverUrl: sandbox.waha.serverUrl };
}

/** An Evolution API connection to the sandbox's instance. */
export function evolutionConnection(sandbox: Sandbox): FlowNode {
	return {
		id: 'conn',
		type: 'wamedia-connection',
		provider: 'evolution',
		serverUrl: sandbox.evolution.serverUrl,
		instance: sandbox.evolution.instance,
	};
}

/** The credentials of each provider's connection, keyed by the connection's id as the helper expects. */
export const providerCredentials = {
	meta: (sandbox: Sandbox) => ({ conn: { accessToken: sandbox.meta.accessToken } }),
	waha: (sandbox: Sandbox) => ({ conn: { apiKey: sandbox.waha.apiKey } }),
	evolution: (sandbox: Sandbox) => ({ conn: { apiKey: sandbox.evolution.apiKey } }),
};
