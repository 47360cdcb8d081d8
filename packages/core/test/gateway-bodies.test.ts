import { describe, expect, it } from 'vitest';
import { readReferences } from '../src/index.js';
import { parseReference } from '../src/providers/parse-reference.js';
import * as bodies from './fixtures/published-bodies.js';

function failure(body: unknown): { code?: string; message?: string; provider?: string; details?: Record<string, unknown> } {
	try {
		parseReference(body);
	} catch (error) {
		return error as { code: string; message: string };
	}
	throw new Error('expected a failure');
}

describe('published bodies with media give what their gateway documents', () => {
	it.each([
		[
			'Green-API incoming image webhook',
			bodies.greenApiIncomingImage,
			{
				provider: 'green-api',
				chatId: '79000000002@c.us',
				idMessage: '3EB0C4E2A1F0B9D87766',
				caption: 'receipt',
				type: 'image',
				mimeType: 'image/jpeg',
				timestamp: 1760000000,
			},
		],
		[
			'Green-API queue item',
			bodies.greenApiQueueItem,
			{ provider: 'green-api', idMessage: '3EB0C4E2A1F0B9D87766', caption: 'receipt', type: 'image' },
		],
		[
			'Green-API outgoing API video',
			bodies.greenApiOutgoingApiVideo,
			{ provider: 'green-api', chatId: '79990000001@c.us', type: 'video', mimeType: 'video/mp4', fileName: 'x.mp4' },
		],
		[
			'Green-API journal document',
			bodies.greenApiJournalDocument,
			{
				provider: 'green-api',
				chatId: '79000000003@c.us',
				caption: 'signed',
				type: 'document',
				fileName: 'contract.pdf',
				mimeType: 'application/pdf',
			},
		],
		[
			'Green-API outgoing journal image',
			bodies.greenApiJournalOutgoingImage,
			{ provider: 'green-api', caption: 'menu', type: 'image', mimeType: 'image/jpeg' },
		],
		// typeMessage is a type hint for a journal item exactly as for a webhook.
		[
			'Green-API bare journal image',
			bodies.greenApiJournalBareImage,
			{
				provider: 'green-api',
				idMessage: 'EA1BD1AE7F3C4B2A9E8D7C6B5A493827',
				caption: 'the receipt',
				type: 'image',
				mimeType: 'image/jpeg',
				timestamp: 1767003600,
			},
		],
		[
			'Meta document',
			bodies.metaDocument,
			{
				provider: 'meta',
				mediaId: '1154040149480303',
				chatId: '4915112345678',
				caption: 'March',
				type: 'document',
				fileName: 'invoice.pdf',
				timestamp: 1767000000,
			},
		],
		[
			'WAHA message',
			bodies.wahaMessage,
			{
				provider: 'waha',
				chatId: '4915112345678@c.us',
				idMessage: 'false_4915112345678@c.us_3EB0A1B2C3D4',
				caption: 'see attached',
				fileName: 'invoice.pdf',
				timestamp: 1767000000,
			},
		],
		[
			'WAHA message.any voice',
			bodies.wahaMessageAnyVoice,
			{ provider: 'waha', chatId: '79001234567@c.us', type: 'voice', mimeType: 'audio/ogg; codecs=opus' },
		],
		[
			'WAHA before 2024 (payload.mediaUrl)',
			bodies.wahaOldMediaUrl,
			{ provider: 'waha', link: 'http://localhost:3000/api/files/false_79001234567@c.us_3EB0F00D.jpeg', caption: 'photo' },
		],
		[
			'Evolution messages.upsert image',
			bodies.evolutionUpsertImage,
			{
				provider: 'evolution',
				chatId: '4915112345678@s.whatsapp.net',
				idMessage: '3EB0A1B2C3D4',
				caption: 'receipt',
				type: 'image',
				mimeType: 'image/jpeg',
				timestamp: 1767000000,
			},
		],
		[
			'Evolution send.message voice',
			bodies.evolutionSendVoice,
			{ provider: 'evolution', idMessage: '3EB0FEED', type: 'voice', timestamp: 1767000300 },
		],
		[
			'Multi-Session image',
			bodies.multiSessionImage,
			{ provider: 'multi-session', idMessage: 'MSG1', type: 'image', timestamp: 1767000000 },
		],
	])('%s', (_name, body, expected) => {
		expect(parseReference(body)).toMatchObject(expected);
		// readReferences gives the same fields, side by side with the body.
		const [read] = readReferences(body as never);
		const { link: _link, ...ids } = expected as Record<string, unknown>;
		expect(read).toMatchObject({ ...ids, mediaIndex: 0 });
	});

	it('reads every media of a Meta body, in one shape, with captions, voice notes and stickers', () => {
		const references = readReferences(bodies.metaImageAndVoice);
		expect(references).toMatchObject([
			{ provider: 'meta', mediaId: '1479537139650973', idMessage: 'wamid.IMG', caption: 'menu', type: 'image', mediaIndex: 0 },
			{ provider: 'meta', mediaId: '1479537139650974', idMessage: 'wamid.VOICE', type: 'voice', mediaIndex: 1 },
			{ provider: 'meta', mediaId: '1479537139650975', idMessage: 'wamid.STICKER', type: 'sticker', mediaIndex: 2 },
		]);
		expect(references.map((reference) => parseReference(reference).mediaId)).toEqual([
			'1479537139650973',
			'1479537139650974',
			'1479537139650975',
		]);
	});
});

