import { describe, expect, it } from 'vitest';
import { failure, gatewayClient, requestsTo } from './gateways.js';
import { useSandbox } from './helpers.js';

const sandbox = useSandbox();

/** Every recorded request that carried one of the credential headers, by server. */
function credentialed(): string[] {
	return sandbox()
		.requests.list()
		.filter(
			(record) =>
				record.headers.authorization !== undefined || record.headers['x-api-key'] !== undefined || record.headers.apikey !== undefined,
		)
		.map((record) => record.server);
}

// An API answer that did not come from the configured origin never names where a credential goes, and is
// never taken as the file (docs/url-policy.md#credentials).
describe('credentials only where the configuration says', () => {
	it('Meta: a Graph lookup redirected to another origin is refused; its answer names no URL for the token', async () => {
		// The other origin answers JSON with a `url` (any link of the sandbox's storage would do as "attacker").
		sandbox().faults.add({ server: 'meta', type: 'redirect', location: `${sandbox().storageUrl}/graph-look-alike`, times: 10 });
		const error = await failure(gatewayClient(sandbox()).download({ provider: 'meta', mediaId: sandbox().meta.mediaId('image') }));
		expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'meta', retryable: false });
		expect(error.message).toContain('not from the configured');
		expect(requestsTo(sandbox(), 'metaMedia')).toEqual([]);
		// The token went to the configured Graph origin only.
		expect(new Set(credentialed())).toEqual(new Set(['meta']));
		// Refused at once: no retry of a redirect that will not change.
		expect(requestsTo(sandbox(), 'meta')).toHaveLength(1);
	});

	it('WAHA: a message route redirected to another origin is refused; no file is fetched from what it says', async () => {
		sandbox().faults.add({
			server: 'waha',
			path: '/messages/',
			type: 'redirect',
			location: `${sandbox().storageUrl}/elsewhere`,
			times: 10,
		});
		const error = await failure(
			gatewayClient(sandbox()).download({ provider: 'waha', chatId: '79001234567@c.us', idMessage: sandbox().waha.messageId('video') }),
		);
		expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'waha' });
		expect(requestsTo(sandbox(), 'waha').filter((record) => record.path.includes('/api/files/'))).toEqual([]);
		expect(new Set(credentialed())).toEqual(new Set(['waha']));
	});

	it('Evolution: getBase64FromMediaMessage answered from another origin is not taken as the file', async () => {
		sandbox().faults.add({ server: 'evolution', type: 'redirect', status: 307, location: `${sandbox().storageUrl}/elsewhere`, times: 10 });
		const error = await failure(
			gatewayClient(sandbox()).download({ provider: 'evolution', idMessage: sandbox().evolution.messageId('image') }),
		);
		expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'evolution' });
		expect(error.message).toContain('not from the configured');
		expect(new Set(credentialed())).toEqual(new Set(['evolution']));
	});
});
