import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';

describe('sandbox clock', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ linkTtlSeconds: 600 });
	});
	afterAll(() => sandbox.close());

	it('starts at real time, moves ahead on request and refuses to go back', () => {
		expect(sandbox.clock.offset()).toBe(0);
		expect(Math.abs(sandbox.clock.now() - Date.now())).toBeLessThan(50);
		expect(sandbox.clock.advance(1500) - Date.now()).toBeGreaterThanOrEqual(1450);
		expect(sandbox.clock.offset()).toBe(1500);
		expect(() => sandbox.clock.advance(-1)).toThrow(/non-negative/);
		sandbox.clock.reset();
		expect(sandbox.clock.offset()).toBe(0);
	});

	it('expires presigned storage links and Multi-Session paths as it moves', async () => {
		const link = sandbox.storageLink('image');
		const path = `${sandbox.multiSession.serverUrl}${sandbox.multiSessionPath('image')}`;
		const auth = { authorization: `Bearer ${sandbox.multiSession.apiKey}` };
		try {
			sandbox.clock.advance(590_000);
			expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
			expect((await fetch(path, { method: 'HEAD', headers: auth })).status).toBe(200);
			sandbox.clock.advance(20_000);
			const expired = await fetch(link);
			expect([expired.status, await expired.text()]).toEqual([403, expect.stringContaining('<Message>Request has expired</Message>')]);
			expect((await fetch(path, { headers: auth })).status).toBe(410);
			expect((await fetch(sandbox.storageLink('image'), { method: 'HEAD' })).status).toBe(200);
		} finally {
			sandbox.clock.reset();
		}
	});
});