describe('well-formed events without media are NO_MEDIA, naming the event', () => {
	it.each([
		['Green-API text message', bodies.greenApiIncomingText, 'green-api', /textMessage/],
		['Green-API outgoingMessageStatus', bodies.greenApiOutgoingMessageStatus, 'green-api', /delivery status \(outgoingMessageStatus\)/],
		['Green-API stateInstanceChanged', bodies.greenApiStateInstanceChanged, 'green-api', /state change \(stateInstanceChanged\)/],
		['Green-API statusInstanceChanged', bodies.greenApiStatusInstanceChanged, 'green-api', /state change \(statusInstanceChanged\)/],
		['Green-API incomingCall', bodies.greenApiIncomingCall, 'green-api', /a call \(incomingCall\)/],
		['Green-API incomingBlock', bodies.greenApiIncomingBlock, 'green-api', /a block \(incomingBlock\)/],
		['Green-API deviceInfo', bodies.greenApiDeviceInfo, 'green-api', /device report \(deviceInfo\)/],
		['Green-API quotaExceeded', bodies.greenApiQuotaExceeded, 'green-api', /quota report \(quotaExceeded\)/],
		[
			'Green-API queue item of a status',
			{ receiptId: 9, body: bodies.greenApiOutgoingMessageStatus },
			'green-api',
			/outgoingMessageStatus/,
		],
		['Green-API text journal item', bodies.greenApiJournalText, 'green-api', /textMessage/],
		['Meta statuses', bodies.metaStatuses, 'meta', /delivery status \(statuses: delivered\)/],
		['Meta text', bodies.metaText, 'meta', /text message \(text\)/],
		['Meta reaction', bodies.metaReaction, 'meta', /reaction \(reaction\)/],
		['Meta account_update', bodies.metaAccountUpdate, 'meta', /account_update/],
		['WAHA hasMedia without media', bodies.wahaNoMediaKept, 'waha', /did not keep/],
		['WAHA message.ack', bodies.wahaAck, 'waha', /an ack \(message\.ack\)/],
		['WAHA message.revoked', bodies.wahaRevoked, 'waha', /a revoke \(message\.revoked\)/],
		['WAHA session.status', bodies.wahaSessionStatus, 'waha', /state change \(session\.status\)/],
		['WAHA message.reaction', bodies.wahaReaction, 'waha', /reaction \(message\.reaction\)/],
		['WAHA presence.update', bodies.wahaPresence, 'waha', /presence update/],
		['WAHA group.v2.join', bodies.wahaGroupJoin, 'waha', /group update/],
		['WAHA call.received', bodies.wahaCall, 'waha', /a call/],
		['Evolution text', bodies.evolutionUpsertText, 'evolution', /conversation/],
		['Evolution messages.update', bodies.evolutionMessagesUpdate, 'evolution', /status update \(messages\.update\)/],
		['Evolution messages.delete', bodies.evolutionMessagesDelete, 'evolution', /a delete/],
		['Evolution contacts.upsert', bodies.evolutionContactsUpsert, 'evolution', /contact update \(contacts\.upsert\)/],
		['Evolution connection.update', bodies.evolutionConnectionUpdate, 'evolution', /connection state change/],
		['Evolution presence.update', bodies.evolutionPresenceUpdate, 'evolution', /presence update/],
		['Evolution qrcode.updated', bodies.evolutionQrcodeUpdated, 'evolution', /QR code/],
		['Evolution chats.upsert', bodies.evolutionChatsUpsert, 'evolution', /chat update/],
		['Evolution groups.update', bodies.evolutionGroupsUpdate, 'evolution', /group update/],
		['Evolution call', bodies.evolutionCall, 'evolution', /a call/],
		['Multi-Session text', bodies.multiSessionText, 'multi-session', /text/],
	])('%s', (_name, body, provider, message) => {
		expect(failure(body)).toMatchObject({ code: 'NO_MEDIA', provider, message: expect.stringMatching(message) });
		// readReferences keeps it as given; it fails on its own when downloaded.
		expect(readReferences(body as never)).toEqual([body]);
	});

	it('keeps INVALID_INPUT for bodies no gateway sends, and MEDIA_UNAVAILABLE for a WAHA media error', () => {
		expect(failure({ foo: 1 })).toMatchObject({ code: 'INVALID_INPUT' });
		expect(failure({ event: 'message', data: {} })).toMatchObject({ code: 'INVALID_INPUT' });
		expect(failure(bodies.wahaMediaError)).toMatchObject({ code: 'MEDIA_UNAVAILABLE', provider: 'waha' });
	});
});
