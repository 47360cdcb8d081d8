import type { ErrorResult, FileResult, JournalLine } from '@wamedia/core';
import { describe, expect, it } from 'vitest';
import { fileSource, itemLabel, lineLabel } from '../src/item-label.js';
import { cell, renderArchiveSummary, renderSummary } from '../src/summary.js';

const photo: FileResult = {
	success: true,
	message: 'Media downloaded successfully',
	format: 'file',
	fileName: 'receipt_01|march.jpg',
	mimeType: 'image/jpeg',
	size: 48_213,
	sha256: 'a'.repeat(64),
	path: '/work/whatsapp-media/receipt_01|march.jpg',
	downloadUrl: 'https://storage.example/x.jpg?sig=1',
	provider: 'green-api',
	chatId: '79001234567@c.us',
	idMessage: 'BAE5F4886F6F2D05',
};

const noMedia: ErrorResult = {
	success: false,
	error: {
		code: 'NO_MEDIA',
		message: 'The message has no file (textMessage)',
		hint: 'Filter on messageData.typeMessage before downloading.',
		status: 400,
		retryable: false,
		provider: 'green-api',
		details: {},
	},
};

describe('renderSummary', () => {
	it('tables every file and every failure, escaping what came from outside', () => {
		const markdown = renderSummary({
			items: [
				{ label: '#1 BAE5F4886F6F2D05', result: photo },
				{ label: '#2 <script>', result: noMedia },
			],
			directory: 'whatsapp-media',
			artifact: {
				name: 'whatsapp-media',
				id: 4001,
				url: 'https://github.com/o/r/actions/runs/9/artifacts/4001',
				digest: 'b'.repeat(64),
				size: 50_000,
			},
		});
		expect(markdown).toBe(
			[
				'## WhatsApp media',
				'',
				'Downloaded 1 of 2 into `whatsapp-media`.',
				'',
				`Artifact [whatsapp-media](https://github.com/o/r/actions/runs/9/artifacts/4001) (id 4001): 48.8 KiB zip, sha256 \`${'b'.repeat(64)}\``,
				'',
				'| File | Type | Size | SHA-256 | Message |',
				'| --- | --- | ---: | --- | --- |',
				`| receipt\\_01\\|march.jpg | image/jpeg | 47.1 KiB | \`${'a'.repeat(64)}\` | 79001234567@c.us / BAE5F4886F6F2D05 |`,
				'',
				'### Failed (1)',
				'',
				'| Item | Code | Problem | What to do |',
				'| --- | --- | --- | --- |',
				'| \\#2 &lt;script&gt; | `NO_MEDIA` | The message has no file (textMessage) | Filter on messageData.typeMessage before downloading. |',
				'',
			].join('\n'),
		);
	});

	it('says why the artifact is missing, and leaves it out when no upload was asked for', () => {
		const items = [{ label: '#1', result: photo }];
		const failed = renderSummary({
			items,
			directory: 'm',
			artifact: { name: 'media', error: 'An artifact named "media" already exists.' },
		});
		expect(failed).toContain('**Artifact `media` was not uploaded:** An artifact named "media" already exists.');
		const skipped = renderSummary({
			items: [{ label: '#1', result: noMedia }],
			directory: 'm',
			artifact: { name: 'media', skipped: 'no file was downloaded' },
		});
		expect(skipped).toContain('Artifact `media` was not uploaded: no file was downloaded');
		expect(skipped).not.toContain('| File |');
		const noUrl = renderSummary({ items, directory: 'm', artifact: { name: 'media', id: 7, url: '', digest: 'c', size: 10 } });
		expect(noUrl).toContain('Artifact `media` (id 7): 10 B zip, sha256 `c`');
		const without = renderSummary({ items, directory: 'm', artifact: undefined });
		expect(without).not.toContain('Artifact');
		expect(without).not.toContain('Failed');
	});

	it('escapes table cells', () => {
		expect(cell('a|b\nc*d_e`f[g]h\\i&<>')).toBe('a\\|b c\\*d\\_e\\`f\\[g\\]h\\\\i&amp;&lt;&gt;');
	});
});

