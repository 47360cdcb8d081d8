import { ArtifactServiceError } from './http.js';
import type { ArtifactInfo, ArtifactStore } from './store.js';
import type { ArtifactScope, TokenCheck } from './token.js';

/** Path prefix of every Twirp method of the results service. */
export const twirpPrefix = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** What the Twirp methods work on. */
export interface TwirpContext {
	readonly store: ArtifactStore;
	/** The run and job the service stands for. */
	readonly scope: ArtifactScope;
	/** Origin of the signed blob URLs. */
	readonly origin: string;
	/** Lifetime of a signed URL. */
	readonly urlTtlSeconds: number;
}

type Body = Record<string, unknown>;

// The client sends proto field names; protobuf JSON also allows lowerCamelCase, so both are read.
function field(body: Body, name: string): unknown {
	return body[name] ?? body[name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

function text(body: Body, name: string): string {
	const value = field(body, name);
	if (typeof value !== 'string' || value === '') throw new ArtifactServiceError(400, `${name} is required`);
	return value;
}

function optionalText(body: Body, name: string): string | undefined {
	const value = field(body, name);
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

type ScopeToken = Extract<TokenCheck, { ok: true }>;

// The characters @actions/artifact itself refuses in names (upload/path-and-artifact-name-validation.ts).
const forbiddenInName = /[":<>|*?\r\n\\/]/;

function checkScope(context: TwirpContext, token: ScopeToken, body: Body, ownJob: boolean): ArtifactScope {
	const scope = token.scope;
	if (scope.workflowRunBackendId !== context.scope.workflowRunBackendId) {
		throw new ArtifactServiceError(403, 'the runtime token belongs to another workflow run');
	}
	const run = text(body, 'workflow_run_backend_id');
	const job = text(body, 'workflow_job_run_backend_id');
	if (run !== scope.workflowRunBackendId) throw new ArtifactServiceError(403, 'workflow_run_backend_id is not the run of the token');
	// Only the job that creates an artifact uploads it; listing and deleting work across the jobs of the run, as
	// `overwrite` after a re-run deletes the artifact an earlier job attempt made (delete-artifact.ts sends its job id).
	if (ownJob && job !== scope.workflowJobRunBackendId) {
		throw new ArtifactServiceError(403, 'workflow_job_run_backend_id is not the job of the token');
	}
	return { workflowRunBackendId: run, workflowJobRunBackendId: job };
}

function signedUrl(context: TwirpContext, key: string, signature: string, permissions: string): string {
	const expiry = new Date(Date.now() + context.urlTtlSeconds * 1000).toISOString();
	const query = new URLSearchParams({ sv: '2026-04-06', se: expiry, sr: 'b', sp: permissions, sig: signature });
	return `${context.origin}/blob/${key}?${query.toString()}`;
}

function listed(info: ArtifactInfo): Body {
	return {
		workflow_run_backend_id: info.workflowRunBackendId,
		workflow_job_run_backend_id: info.workflowJobRunBackendId,
		database_id: String(info.id),
		name: info.name,
		size: String(info.size),
		created_at: info.createdAt.toISOString(),
		...(info.sha256 === undefined ? {} : { digest: `sha256:${info.sha256}` }),
	};
}

function createArtifact(context: TwirpContext, scope: ArtifactScope, body: Body): Body {
	const name = text(body, 'name');
	if (forbiddenInName.test(name)) throw new ArtifactServiceError(400, `artifact name ${JSON.stringify(name)} has a forbidden character`);
	const version = Number(field(body, 'version') ?? 0);
	if (!Number.isInteger(version) || version < 4) throw new ArtifactServiceError(400, `unsupported artifact version ${version}`);
	const expires = optionalText(body, 'expires_at');
	const expiresAt = expires === undefined ? undefined : new Date(expires);
	if (expiresAt !== undefined && !(expiresAt.getTime() > Date.now())) {
		throw new ArtifactServiceError(400, `expires_at ${expires} is not a future time`);
	}
	const { key, signature } = context.store.create({ scope, name, version, expiresAt, mimeType: optionalText(body, 'mime_type') });
	return { ok: true, signed_upload_url: signedUrl(context, key, signature, 'cw') };
}

/**
 * Answers one Twirp method of `github.actions.results.api.v1.ArtifactService` (CreateArtifact, FinalizeArtifact,
 * ListArtifacts, GetSignedArtifactURL, DeleteArtifact) with its JSON response, or throws an
 * {@link ArtifactServiceError}. The runtime token must carry `Actions.Results:<run>:<job>` of the service's run.
 *
 * @example handleTwirp(context, "ListArtifacts", checkRuntimeToken(authorization), body)
 */
export function handleTwirp(context: TwirpContext, method: string, token: TokenCheck, body: Body): Body {
	if (!token.ok) throw new ArtifactServiceError(401, `unauthenticated: ${token.message}`);
	switch (method) {
		case 'CreateArtifact':
			return createArtifact(context, checkScope(context, token, body, true), body);
		case 'FinalizeArtifact': {
			const scope = checkScope(context, token, body, true);
			const info = context.store.finalize(scope, text(body, 'name'), optionalText(body, 'size') ?? '0', optionalText(body, 'hash'));
			return { ok: true, artifact_id: String(info.id) };
		}
		case 'ListArtifacts': {
			const { workflowRunBackendId } = checkScope(context, token, body, false);
			const name = optionalText(body, 'name_filter');
			const id = optionalText(body, 'id_filter');
			const filter = { ...(name === undefined ? {} : { name }), ...(id === undefined ? {} : { id: Number(id) }) };
			return { artifacts: context.store.listRun(workflowRunBackendId, filter).map(listed) };
		}
		case 'GetSignedArtifactURL': {
			const { workflowRunBackendId } = checkScope(context, token, body, false);
			const { key, signature } = context.store.downloadKey(workflowRunBackendId, text(body, 'name'));
			return { signed_url: signedUrl(context, key, signature, 'r') };
		}
		case 'DeleteArtifact': {
			const { workflowRunBackendId } = checkScope(context, token, body, false);
			const info = context.store.delete(workflowRunBackendId, text(body, 'name'));
			return { ok: true, artifact_id: String(info.id) };
		}
		default:
			throw new ArtifactServiceError(404, `no such method: ${method}`);
	}
}
