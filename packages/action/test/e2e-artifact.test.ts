import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runAction, unzip } from './run-action.js';
import { expectNoLeak, greenApiInputs, startServices } from './services.js';

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

describe('the action and the artifact service', () => {
	it('explains a name already used in the run (a re-run), and replaces it with overwrite: true', async () => {
		const { sandbox, service } = await startServices();
		const earlier = service.artifacts.add('whatsapp-media', Buffer.from('attempt 1'), { workflowJobRunBackendId: 'job-of-attempt-1' });
		const inputs = greenApiInputs(sandbox, ['image', 'png']);

		const conflict = await runAction(inputs, service.env);
		expect(conflict.exitCode).toBe(1);
		expect(conflict.outputs).toMatchObject({ count: '2', 'failed-count': '0' });
		expect(conflict.outputs['artifact-id']).toBeUndefined();
		expect(conflict.annotations).toHaveLength(1);
		expect(conflict.annotations[0]).toMatchObject({ level: 'error', properties: { title: 'Artifact name already used' } });
		expect(conflict.annotations[0]?.message).toContain('An artifact named "whatsapp-media" already exists in this workflow run');
		expect(conflict.annotations[0]?.message).toContain('Set overwrite: true');
		expect(conflict.summary).toContain('**Artifact `whatsapp-media` was not uploaded:** An artifact named');
		expect(service.artifacts.list()).toEqual([earlier]);

		service.requests.clear();
		const replaced = await runAction({ ...inputs, overwrite: 'true' }, service.env);
		expect(replaced.exitCode, replaced.stdout).toBe(0);
		const [artifact, ...others] = service.artifacts.list();
		expect(others).toEqual([]);
		expect(artifact?.id).not.toBe(earlier.id);
		expect(replaced.outputs['artifact-id']).toBe(String(artifact?.id));
		expect(Object.keys(unzip(artifact?.bytes ?? Buffer.alloc(0)))).toHaveLength(2);
		const calls = service.requests.list();
		expect(calls.slice(0, 3).map((call) => call.call)).toEqual(['ListArtifacts', 'DeleteArtifact', 'CreateArtifact']);
		expect(calls[1]?.body).toMatchObject({ name: 'whatsapp-media', workflow_job_run_backend_id: 'job-of-attempt-1' });
		expectNoLeak(replaced, [sandbox.greenApi.apiTokenInstance]);
	});

	it('rides out one 5xx of the Twirp service and one of the blob storage', async () => {
		const { sandbox, service } = await startServices();
		service.faults.add({ call: 'CreateArtifact', type: 'status', status: 503 });
		service.faults.add({ call: 'UploadBlock', type: 'status', status: 500 });
		const run = await runAction(greenApiInputs(sandbox, ['image']), service.env);

		expect(run.exitCode, run.stdout).toBe(0);
		expect(service.requests.list().map((call) => [call.call, call.status])).toEqual([
			['CreateArtifact', 503],
			['CreateArtifact', 200],
			['UploadBlock', 500],
			['UploadBlock', 201],
			['CommitBlockList', 201],
			['FinalizeArtifact', 200],
		]);
		expect(Object.values(unzip(service.artifacts.get('whatsapp-media').bytes))).toHaveLength(1);
	});

	it.each([
		['the storage quota', 'Artifact storage quota hit', 'retention-days'],
		['an answer that is not ok', 'Artifact upload failed', 'githubstatus.com'],
	] as const)('ends %s with what to do', async (_, title, advice) => {
		const { sandbox, service } = await startServices();
		service.faults.add(
			title === 'Artifact storage quota hit' ? { call: 'CreateArtifact', type: 'quota' } : { call: 'FinalizeArtifact', type: 'not-ok' },
		);
		const run = await runAction(greenApiInputs(sandbox, ['image']), service.env);

		expect(run.exitCode).toBe(1);
		const errors = run.annotations.filter((annotation) => annotation.level === 'error');
		expect(errors.map((annotation) => annotation.properties.title)).toEqual([title]);
		expect(errors[0]?.message).toContain(advice);
		expect(run.outputs).toMatchObject({ count: '1' });
		expect(run.summary).toContain('was not uploaded');
		expectNoLeak(run, [sandbox.greenApi.apiTokenInstance]);
	});

	it('ends an unreachable artifact service with what to do', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction(greenApiInputs(sandbox, ['image']), {
			...service.env,
			ACTIONS_RESULTS_URL: `http://127.0.0.1:${await closedPort()}/`,
		});
		expect(run.exitCode).toBe(1);
		expect(run.annotations.map((annotation) => annotation.properties.title)).toEqual(['Artifact service unreachable']);
		expect(run.annotations[0]?.message).toContain('(ECONNREFUSED)');
	});

	it('ends GitHub Enterprise Server with what to do, without calling the service', async () => {
		const { sandbox, service } = await startServices();
		const run = await runAction(greenApiInputs(sandbox, ['image']), {
			...service.env,
			GITHUB_SERVER_URL: 'https://github.example-corp.internal',
		});
		expect(run.exitCode).toBe(1);
		const errors = run.annotations.filter((annotation) => annotation.level === 'error');
		expect(errors.map((annotation) => annotation.properties.title)).toEqual(['Artifacts not supported on GHES']);
		expect(errors[0]?.message).toContain('upload-artifact: false');
		expect(run.outputs.count).toBe('1');
		expect(service.requests.list()).toEqual([]);
	});

	it('ends a stalled upload with what to do', async () => {
		const { sandbox, service } = await startServices();
		// The library does not abort the block request in flight, so the process ends when the slow answer comes.
		service.faults.add({ call: 'UploadBlock', type: 'slow', delayMs: 2500 });
		const run = await runAction(greenApiInputs(sandbox, ['image']), { ...service.env, ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS: '500' });
		expect(run.exitCode).toBe(1);
		expect(run.annotations.map((annotation) => annotation.properties.title)).toEqual(['Artifact upload stalled']);
		expect(run.annotations[0]?.message).toContain('ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS');
		expect(service.artifacts.get('whatsapp-media').finalized).toBe(false);
	});
});
