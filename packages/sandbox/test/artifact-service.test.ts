import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArtifactService, startArtifactService } from '../src/index.js';
import { blockId, commitBlocks, createArtifact, ids, putBlock, sha256, twirp, uploadArtifact } from './artifact-helpers.js';

describe('artifact service', () => {
	let service: ArtifactService;
	beforeEach(async () => {
		service = await startArtifactService();
	});
	afterEach(() => service.close());

	it('assembles blocks in block-list order, not arrival order, and finalizes with the matching size and hash', async () => {
		const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
		const created = await twirp(service, 'CreateArtifact', {
			...ids(service),
			name: 'media',
			version: 7,
			expires_at: expiresAt,
			mime_type: 'application/zip',
		});
		expect(created.status).toBe(200);
		expect(created.body.ok).toBe(true);
		const url = created.body.signed_upload_url as string;
		expect(url.startsWith(`${service.resultsUrl}blob/`)).toBe(true);
		const [first, second, third] = [randomBytes(70_001), randomBytes(1), randomBytes(4096)];
		// Staged last-to-first, as concurrent block uploads may arrive.
		for (const [index, bytes] of [
			[2, third],
			[1, second],
			[0, first],
		] as const) {
			expect((await putBlock(url, blockId(index), bytes)).status).toBe(201);
		}
		const committed = await commitBlocks(url, [blockId(0), blockId(1), blockId(2)]);
		expect(committed.status).toBe(201);
		expect(committed.headers.get('etag')).toMatch(/^"0x/);
		const whole = Buffer.concat([first, second, third]);

		const finalized = await twirp(service, 'FinalizeArtifact', {
			...ids(service),
			name: 'media',
			size: String(whole.length),
			hash: `sha256:${sha256(whole)}`,
		});
		expect(finalized).toEqual({ status: 200, body: { ok: true, artifact_id: String(service.artifacts.get('media').id) } });
		const artifact = service.artifacts.get('media');
		expect(artifact.bytes.equals(whole)).toBe(true);
		expect(artifact).toMatchObject({ finalized: true, size: whole.length, sha256: sha256(whole), version: 7, mimeType: 'application/zip' });
		expect(artifact.expiresAt?.toISOString()).toBe(expiresAt);

		const listed = await twirp(service, 'ListArtifacts', { ...ids(service), name_filter: 'media' });
		expect(listed.body.artifacts).toEqual([
			expect.objectContaining({
				name: 'media',
				size: String(whole.length),
				database_id: String(artifact.id),
				digest: `sha256:${sha256(whole)}`,
			}),
		]);
		expect(service.requests.list().map((record) => record.call)).toEqual([
			'CreateArtifact',
			'UploadBlock',
			'UploadBlock',
			'UploadBlock',
			'CommitBlockList',
			'FinalizeArtifact',
			'ListArtifacts',
		]);
		expect(service.requests.list()[1]?.path).toContain('sig=<sig>');
	});

	it("refuses a name already used in the run with the service's 409, from any job of the run", async () => {
		await uploadArtifact(service, 'media', Buffer.from('first attempt'));
		const again = await twirp(service, 'CreateArtifact', { ...ids(service), name: 'media', version: 7 });
		expect(again).toEqual({
			status: 409,
			body: { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' },
		});
		const otherJob = service.token({ workflowJobRunBackendId: 'job-of-attempt-2' });
		const fromOtherJob = await twirp(
			service,
			'CreateArtifact',
			{ ...ids(service), workflow_job_run_backend_id: 'job-of-attempt-2', name: 'media', version: 7 },
			otherJob,
		);
		expect(fromOtherJob.status).toBe(409);
		expect((await twirp(service, 'CreateArtifact', { ...ids(service), name: 'other', version: 7 })).status).toBe(200);
	});

	it("checks the runtime token and that the request stays within the token's scope", async () => {
		const body = { ...ids(service), name: 'media', version: 7 };
		const refusals = [
			await twirp(service, 'CreateArtifact', body, null),
			await twirp(service, 'CreateArtifact', body, 'not-a-jwt'),
			await twirp(service, 'CreateArtifact', body, service.token({ scope: 'Actions.GenericRead:abc' })),
			await twirp(service, 'CreateArtifact', body, service.token({ expiresAt: new Date(Date.now() - 1000) })),
		];
		expect(refusals.map(({ status, body: answer }) => [status, answer.code])).toEqual(Array(4).fill([401, 'unauthenticated']));
		const otherRun = await twirp(service, 'CreateArtifact', body, service.token({ workflowRunBackendId: 'another-run' }));
		const runMismatch = await twirp(service, 'ListArtifacts', { ...ids(service), workflow_run_backend_id: 'another-run' });
		const jobMismatch = await twirp(service, 'CreateArtifact', { ...body, workflow_job_run_backend_id: 'another-job' });
		expect([otherRun, runMismatch, jobMismatch].map(({ status, body: answer }) => [status, answer.code])).toEqual(
			Array(3).fill([403, 'permission_denied']),
		);
		expect(service.artifacts.list()).toEqual([]);
	});

	it('refuses a FinalizeArtifact whose size or hash differs from the assembled blob', async () => {
		const url = await createArtifact(service, 'media');
		const bytes = Buffer.from('zip bytes');
		const early = await twirp(service, 'FinalizeArtifact', { ...ids(service), name: 'media', size: String(bytes.length) });
		expect(early.status).toBe(412);
		await putBlock(url, blockId(0), bytes);
		await commitBlocks(url, [blockId(0)]);
		const base = { ...ids(service), name: 'media' };
		const wrongSize = await twirp(service, 'FinalizeArtifact', {
			...base,
			size: String(bytes.length + 1),
			hash: `sha256:${sha256(bytes)}`,
		});
		const wrongHash = await twirp(service, 'FinalizeArtifact', {
			...base,
			size: String(bytes.length),
			hash: `sha256:${sha256(Buffer.from('x'))}`,
		});
		expect([wrongSize.status, wrongHash.status]).toEqual([400, 400]);
		expect(wrongSize.body.msg).toMatch(/size/);
		expect(wrongHash.body.msg).toMatch(/hash/);
		expect(service.artifacts.get('media').finalized).toBe(false);
		expect(
			(await twirp(service, 'FinalizeArtifact', { ...base, size: String(bytes.length), hash: `sha256:${sha256(bytes)}` })).status,
		).toBe(200);
		expect((await twirp(service, 'FinalizeArtifact', { ...base, size: String(bytes.length) })).status).toBe(409);
		expect((await putBlock(url, blockId(1), bytes)).status).toBe(409);
	});

	it('refuses blob requests with a bad signature or permission, and block lists naming unknown blocks', async () => {
		const url = await createArtifact(service, 'media');
		const forged = url.replace(/sig=[^&]+/, 'sig=forged');
		const forgedAnswer = await putBlock(forged, blockId(0), Buffer.from('x'));
		expect([forgedAnswer.status, forgedAnswer.headers.get('x-ms-error-code')]).toEqual([403, 'AuthenticationFailed']);
		expect(await forgedAnswer.text()).toContain('<Code>AuthenticationFailed</Code>');
		const readOnly = await putBlock(url.replace(/sp=cw/, 'sp=r'), blockId(0), Buffer.from('x'));
		expect(readOnly.status).toBe(403);
		// The Azure SDK may drop base64 padding from `sig`; the comparison allows it.
		expect(url).toMatch(/sig=[^&]*%3D/);
		const unpadded = `${url.replace(/(sig=[^&]*?)(%3D)+(&|$)/, '$1$3')}`;
		expect((await putBlock(unpadded, blockId(0), Buffer.from('abc'))).status).toBe(201);
		const unknown = await commitBlocks(url, [blockId(0), blockId(9)]);
		expect([unknown.status, unknown.headers.get('x-ms-error-code')]).toEqual([400, 'InvalidBlockList']);
		const badId = await fetch(`${url}&comp=block&blockid=${encodeURIComponent('not base64!')}`, { method: 'PUT', body: 'x' });
		expect(badId.status).toBe(400);
	});

	it('lists, downloads and deletes artifacts across the jobs of the run', async () => {
		const earlier = service.artifacts.add('media', Buffer.from('from attempt 1'), { workflowJobRunBackendId: 'job-of-attempt-1' });
		expect(earlier).toMatchObject({ finalized: true, workflowJobRunBackendId: 'job-of-attempt-1', size: 14 });
		const listed = await twirp(service, 'ListArtifacts', ids(service));
		const [entry] = listed.body.artifacts as Array<Record<string, string>>;
		expect(entry).toMatchObject({ name: 'media', workflow_job_run_backend_id: 'job-of-attempt-1', database_id: String(earlier.id) });
		expect((await twirp(service, 'ListArtifacts', { ...ids(service), id_filter: String(earlier.id + 1) })).body.artifacts).toEqual([]);

		const signed = await twirp(service, 'GetSignedArtifactURL', { ...ids(service), name: 'media' });
		const download = await fetch(signed.body.signed_url as string);
		expect([download.status, Buffer.from(await download.arrayBuffer()).toString()]).toEqual([200, 'from attempt 1']);

		// delete-artifact.ts sends the ids of the listed artifact, i.e. the job of the earlier attempt.
		const deleted = await twirp(service, 'DeleteArtifact', {
			...ids(service),
			workflow_job_run_backend_id: entry?.workflow_job_run_backend_id,
			name: 'media',
		});
		expect(deleted).toEqual({ status: 200, body: { ok: true, artifact_id: String(earlier.id) } });
		expect(service.artifacts.list()).toEqual([]);
		expect((await twirp(service, 'DeleteArtifact', { ...ids(service), name: 'media' })).status).toBe(404);
		expect((await twirp(service, 'CreateArtifact', { ...ids(service), name: 'media', version: 7 })).status).toBe(200);
	});

	it('rejects bad names, old versions, past expiry, unknown methods and non-JSON bodies', async () => {
		const answers = [
			await twirp(service, 'CreateArtifact', { ...ids(service), name: 'a/b', version: 7 }),
			await twirp(service, 'CreateArtifact', { ...ids(service), name: 'media', version: 3 }),
			await twirp(service, 'CreateArtifact', { ...ids(service), name: 'media', version: 7, expires_at: '2001-01-01T00:00:00Z' }),
			await twirp(service, 'CreateArtifact', { ...ids(service), version: 7 }),
		];
		expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
		expect((await twirp(service, 'UploadArtifact', ids(service))).status).toBe(404);
		const garbage = await fetch(`${service.resultsUrl}twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${service.runtimeToken}` },
			body: '{not json',
		});
		expect([garbage.status, ((await garbage.json()) as { code: string }).code]).toEqual([400, 'invalid_argument']);
		expect(service.artifacts.list()).toEqual([]);
	});

	it('refuses artifacts over the size limit', async () => {
		const small = await startArtifactService({ maxArtifactBytes: 1000 });
		try {
			const url = await createArtifact(small, 'media');
			expect((await putBlock(url, blockId(0), randomBytes(600))).status).toBe(201);
			const over = await putBlock(url, blockId(1), randomBytes(600));
			expect([over.status, over.headers.get('x-ms-error-code')]).toEqual([413, 'RequestBodyTooLarge']);
		} finally {
			await small.close();
		}
	});
});
