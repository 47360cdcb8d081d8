import { isWamediaError, type WamediaError, type WamediaErrorJson } from '@wamedia/core';
import { inFaceWords, type SettingLabels } from '@wamedia/core/inputs';
import { type INode, type JsonObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Core's settings named as the n8n editor labels them (parameters, options and credential fields). */
export const fieldLabels: SettingLabels = {
	provider: '"Provider"',
	apiUrl: '"API URL"',
	idInstance: '"Instance ID"',
	apiTokenInstance: '"API Token"',
	serverUrl: '"Server URL"',
	apiKey: '"API Key"',
	session: '"Session"',
	instance: '"Instance"',
	accessToken: '"Access Token"',
	graphUrl: '"Graph API URL"',
	apiVersion: '"API Version"',
	maxBytes: '"Max Bytes"',
	timeout: '"Timeout"',
	allowPrivateNetwork: '"Allow Private Network"',
	format: '"Output Format"',
	chatId: '"Chat ID"',
	idMessage: '"Message ID"',
	mediaUrl: '"Media URL"',
	sessionId: '"Session ID"',
	phoneNumber: '"Phone Number"',
	mediaId: '"Media ID"',
	webhookBody: '"Webhook Body"',
};

/** A failure as Continue On Fail hands it on: `{success: false, error: {code, message, hint, status, retryable}}` (`status` null without an HTTP answer). */
export function errorJson(error: unknown): JsonObject {
	if (!isWamediaError(error)) return { success: false, error: { message: error instanceof Error ? error.message : String(error) } };
	const { code, message, hint, status, retryable } = inFaceWords(error.toJSON(), fieldLabels);
	return { success: false, error: { code, message, hint, status, retryable } };
}

/**
 * The error a failed item stops the workflow with: its message names the code ("AUTH_FAILED: …"), its
 * description is the hint, both in the editor's words. An answer of the gateway (an HTTP status) is a
 * NodeApiError, anything else a NodeOperationError. Core has already removed every secret from the error.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (!isWamediaError(error)) {
		return error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	}
	const shown: WamediaErrorJson = inFaceWords((error as WamediaError).toJSON(), fieldLabels);
	const message = `${shown.code}: ${shown.message}`;
	// n8n swaps a message that mentions a system error code (ECONNREFUSED, …) for a generic sentence; mapping
	// the wamedia code to the message itself keeps ours (n8n-workflow's NodeError.setDescriptiveErrorMessage).
	const options = { message, description: shown.hint, itemIndex, messageMapping: { [shown.code]: message } };
	if (typeof shown.status === 'number') {
		return new NodeApiError(node, { ...shown } as unknown as JsonObject, { ...options, httpCode: String(shown.status) });
	}
	return new NodeOperationError(node, message, options);
}
