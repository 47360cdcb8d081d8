// A stand-in for n8n's IExecuteFunctions, enough to run the node's execute() in-process against the
// sandbox: parameters per item (n8n resolves expressions before the node sees them, so tests give values),
// credentials by type, Continue On Fail, and binary helpers that keep the bytes they were given.
import { Readable } from 'node:stream';
import type { IBinaryData, ICredentialDataDecryptedObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { Wamedia } from '../../src/nodes/Wamedia/Wamedia.node.ts';

/** Parameters of the node (the same for every item unless a function of the item index). */
export type Parameters = Record<string, unknown | ((itemIndex: number) => unknown)>;

/** What a run of the node gave: its output items and the bytes stored for each binary field by id. */
export interface NodeRun {
	items: INodeExecutionData[];
	stored: Map<string, Buffer>;
	/** Whether each binary field was handed over as a stream (the `file` format) or a Buffer. */
	streamed: Map<string, boolean>;
}

const node: INode = {
	id: 'b0c1d2e3-0000-4000-8000-000000000001',
	name: 'WhatsApp Media',
	type: 'n8n-nodes-wamedia.wamedia',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Runs the node's execute() over `inputs` with `parameters`, `credentials` by type, and Continue On Fail as given. */
export async function runNode(
	parameters: Parameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	inputs: Array<Record<string, unknown>> = [{}],
	continueOnFail = false,
): Promise<NodeRun> {
	const stored = new Map<string, Buffer>();
	const streamed = new Map<string, boolean>();
	const defaults: Parameters = { provider: 'greenApi', source: 'webhook', outputFormat: 'base64', binaryPropertyName: 'data', options: {} };
	const all = { ...defaults, ...parameters };
	const context = {
		getInputData: () => inputs.map((json) => ({ json })),
		getNode: () => node,
		continueOnFail: () => continueOnFail,
		getExecutionCancelSignal: () => undefined,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			const value = name === 'body' && !(name in all) ? inputs[itemIndex] : all[name];
			const resolved = typeof value === 'function' ? (value as (index: number) => unknown)(itemIndex) : value;
			if (resolved === undefined && fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return resolved ?? fallback;
		},
		async getCredentials(type: string) {
			const found = credentials[type];
			if (found === undefined) throw new Error(`Node does not have any credentials set for "${type}"`);
			return found;
		},
		helpers: {
			async prepareBinaryData(data: Buffer | Readable, fileName?: string, mimeType?: string): Promise<IBinaryData> {
				const bytes = data instanceof Readable ? Buffer.concat(await data.toArray()) : data;
				const id = `test:${stored.size}`;
				stored.set(id, bytes);
				streamed.set(id, data instanceof Readable);
				return {
					id,
					data: 'filesystem-v2',
					mimeType: mimeType ?? 'application/octet-stream',
					...(fileName === undefined ? {} : { fileName }),
					fileSize: String(bytes.length),
				};
			},
		},
	} as unknown as IExecuteFunctions;
	const [items = []] = await new Wamedia().execute.call(context);
	return { items, stored, streamed };
}
