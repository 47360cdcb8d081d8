import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArtifactService, startArtifactService } from '../src/index.js';
import { blockId, createArtifact, ids, putBlock, twirp } from './artifact-helpers.js';

describe('artifact service faults', () => {
	let service: ArtifactService;
	beforeEach(async () => {
		service = await startArtifactService();
	});
	afterEach(() => service.close());

	it('answers a status with a Twirp error a given number of times, then normally', async () => {
		service.faults.add({ call: 'CreateArtifact', type: 'status', status: 503, times: 2 });
		expect(service.faults.list()).toEqual([{ call: 'CreateArtifact', type: 'status', status: 503, times: 2 }]);
		const body = { ...ids(service), name: 'media', version: 7 };
		expect(await twirp(service, 'ListArtifacts', ids(service))).toEqual({ status: 200, body: { artifacts: [] } });
		expect(await twirp(service, 'CreateArtifact', body)).toEqual({
			status: 503,
			body: { code: 'unavailable', msg: 'Service Unavailable' },
		});
		expect(service.faults.list()[0]?.times).toBe(1);
		expect((await twirp(service, 'CreateArtifact', body)).status).toBe(503);
		expect((await twirp(service, 'CreateArtifact', body)).status).toBe(200);
		expect(service.faults.list()).toEqual([]);
		expect(service.requests.list().map((record) => [record.call, record.status])).toEqual([
			['ListArtifacts', 200],
			['CreateArtifact', 503],
			['CreateArtifact', 503],
			['CreateArtifact', 200],
		]);
		expect(service.requests.list()[3]?.body).toEqual(body);
	});

	it("sends the service's texts for 409 and the storage quota, and ok: false", async () => {
		service.faults.add({ call: 'CreateArtifact', type: 'status', status: 409 });
		service.faults.add({ call: 'CreateArtifact', type: 'quota' });
		service.faults.add({ call: 'CreateArtifact', type: 'not-ok' });
		const body = { ...ids(service), name: 'media', version: 7 };
		const conflict = await twirp(service, 'CreateArtifact', body);
		const quota = await twirp(service, 'CreateArtifact', body);
		const notOk = await twirp(service, 'CreateArtifact', body);
		expect(conflict).toEqual({
			status: 409,
			body: { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' },
		});
		expect(quota.status).toBe(403);
		expect(quota.body.msg).toContain('insufficient usage');
		expect(notOk).toEqual({ status: 200, body: { ok: false } });
		expect(service.artifacts.list()).toEqual([]);
	});

	it('answers blob calls with Azure XML errors', async () => {
		const url = await createArtifact(service, 'media');
		service.faults.add({ call: 'UploadBlock', type: 'status', status: 500, message: 'Operation could not be completed' });
		const failed = await putBlock(url, blockId(0), Buffer.from('x'));
		expect([failed.status, failed.headers.get('x-ms-error-code')]).toEqual([500, 'ServerBusy']);
		expect(await failed.text()).toContain('<Message>Operation could not be completed</Message>');
		expect((await putBlock(url, blockId(0), Buffer.from('x'))).status).toBe(201);
	});

	it('delays a slow call, then answers it normally', async () => {
		service.faults.add({ call: 'ListArtifacts', type: 'slow', delayMs: 300 });
		const started = performance.now();
		const answer = await twirp(service, 'ListArtifacts', ids(service));
		expect(performance.now() - started).toBeGreaterThanOrEqual(290);
		expect(answer).toEqual({ status: 200, body: { artifacts: [] } });
	});

	it('resets the connection without an answer', async () => {
		service.faults.add({ type: 'reset' });
		await expect(twirp(service, 'ListArtifacts', ids(service))).rejects.toThrow();
		expect(service.requests.list().map((record) => [record.call, record.status])).toEqual([['ListArtifacts', 0]]);
		expect((await twirp(service, 'ListArtifacts', ids(service))).status).toBe(200);
	});

	it('closes promptly while a slow call is pending', async () => {
		service.faults.add({ type: 'slow', delayMs: 60_000 });
		const pending = twirp(service, 'ListArtifacts', ids(service));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const started = performance.now();
		await service.close();
		expect(performance.now() - started).toBeLessThan(1000);
		await expect(pending).rejects.toThrow();
	});

	it('rejects bad faults and options, naming them', async () => {
		// @ts-expect-error an unknown type on purpose
		expect(() => service.faults.add({ type: 'explode' })).toThrow(/fault\.type/);
		// @ts-expect-error an unknown call on purpose
		expect(() => service.faults.add({ type: 'reset', call: 'Upload' })).toThrow(/fault\.call/);
		expect(() => service.faults.add({ type: 'status', status: 200 })).toThrow(/fault\.status/);
		expect(() => service.faults.add({ type: 'slow', delayMs: -1 })).toThrow(/fault\.delayMs/);
		expect(() => service.faults.add({ type: 'reset', times: 0 })).toThrow(/fault\.times/);
		await expect(startArtifactService({ port: 70_000 })).rejects.toThrow(/options\.port/);
		await expect(startArtifactService({ maxArtifactBytes: 0 })).rejects.toThrow(/maxArtifactBytes/);
	});
});
