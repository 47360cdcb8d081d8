import type { ProviderName, Settings } from '@wamedia/core/inputs';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The node's `provider` values: workflow JSON names, so they never change. */
export type NodeProvider = 'greenApi' | 'multiSession' | 'meta' | 'waha' | 'evolution';

/** What the node knows of one gateway: core's name for it, its credential type, and the credential fields core reads. */
interface ProviderFacts {
	core: ProviderName;
	credential: string;
	fields: readonly string[];
}

/** Each provider of the node, in the order the editor lists them. */
export const nodeProviders: Readonly<Record<NodeProvider, ProviderFacts>> = {
	greenApi: { core: 'green-api', credential: 'wamediaGreenApi', fields: ['apiUrl', 'idInstance', 'apiTokenInstance'] },
	multiSession: { core: 'multi-session', credential: 'wamediaMultiSessionApi', fields: ['serverUrl', 'apiKey'] },
	meta: { core: 'meta', credential: 'wamediaMetaCloudApi', fields: ['accessToken', 'graphUrl', 'apiVersion'] },
	waha: { core: 'waha', credential: 'wamediaWahaApi', fields: ['serverUrl', 'apiKey', 'session'] },
	evolution: { core: 'evolution', credential: 'wamediaEvolutionApi', fields: ['serverUrl', 'apiKey', 'instance'] },
};

/** Whether a `provider` parameter names one of the node's providers. */
export function isNodeProvider(value: unknown): value is NodeProvider {
	return typeof value === 'string' && Object.hasOwn(nodeProviders, value);
}

/** The node's name for a provider core reports in a result (`green-api` → `greenApi`); others pass through. */
export function nodeProviderName(core: string): string {
	return (Object.keys(nodeProviders) as NodeProvider[]).find((name) => nodeProviders[name].core === core) ?? core;
}

/**
 * Core's flat settings for a provider's credentials: only that provider's fields, as text, so core checks them
 * (a credential of another type that happens to hold more fields passes nothing else on).
 */
export function credentialSettings(provider: NodeProvider, credentials: ICredentialDataDecryptedObject): Settings {
	const facts = nodeProviders[provider];
	const settings: Record<string, string | undefined> = { provider: facts.core };
	for (const field of facts.fields) {
		const value = credentials[field];
		settings[field] = value === undefined || value === null ? undefined : String(value);
	}
	return settings as Settings;
}
