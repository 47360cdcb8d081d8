/** The two backend ids a runtime token is scoped to: the workflow run and the job run within it. */
export interface ArtifactScope {
	readonly workflowRunBackendId: string;
	readonly workflowJobRunBackendId: string;
}

/** What to put in a runtime token. */
export interface RuntimeTokenOptions {
	/** Default: the service's run. */
	workflowRunBackendId?: string;
	/** Default: the service's job. */
	workflowJobRunBackendId?: string;
	/** Replaces the whole `scp` claim (e.g. one without `Actions.Results`, to test the refusal). */
	scope?: string;
	/** `exp` claim; default one hour from now. */
	expiresAt?: Date;
}

/** A token check: the scope it grants, or the status and message to refuse with. */
export type TokenCheck = { readonly ok: true; readonly scope: ArtifactScope } | { readonly ok: false; readonly message: string };

function base64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * An unsigned JWT (`alg: none`, empty signature) shaped like the runner's `ACTIONS_RUNTIME_TOKEN`:
 * `@actions/artifact` only decodes it and reads the `Actions.Results:<run>:<job>` entry of `scp`
 * (toolkit `packages/artifact/src/internal/shared/util.ts`).
 *
 * @example createRuntimeToken({ workflowRunBackendId: "run", workflowJobRunBackendId: "job" })
 */
export function createRuntimeToken(scope: ArtifactScope, options: RuntimeTokenOptions = {}): string {
	const run = options.workflowRunBackendId ?? scope.workflowRunBackendId;
	const job = options.workflowJobRunBackendId ?? scope.workflowJobRunBackendId;
	const expiresAt = options.expiresAt ?? new Date(Date.now() + 3_600_000);
	const claims = {
		scp: options.scope ?? `Actions.GenericRead:${run} Actions.Results:${run}:${job} Actions.UploadArtifacts:${run}:${job}`,
		iss: 'wamedia-sandbox',
		aud: 'vso:artifact-service',
		nbf: Math.floor(Date.now() / 1000) - 60,
		exp: Math.floor(expiresAt.getTime() / 1000),
	};
	return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`;
}

/**
 * Reads `Authorization: Bearer <jwt>` the way the service does: the token must decode, be unexpired, and carry
 * exactly one `Actions.Results:<run>:<job>` scope. The signature is not checked (there is none).
 *
 * @example checkRuntimeToken(request.headers.authorization)
 */
export function checkRuntimeToken(authorization: string | undefined, now = Date.now()): TokenCheck {
	const match = /^Bearer (\S+)$/.exec(authorization ?? '');
	if (!match) return { ok: false, message: 'missing bearer token' };
	let claims: { scp?: unknown; exp?: unknown };
	try {
		const payload = match[1]?.split('.')[1] ?? '';
		claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
	} catch {
		return { ok: false, message: 'the token is not a JWT' };
	}
	if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) return { ok: false, message: 'the token has expired' };
	const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
	const results = scopes.map((entry) => entry.split(':')).filter((parts) => parts[0] === 'Actions.Results');
	const parts = results[0];
	if (results.length !== 1 || parts?.length !== 3 || !parts[1] || !parts[2]) {
		return { ok: false, message: 'the token has no Actions.Results:<run>:<job> scope' };
	}
	return { ok: true, scope: { workflowRunBackendId: parts[1], workflowJobRunBackendId: parts[2] } };
}
