import { describe, expect, it } from 'vitest';
import { isWamediaError, type WamediaErrorJson } from '../src/index.js';
import { inFaceWords, readSettings, readSources, type Settings, type Sources } from '../src/inputs/index.js';

const greenApi: Settings = { idInstance: '1101000001', apiTokenInstance: 'token-1234567890' };
const multiSession: Settings = { provider: 'multi-session', serverUrl: 'https://wa.example.com', apiKey: 'wams_key' };
const meta: Settings = { provider: 'meta', accessToken: 'EAAG-token-1234567890' };
const waha: Settings = { provider: 'waha', serverUrl: 'https://waha.example.com', apiKey: 'waha-key' };
const evolution: Settings = { provider: 'evolution', serverUrl: 'https://evo.example.com', apiKey: 'evo-key', instance: 'shop1' };

const read = (sources: Sources, settings: Settings = {}) => readSources(sources, readSettings(settings));

/** The error of a call, with its settings named as a face would (here: `<id>` in angle brackets). */
function failure(sources: Sources, settings: Settings = {}): WamediaErrorJson {
	try {
		read(sources, settings);
	} catch (error) {
		if (!isWamediaError(error)) throw error;
		const labels = Object.fromEntries(
			[
				'idMessage',
				'chatId',
				'mediaUrl',
				'mediaId',
				'provider',
				'idInstance',
				'apiTokenInstance',
				'serverUrl',
				'accessToken',
				'sessionId',
			].map((id) => [id, `<${id}>`]),
		);
		return inFaceWords(error.toJSON(), labels);
	}
	throw new Error('expected an error');
}

describe('readSources', () => {
	it('reads message ids as Green-API references, with chatId or written "<chatId> <idMessage>"', () => {
		expect(read({ idMessage: 'AAAA1111, 120363043968066561@g.us BBBB2222', chatId: '79001234567@c.us' }, greenApi)).toEqual([
			{ chatId: '79001234567@c.us', idMessage: 'AAAA1111' },
			{ chatId: '120363043968066561@g.us', idMessage: 'BBBB2222' },
		]);
	});

	it('routes message ids to WAHA and Evolution by provider, or by the one gateway configured', () => {
		expect(read({ idMessage: 'true_79001234567@c.us_AAAA', chatId: '79001234567@c.us' }, waha)).toEqual([
			{ provider: 'waha', chatId: '79001234567@c.us', idMessage: 'true_79001234567@c.us_AAAA' },
		]);
		expect(read({ idMessage: ['3EB0AAAA', '3EB0BBBB'] }, evolution)).toEqual([
			{ provider: 'evolution', idMessage: '3EB0AAAA' },
			{ provider: 'evolution', idMessage: '3EB0BBBB' },
		]);
		const { provider: _provider, ...evolutionAlone } = evolution;
		expect(read({ idMessage: '3EB0AAAA' }, { ...evolutionAlone })).toEqual([{ provider: 'evolution', idMessage: '3EB0AAAA' }]);
	});

	it('reads media URLs as Multi-Session references with sessionId and phoneNumber, or as WAHA’s with provider waha', () => {
		expect(read({ mediaUrl: '/api/media/temp/a.jpg?expires=1', sessionId: 's1', phoneNumber: '6281234567890' }, multiSession)).toEqual([
			{ mediaUrl: '/api/media/temp/a.jpg?expires=1', sessionId: 's1', phoneNumber: '6281234567890' },
		]);
		expect(read({ mediaUrl: ['/api/files/default/a.jpeg'] }, waha)).toEqual([{ provider: 'waha', mediaUrl: '/api/files/default/a.jpeg' }]);
	});

	it('reads media ids as Meta references, direct links, and webhook bodies through readReferences', () => {
		expect(read({ mediaId: '1049371237591234' }, meta)).toEqual([{ provider: 'meta', mediaId: '1049371237591234' }]);
		expect(read({ downloadUrl: 'https://cdn.example/a.jpg' })).toEqual([{ downloadUrl: 'https://cdn.example/a.jpg' }]);
		expect(read({ webhookBody: '{"chatId":"79001234567@c.us","idMessage":"AAAA"}\n{"mediaUrl":"/m.jpg"}' })).toEqual([
			{ chatId: '79001234567@c.us', idMessage: 'AAAA' },
			{ mediaUrl: '/m.jpg' },
		]);
	});

	it('asks for exactly one source, and names the chosen one when it is empty', () => {
		expect(failure({}).message).toMatch(/^Nothing to download: give <idMessage> \(with <chatId>\), <mediaUrl>, <mediaId>/);
		expect(failure({ idMessage: 'AAAA', mediaUrl: '/m.jpg' }, greenApi).message).toBe('Give one source, not <idMessage> and <mediaUrl>');
		const empty = failure({ source: 'mediaId', mediaId: '  ' }, meta);
		expect(empty.message).toBe('<mediaId> is empty: nothing to download');
		expect(empty.details.field).toBe('mediaId');
	});

	it('refuses a source of another gateway than the provider, naming both', () => {
		expect(failure({ idMessage: 'AAAA', chatId: 'c@c.us' }, meta).message).toContain(
			'<idMessage> is a Green-API, WAHA or Evolution source',
		);
		expect(failure({ mediaUrl: '/m.jpg' }, { ...greenApi, provider: 'green-api' }).message).toContain(
			'<mediaUrl> is a Multi-Session or WAHA source',
		);
		expect(failure({ mediaId: '1049' }, waha).details.field).toBe('provider');
		expect(failure({ chatId: 'c@c.us', mediaUrl: '/m.jpg' }, multiSession).details.field).toBe('chatId');
		expect(failure({ mediaUrl: '/m.jpg', sessionId: 's1' }, waha).message).toBe(
			'<sessionId> is a Multi-Session setting; WAHA takes session',
		);
		expect(failure({ idMessage: 'AAAA', chatId: 'c@c.us' }, evolution).details.field).toBe('chatId');
	});

	it('names the credentials a source needs when they are missing', () => {
		const green = failure({ idMessage: 'AAAA', chatId: 'c@c.us' });
		expect(green.message).toBe('<idMessage> needs Green-API credentials: <idInstance> and <apiTokenInstance>');
		expect(green.details.field).toBe('idInstance');
		expect(failure({ mediaId: '1049' }).details.field).toBe('accessToken');
		expect(failure({ mediaUrl: '/m.jpg' }, { provider: 'multi-session' }).details.field).toBe('serverUrl');
		expect(failure({ idMessage: 'AAAA', chatId: 'c@c.us' }, { provider: 'waha' }).details.field).toBe('serverUrl');
		// A named gateway needs its credentials whatever the source; Green-API's webhook links work without.
		expect(failure({ webhookBody: '{}' }, { provider: 'meta' }).message).toBe('provider meta needs <accessToken>');
		expect(failure({ webhookBody: '{}' }, { provider: 'evolution' }).message).toBe(
			'provider evolution needs <serverUrl>, apiKey and instance',
		);
		expect(read({ webhookBody: '[]' }, { provider: 'green-api' })).toEqual([]);
	});

	it('names the webhook source in the errors of reading it, and lists the sources a face offers', () => {
		expect(failure({ webhookBody: '{"typeWebhook": ' }).message).toMatch(/^webhookBody: The input is not JSON/);
		expect(failure({ offered: ['idMessage', 'mediaUrl', 'webhookBody'] }).message).toBe(
			'Nothing to download: give <idMessage> (with <chatId>), <mediaUrl> or webhookBody',
		);
	});
});
