import { createClient, type WamediaClient } from '@wamedia/core';
import { readSettings, readSources, settingDefaults } from '@wamedia/core/inputs';
import {
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { errorJson, toNodeError } from './node-error.js';
import { type NodeResult, outputItem } from './output-item.js';
import { readItem } from './read-item.js';

/** Shows a field for the given providers and sources. */
const showFor = (provider: string[], source: string[]): IDisplayOptions => ({ show: { provider, source } });

const webhookOption = {
	name: 'Webhook Body',
	value: 'webhook',
	description: 'A webhook, notification or journal body from a previous node (a Webhook trigger, an HTTP Request, …)',
};

/** Downloads the media of WhatsApp messages through the gateway the user runs, with core doing all of the work. */
export class Wamedia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Media (wamedia)',
		name: 'wamedia',
		icon: 'file:wamedia.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{"Download from " + $parameter["provider"]}}',
		description:
			'Download the media of WhatsApp messages (images, voice notes, videos, documents, stickers) from Green-API, WhatsApp Multi-Session, the Meta Cloud API, WAHA or Evolution API',
		defaults: { name: 'WhatsApp Media' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'wamediaGreenApi', required: true, displayOptions: { show: { provider: ['greenApi'] } } },
			{ name: 'wamediaMultiSessionApi', required: true, displayOptions: { show: { provider: ['multiSession'] } } },
			{ name: 'wamediaMetaCloudApi', required: true, displayOptions: { show: { provider: ['meta'] } } },
			{ name: 'wamediaWahaApi', required: true, displayOptions: { show: { provider: ['waha'] } } },
			{ name: 'wamediaEvolutionApi', required: true, displayOptions: { show: { provider: ['evolution'] } } },
		],
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Green-API', value: 'greenApi' },
					{ name: 'WhatsApp Multi-Session', value: 'multiSession' },
					{ name: 'Meta WhatsApp Cloud API', value: 'meta' },
					{ name: 'WAHA', value: 'waha' },
					{ name: 'Evolution API', value: 'evolution' },
				],
				default: 'greenApi',
				description: 'The gateway that received the message',
			},
			// One `source` per provider: each gateway names its media its own way.
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { provider: ['greenApi'] } },
				options: [
					webhookOption,
					{ name: 'Message ID', value: 'messageId', description: 'A chat ID and a message ID; the link is asked of downloadFile' },
				],
				default: 'webhook',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { provider: ['multiSession'] } },
				options: [webhookOption, { name: 'Media URL', value: 'mediaUrl', description: 'The media_url of a Multi-Session webhook' }],
				default: 'webhook',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { provider: ['meta'] } },
				options: [
					webhookOption,
					{ name: 'Media ID', value: 'mediaId', description: 'The media ID of an image, video, audio, document or sticker message' },
				],
				default: 'webhook',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { provider: ['waha'] } },
				options: [
					webhookOption,
					{ name: 'Message ID', value: 'messageId', description: 'A chat ID and a message ID; the media is fetched again from WAHA' },
					{ name: 'Media URL', value: 'mediaUrl', description: 'The payload.media.url of a WAHA webhook' },
				],
				default: 'webhook',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { provider: ['evolution'] } },
				options: [
					webhookOption,
					{ name: 'Message ID', value: 'messageId', description: 'The key.id of the message; the media is asked of Evolution' },
				],
				default: 'webhook',
			},
			{
				displayName: 'Webhook Body',
				name: 'body',
				type: 'json',
				default: '={{ $json }}',
				required: true,
				displayOptions: { show: { source: ['webhook'] } },
				description: 'The body the gateway posted; by default the whole input item',
				hint: 'A Webhook trigger puts the body in $json.body: then set this to {{ $json.body }}. A body with several media gives one item each.',
			},
			{
				displayName: 'Chat ID',
				name: 'chatId',
				type: 'string',
				default: '',
				required: true,
				placeholder: '79001234567@c.us',
				displayOptions: showFor(['greenApi', 'waha'], ['messageId']),
				description: 'The chat the message is in',
				hint: 'Green-API: senderData.chatId of the webhook. WAHA: payload.from (or payload.to for your own messages).',
			},
			{
				displayName: 'Message ID',
				name: 'idMessage',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'BAE5F4886F6F2D05',
				displayOptions: { show: { source: ['messageId'] } },
				description: 'The ID of the message that carries the media',
				hint: 'Green-API: idMessage of the webhook. WAHA: payload.id. Evolution: data.key.id.',
			},
			{
				displayName: 'Session ID',
				name: 'sessionId',
				type: 'string',
				default: '',
				displayOptions: showFor(['multiSession'], ['mediaUrl']),
				description: 'The Multi-Session session the message arrived on (session_id of the webhook); passed on to the output',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '6281234567890',
				displayOptions: showFor(['multiSession'], ['mediaUrl']),
				description: 'The number of the sender (from of the webhook); passed on to the output',
			},
			{
				displayName: 'Media URL',
				name: 'mediaUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: '/api/media/temp/filename.jpg?expires=1234567890',
				displayOptions: showFor(['multiSession', 'waha'], ['mediaUrl']),
				description: 'The link of the media, absolute or relative to the server URL of the credential',
				hint: 'Multi-Session: media_url of the webhook, e.g. {{ $json.media_url }}. WAHA: {{ $json.payload.media.url }}.',
			},
			{
				displayName: 'Media ID',
				name: 'mediaId',
				type: 'string',
				default: '',
				required: true,
				placeholder: '1234567890123456',
				displayOptions: showFor(['meta'], ['mediaId']),
				description: 'The ID of the media, valid for 7 days after the webhook',
				hint: 'entry[0].changes[0].value.messages[0].image.id of the webhook (or .video, .audio, .document, .sticker).',
			},
			{
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'options',
				options: [
					{ name: 'Base64', value: 'base64', description: 'The bytes as base64 text in the field data of the JSON' },
					{ name: 'Binary', value: 'binary', description: 'The bytes as n8n binary data, read in memory' },
					{ name: 'File', value: 'file', description: 'The bytes as n8n binary data, streamed: for large videos' },
				],
				default: 'base64',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				displayOptions: { show: { outputFormat: ['binary', 'file'] } },
				description: 'The name of the binary field the media goes to',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allow Private Network',
						name: 'allowPrivateNetwork',
						type: 'boolean',
						default: false,
						description:
							'Whether media links may point to private or loopback addresses; they may anyway when the gateway itself is on one',
					},
					{
						displayName: 'File Name',
						name: 'fileName',
						type: 'string',
						default: '',
						description: 'The name the file gets instead of the one the gateway gives, used as given (add the extension yourself)',
					},
					{
						displayName: 'Max Bytes',
						name: 'maxBytes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 67108864,
						description: 'Larger media fail with TOO_LARGE. Without this option: 64 MiB for Base64 and Binary, no limit for File.',
					},
					{
						displayName: 'Timeout',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: settingDefaults.timeout,
						description: 'Milliseconds to wait for an answer, and between bytes of the media',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		// One client per distinct set of settings, so items with the same credentials share its connections.
		const clients = new Map<string, WamediaClient>();
		const signal = this.getExecutionCancelSignal();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const request = await readItem(this, itemIndex);
				const settings = readSettings(request.settings);
				const references = readSources(request.sources, settings);
				const key = JSON.stringify(request.settings);
				const client = clients.get(key) ?? createClient(settings.client);
				clients.set(key, client);
				for (const reference of references) {
					try {
						const result = (await client.download(reference, {
							format: request.format === 'file' ? 'stream' : request.format,
							...(request.fileName === undefined ? {} : { fileName: request.fileName }),
							...(request.defaultMaxBytes === undefined ? {} : { maxBytes: request.defaultMaxBytes }),
							...(signal === undefined ? {} : { signal }),
						})) as NodeResult;
						output.push(await outputItem(this, result, request.format, request.binaryPropertyName, itemIndex));
					} catch (error) {
						if (!this.continueOnFail()) throw error;
						output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
					}
				}
			} catch (error) {
				if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
				output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
