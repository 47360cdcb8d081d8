import { createHash } from 'node:crypto';
import type { ArtifactService } from '../src/index.js';

/** Hex SHA-256 of bytes. */
export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** The run and job ids of the service's own token, as a request body spells them. */
export function ids(service: ArtifactService): Record<string, string> {
	return { workflow_run_backend_id: service.workflowRunBackendId, workflow_job_run_backend_id: service.workflowJobRunBackendId };
}

/** Calls a Twirp method of the service as `@actions/artifact` does; `token: null` sends no Authorization. */
export async function twirp(
	service: ArtifactService,
	method: string,
	body: Record<string, unknown>,
	token: string | null = service.runtimeToken,
): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${service.resultsUrl}twirp/github.actions.results.api.v1.ArtifactService/${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A block id as the Azure SDK makes them: base64 of a fixed-length string. */
export function blockId(index: number): string {
	return Buffer.from(`wamedia-block-${String(index).padStart(6, '0')}`).toString('base64');
}

/** Stages one block on a signed upload URL. */
export function putBlock(url: string, id: string, bytes: Uint8Array): Promise<Response> {
	return fetch(`${url}&comp=block&blockid=${encodeURIComponent(id)}`, { method: 'PUT', body: bytes });
}

/** Commits a block list on a signed upload URL. */
export function commitBlocks(url: string, blockIds: readonly string[]): Promise<Response> {
	const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${blockIds.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`;
	return fetch(`${url}&comp=blocklist`, {
		method: 'PUT',
		headers: { 'content-type': 'application/xml', 'x-ms-blob-content-type': 'application/zip' },
		body: xml,
	});
}

/** Creates an artifact and returns its signed upload URL. */
export async function createArtifact(service: ArtifactService, name: string): Promise<string> {
	const created = await twirp(service, 'CreateArtifact', { ...ids(service), name, version: 7, mime_type: 'application/zip' });
	if (created.status !== 200) throw new Error(`CreateArtifact answered ${created.status}: ${JSON.stringify(created.body)}`);
	return created.body.signed_upload_url as string;
}

/** Creates, uploads (one block) and finalizes an artifact; returns its id. */
export async function uploadArtifact(service: ArtifactService, name: string, bytes: Buffer): Promise<string> {
	const url = await createArtifact(service, name);
	await putBlock(url, blockId(0), bytes);
	await commitBlocks(url, [blockId(0)]);
	const finalized = await twirp(service, 'FinalizeArtifact', {
		...ids(service),
		name,
		size: String(bytes.length),
		hash: `sha256:${sha256(bytes)}`,
	});
	return finalized.body.artifact_id as string;
}
