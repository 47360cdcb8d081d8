import { WamediaError } from '@wamedia/core';
import type { ReferenceInput, Settings, SourceName, Sources } from '@wamedia/core/inputs';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { NodeOutputFormat } from './output-item.js';
import { credentialSettings, isNodeProvider, type NodeProvider, nodeProviders } from './providers.js';

/** The node's `source` values, and the core source each stands for. */
const sourceNames: Readonly<Record<string, SourceName>> = {
	webhook: 'webhookBody',
	messageId: 'idMessage',
	mediaUrl: 'mediaUrl',
	mediaId: 'mediaId',
};

/**
 * In-memory formats (`base64`, `binary`) refuse larger media unless Max Bytes says otherwise: n8n keeps
 * them in the worker's memory and, for `base64`, in its database (docs/n8n.md#memory).
 */
export const memoryMaxBytes = 64 * 1024 * 1024;

/** What one input item asks the node to do, in core's words. */
export interface ItemRequest {
	provider: NodeProvider;
	/** Core's flat settings: the credentials of the provider and the item's options, as text. */
	settings: Settings;
	sources: Sources;
	format: NodeOutputFormat;
	binaryPropertyName: string;
	fileName: string | undefined;
	/** maxBytes for this download when the user set none (memory formats only). */
	defaultMaxBytes: number | undefined;
}

const outputFormats: readonly string[] = ['base64', 'binary', 'file'] satisfies NodeOutputFormat[];

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : typeof value === 'string' ? value : String(value);

/**
 * Reads the node's parameters for one item and the credentials of its provider. Nothing is interpreted here:
 * core's `readSettings` and `readSources` check every value and name the field when one is wrong.
 */
export async function readItem(context: IExecuteFunctions, itemIndex: number): Promise<ItemRequest> {
	const parameter = (name: string, fallback?: unknown): unknown => context.getNodeParameter(name, itemIndex, fallback);
	const provider = parameter('provider');
	if (!isNodeProvider(provider)) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Unknown provider ${JSON.stringify(String(provider).slice(0, 40))}`,
			hint: `Set provider to one of ${Object.keys(nodeProviders).join(', ')}.`,
			details: { field: 'provider' },
		});
	}
	const credentials = await context.getCredentials(nodeProviders[provider].credential, itemIndex);
	const options = parameter('options', {}) as IDataObject;
	const format = String(parameter('outputFormat')) as NodeOutputFormat;
	if (!outputFormats.includes(format)) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Unknown outputFormat ${JSON.stringify(format.slice(0, 40))}`,
			hint: `Set format to one of ${outputFormats.join(', ')}.`,
			details: { field: 'format' },
		});
	}
	const settings: Settings = {
		...credentialSettings(provider, credentials),
		allowPrivateNetwork: text(options.allowPrivateNetwork),
		maxBytes: text(options.maxBytes),
		timeout: text(options.timeout),
	};
	const nodeSource = String(parameter('source'));
	const source = sourceNames[nodeSource];
	if (source === undefined) {
		throw new WamediaError('INVALID_INPUT', {
			message: `Unknown source ${JSON.stringify(nodeSource.slice(0, 40))}`,
			hint: `Set source to one of ${Object.keys(sourceNames).join(', ')}.`,
		});
	}
	const sources: Sources = { source };
	if (source === 'webhookBody') sources.webhookBody = parameter('body') as ReferenceInput;
	if (source === 'idMessage') {
		sources.idMessage = text(parameter('idMessage'));
		if (provider !== 'evolution') sources.chatId = text(parameter('chatId'));
	}
	if (source === 'mediaUrl') {
		sources.mediaUrl = text(parameter('mediaUrl'));
		if (provider === 'multiSession') {
			sources.sessionId = text(parameter('sessionId', ''));
			sources.phoneNumber = text(parameter('phoneNumber', ''));
		}
	}
	if (source === 'mediaId') sources.mediaId = text(parameter('mediaId'));
	const inMemory = format === 'base64' || format === 'binary';
	return {
		provider,
		settings,
		sources,
		format,
		binaryPropertyName: inMemory && format === 'base64' ? 'data' : String(parameter('binaryPropertyName', 'data')),
		fileName: text(options.fileName),
		defaultMaxBytes: inMemory && settings.maxBytes === undefined ? memoryMaxBytes : undefined,
	};
}
