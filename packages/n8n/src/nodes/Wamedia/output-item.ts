import type { Base64Result, BinaryResult, DownloadResult, StreamResult } from '@wamedia/core';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { nodeProviderName } from './providers.js';

/** The node's `outputFormat` values: seed 000's three. */
export type NodeOutputFormat = 'base64' | 'binary' | 'file';

/** A download as the node asked core for it: base64 text, a Buffer, or a stream for `file`. */
export type NodeResult = Base64Result | BinaryResult | StreamResult;

/** The result's description: everything but the bytes and the link (a presigned link is a capability). */
export function describeResult(result: DownloadResult, format: NodeOutputFormat, size: number, sha256: string): IDataObject {
	const optional = {
		chatId: result.chatId,
		idMessage: result.idMessage,
		sessionId: result.sessionId,
		phoneNumber: result.phoneNumber,
		mediaId: result.mediaId,
		phoneNumberId: result.phoneNumberId,
		caption: result.caption,
	};
	return {
		success: true,
		message: result.message,
		fileName: result.fileName,
		mimeType: result.mimeType,
		size,
		sha256,
		format,
		provider: nodeProviderName(result.provider),
		...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
	};
}

/**
 * Reads a stream result into n8n's binary-data store. `prepareBinaryData` pipes the stream, so in n8n's
 * filesystem mode the bytes go to disk as they arrive; core's `done` says whether they were complete and
 * verified. A failure of either rejects, with core's typed error when core saw it.
 */
async function storeStream(context: IExecuteFunctions, result: StreamResult): Promise<[IBinaryData, number, string]> {
	const [stored, summary] = await Promise.allSettled([
		context.helpers.prepareBinaryData(result.stream, result.fileName, result.mimeType),
		result.done,
	]);
	if (summary.status === 'rejected') throw summary.reason;
	if (stored.status === 'rejected') throw stored.reason;
	return [stored.value, summary.value.size, summary.value.sha256];
}

/**
 * One output item for one download: `json` describes it (with the base64 text as `data` for `base64`), and for
 * `binary` and `file` the bytes go through n8n's binary-data helpers into `binary[binaryPropertyName]`.
 */
export async function outputItem(
	context: IExecuteFunctions,
	result: NodeResult,
	format: NodeOutputFormat,
	binaryPropertyName: string,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const pairedItem = { item: itemIndex };
	if (result.format === 'base64') {
		return { json: { ...describeResult(result, format, result.size, result.sha256), data: result.data }, pairedItem };
	}
	const [binary, size, sha256] =
		result.format === 'stream'
			? await storeStream(context, result)
			: [await context.helpers.prepareBinaryData(result.data, result.fileName, result.mimeType), result.size, result.sha256];
	return { json: describeResult(result, format, size, sha256), binary: { [binaryPropertyName]: binary }, pairedItem };
}
