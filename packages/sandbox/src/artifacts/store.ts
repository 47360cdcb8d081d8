import { createHash, randomBytes } from 'node:crypto';
import { ArtifactServiceError } from './http.js';
import type { ArtifactScope } from './token.js';

/**
 * An artifact as tests see it.
 *
 * @example service.artifacts.get("whatsapp-media").sha256
 */
export interface ArtifactInfo {
	/** The database id, returned as `artifact_id` by FinalizeArtifact. */
	readonly id: number;
	readonly name: string;
	readonly workflowRunBackendId: string;
	/** The job run that created it. */
	readonly workflowJobRunBackendId: string;
	readonly createdAt: Date;
	/** From `expires_at` (the retention the client asked for); undefined means the repository default. */
	readonly expiresAt: Date | undefined;
	/** The `mime_type` of CreateArtifact, else the blob's content type. */
	readonly mimeType: string | undefined;
	/** The client's protocol `version` (7 for `@actions/artifact` 6.2). */
	readonly version: number;
	/** Whether FinalizeArtifact accepted it; only finalized artifacts are listed. */
	readonly finalized: boolean;
	/** The committed blob: the zip `@actions/artifact` uploaded (empty before the block list is committed). */
	readonly bytes: Buffer;
	readonly size: number;
	/** Hex SHA-256 of `bytes`, once committed. */
	readonly sha256: string | undefined;
}

/** What CreateArtifact asks for. */
export interface NewArtifact {
	readonly scope: ArtifactScope;
	readonly name: string;
	readonly version: number;
	readonly expiresAt: Date | undefined;
	readonly mimeType: string | undefined;
}

/** An artifact with the state the emulator keeps for it. */
export interface ArtifactRecord {
	info: ArtifactInfo;
	/** Path segment of the signed URLs. */
	readonly key: string;
	/** The `sig` of the signed upload URL. */
	readonly signature: string;
	readonly blocks: Map<string, Buffer>;
	blobContentType: string | undefined;
}

/** The already-exists text of the real service (docs/actions.md#artifact-service-protocol). */
export const duplicateNameMessage = 'an artifact with this name already exists on the workflow run';

/**
 * The artifacts of one emulated service, with their staged blocks and committed blobs.
 *
 * @example store.create({ scope, name: "logs", version: 7, expiresAt: undefined, mimeType: "application/zip" })
 */
export class ArtifactStore {
	#records: ArtifactRecord[] = [];
	#nextId = 4001;
	/** The largest artifact accepted, in bytes. */
	readonly maxBytes: number;

	constructor(maxBytes: number) {
		this.maxBytes = maxBytes;
	}

	/** Every artifact, oldest first. */
	list(): ArtifactInfo[] {
		return this.#records.map((record) => record.info);
	}