describe('itemLabel', () => {
	it('names an item by position and the message id core reported, or the media path it was given, never a query string', () => {
		expect(itemLabel(0, photo, { chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' })).toBe('#1 BAE5F4886F6F2D05');
		const failed = { ...noMedia, error: { ...noMedia.error, details: { chatId: '79001234567@c.us', idMessage: 'AAAA' } } };
		expect(itemLabel(1, failed, { receiptId: 1, body: {} })).toBe('#2 AAAA');
		expect(itemLabel(2, noMedia, { mediaUrl: '/api/media/temp/a.jpg?expires=1700000000' })).toBe('#3 /api/media/temp/a.jpg');
		expect(itemLabel(3, noMedia, { downloadUrl: 'https://s.example/b.pdf?X-Amz-Signature=secret' })).toBe('#4');
		expect(itemLabel(4, noMedia, 'not a reference')).toBe('#5');
	});
});

describe('fileSource', () => {
	it('names the message of a file: chatId / idMessage, the idMessage alone, or the file in the media URL', () => {
		expect(fileSource(photo)).toBe('79001234567@c.us / BAE5F4886F6F2D05');
		const { chatId: _chatId, ...webhook } = photo;
		expect(fileSource({ ...webhook, provider: 'multi-session', sessionId: 'shop' })).toBe('BAE5F4886F6F2D05');
		const { idMessage: _idMessage, ...mediaUrl } = webhook;
		expect(fileSource({ ...mediaUrl, downloadUrl: 'https://wa.example.com/api/media/temp/3EB0C431.jpg?expires=1' })).toBe('3EB0C431.jpg');
		expect(fileSource({ ...mediaUrl, downloadUrl: 'https://wa.example.com/temp/%D0%A1%D1%87%D1%91%D1%82.pdf' })).toBe('Счёт.pdf');
		expect(fileSource({ ...mediaUrl, downloadUrl: 'https://wa.example.com/temp/100%25%zz.pdf' })).toBe('100%25%zz.pdf');
	});
});

describe('renderArchiveSummary', () => {
	const at = '2026-01-01T10:00:00.000Z';
	const lines: JournalLine[] = [
		{
			at,
			source: 'queue',
			receiptId: 1,
			chatId: '79001234567@c.us',
			idMessage: 'BAE5F4886F6F2D05',
			result: { ...photo, path: '79001234567@c.us/receipt_01|march.jpg' },
		},
		{ at, source: 'queue', receiptId: 2, chatId: '79001234567@c.us', idMessage: 'AAAA', result: noMedia, body: {} },
		{ at, source: 'queue', receiptId: 3, typeWebhook: 'outgoingMessageStatus', body: {} },
	];

	it('counts what a sync did, tables its files by archive path and its failures, the one that ended the run included', () => {
		const markdown = renderArchiveSummary({
			mode: 'sync',
			summary: { processed: 3, downloaded: 1, failed: 2, skipped: 4 },
			lines,
			error: { ...noMedia.error, code: 'UPSTREAM_ERROR', message: 'Green-API answered 503', hint: 'Run again later.' },
			directory: 'whatsapp-media/',
			artifact: { name: 'whatsapp-media', skipped: 'nothing new was archived' },
		});
		expect(markdown).toBe(
			[
				'## WhatsApp archive',
				'',
				'Drained the Green-API notification queue into `whatsapp-media/` (journal `whatsapp-media/wamedia-journal.ndjson`).',
				'',
				'| Notifications processed | Files downloaded | Failed | Skipped (archived before) | Kept without a file |',
				'| ---: | ---: | ---: | ---: | ---: |',
				'| 3 | 1 | 2 | 4 | 1 |',
				'',
				'Artifact `whatsapp-media` was not uploaded: nothing new was archived',
				'',
				'| File | Type | Size | SHA-256 | Message |',
				'| --- | --- | ---: | --- | --- |',
				`| 79001234567@c.us/receipt\\_01\\|march.jpg | image/jpeg | 47.1 KiB | \`${'a'.repeat(64)}\` | 79001234567@c.us / BAE5F4886F6F2D05 |`,
				'',
				'### Failed (2)',
				'',
				'| Item | Code | Problem | What to do |',
				'| --- | --- | --- | --- |',
				'| 79001234567@c.us / AAAA | `NO_MEDIA` | The message has no file (textMessage) | Filter on messageData.typeMessage before downloading. |',
				'| the head of the queue (still queued) | `UPSTREAM_ERROR` | Green-API answered 503 | Run again later. |',
				'',
			].join('\n'),
		);
	});

	it('words a back-fill as journal messages, without the column of notifications that carry no file, and says when it was cancelled', () => {
		const markdown = renderArchiveSummary({
			mode: 'backfill',
			summary: { processed: 0, downloaded: 0, failed: 0, skipped: 0, stopped: true },
			lines: [],
			error: undefined,
			directory: 'archive',
			artifact: undefined,
		});
		expect(markdown).toContain('Back-filled from the Green-API journals into `archive` (journal `archive/wamedia-journal.ndjson`).');
		expect(markdown).toContain('**Cancelled:**');
		expect(markdown).toContain(
			'| Messages processed | Files downloaded | Failed | Skipped (archived before) |\n| ---: | ---: | ---: | ---: |\n| 0 | 0 | 0 | 0 |',
		);
		expect(markdown).not.toContain('Artifact');
		expect(markdown).not.toContain('| File |');
	});
});

describe('lineLabel', () => {
	it('names a journal line by chat and message, the message alone, or the receipt id', () => {
		expect(lineLabel({ at: '', source: 'queue', chatId: '79001234567@c.us', idMessage: 'BAE5' })).toBe('79001234567@c.us / BAE5');
		expect(lineLabel({ at: '', source: 'getChatHistory', idMessage: 'BAE5' })).toBe('BAE5');
		expect(lineLabel({ at: '', source: 'queue', receiptId: 9 })).toBe('notification 9');
		expect(lineLabel({ at: '', source: 'lastIncomingMessages' })).toBe('lastIncomingMessages');
	});
});