	/** Registers an artifact; 409 when the run already has one of that name (finalized or not). */
	create(request: NewArtifact): { key: string; signature: string } {
		if (this.#byName(request.scope.workflowRunBackendId, request.name)) throw new ArtifactServiceError(409, duplicateNameMessage);
		const record: ArtifactRecord = {
			info: {
				id: this.#nextId++,
				name: request.name,
				workflowRunBackendId: request.scope.workflowRunBackendId,
				workflowJobRunBackendId: request.scope.workflowJobRunBackendId,
				createdAt: new Date(),
				expiresAt: request.expiresAt,
				mimeType: request.mimeType,
				version: request.version,
				finalized: false,
				bytes: Buffer.alloc(0),
				size: 0,
				sha256: undefined,
			},
			key: randomBytes(12).toString('hex'),
			// Standard base64 with padding, like an Azure SAS `sig`.
			signature: randomBytes(32).toString('base64'),
			blocks: new Map(),
			blobContentType: undefined,
		};
		this.#records.push(record);
		return { key: record.key, signature: record.signature };
	}

	/** The artifact behind a signed URL's key and `sig`; 404 or 403 otherwise. */
	bySignedKey(key: string, signature: string | null): ArtifactRecord {
		const record = this.#records.find((candidate) => candidate.key === key);
		if (!record) throw new ArtifactServiceError(404, 'The specified blob does not exist.', 'BlobNotFound');
		// The Azure SDK may re-encode `sig` without its base64 padding (nektos/act pkg/artifacts/artifacts_v4.go).
		if (signature === null || signature.replace(/=+$/, '') !== record.signature.replace(/=+$/, '')) {
			throw new ArtifactServiceError(403, 'Signature did not match.', 'AuthenticationFailed');
		}
		return record;
	}

	/** Keeps a block under its id until the block list is committed. */
	stageBlock(record: ArtifactRecord, blockId: string, bytes: Buffer): void {
		if (record.info.finalized) throw new ArtifactServiceError(409, 'The artifact is finalized and cannot change.', 'BlobImmutable');
		const staged = [...record.blocks.values()].reduce((total, block) => total + block.length, 0);
		if (staged + bytes.length > this.maxBytes) {
			throw new ArtifactServiceError(413, `The artifact is over ${this.maxBytes} bytes.`, 'RequestBodyTooLarge');
		}
		record.blocks.set(blockId, bytes);
	}

	/** Assembles the blob from staged blocks in block-list order (not arrival order). */
	commitBlocks(record: ArtifactRecord, blockIds: readonly string[], contentType: string | undefined): void {
		if (record.info.finalized) throw new ArtifactServiceError(409, 'The artifact is finalized and cannot change.', 'BlobImmutable');
		const parts = blockIds.map((id) => {
			const block = record.blocks.get(id);
			if (!block) throw new ArtifactServiceError(400, `The block list names an uncommitted block: ${id}`, 'InvalidBlockList');
			return block;
		});
		const bytes = Buffer.concat(parts);
		record.blocks.clear();
		record.blobContentType = contentType;
		record.info = { ...record.info, bytes, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
	}

	/** Accepts an upload when the reported size and hash match the committed blob. */
	finalize(scope: ArtifactScope, name: string, size: string, hash: string | undefined): ArtifactInfo {
		const record = this.#byName(scope.workflowRunBackendId, name);
		if (!record || record.info.workflowJobRunBackendId !== scope.workflowJobRunBackendId) {
			throw new ArtifactServiceError(404, `no artifact named ${name} was created by this job`);
		}
		if (record.info.finalized) throw new ArtifactServiceError(409, `artifact ${name} is already finalized`);
		if (record.info.sha256 === undefined) throw new ArtifactServiceError(412, `artifact ${name} has no committed blob`);
		if (size !== String(record.info.size)) {
			throw new ArtifactServiceError(400, `size ${size} does not match the ${record.info.size} bytes uploaded`);
		}
		if (hash !== undefined && hash !== `sha256:${record.info.sha256}`) {
			throw new ArtifactServiceError(400, `hash ${hash} does not match the uploaded bytes`);
		}
		record.info = { ...record.info, finalized: true, mimeType: record.info.mimeType ?? record.blobContentType };
		return record.info;
	}

	/** Finalized artifacts of a run, optionally one name or id. */
	listRun(run: string, filter: { name?: string; id?: number } = {}): ArtifactInfo[] {
		return this.list().filter(
			(info) =>
				info.finalized &&
				info.workflowRunBackendId === run &&
				(filter.name === undefined || info.name === filter.name) &&
				(filter.id === undefined || info.id === filter.id),
		);
	}

	/** The signed-URL key of a finalized artifact, for downloads. */
	downloadKey(run: string, name: string): { key: string; signature: string } {
		const record = this.#byName(run, name);
		if (!record?.info.finalized) throw new ArtifactServiceError(404, `artifact ${name} not found`);
		return { key: record.key, signature: record.signature };
	}

	/** Deletes a finalized artifact of the run; 404 when there is none. */
	delete(run: string, name: string): ArtifactInfo {
		const record = this.#byName(run, name);
		if (!record?.info.finalized) throw new ArtifactServiceError(404, `artifact ${name} not found`);
		this.#records = this.#records.filter((candidate) => candidate !== record);
		return record.info;
	}

	/** Adds a finalized artifact directly, e.g. one an earlier attempt of the run uploaded. */
	seed(scope: ArtifactScope, name: string, bytes: Buffer): ArtifactInfo {
		const { key, signature } = this.create({ scope, name, version: 7, expiresAt: undefined, mimeType: 'application/zip' });
		const record = this.bySignedKey(key, signature);
		this.stageBlock(record, 'seed', bytes);
		this.commitBlocks(record, ['seed'], 'application/zip');
		return this.finalize(scope, name, String(bytes.length), undefined);
	}

	#byName(run: string, name: string): ArtifactRecord | undefined {
		return this.#records.find((record) => record.info.workflowRunBackendId === run && record.info.name === name);
	}
}
