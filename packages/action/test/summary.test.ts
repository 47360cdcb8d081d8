import type { ErrorResult, FileResult } from '@wamedia/core';
import { describe, expect, it } from 'vitest';
import { describeReference } from '../src/describe-reference.js';
import { cell, renderSummary } from '../src/summary.js';

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
				'| File | Type | Size | SHA-256 |',
				'| --- | --- | ---: | --- |',
				`| receipt\\_01\\|march.jpg | image/jpeg | 47.1 KiB | \`${'a'.repeat(64)}\` |`,
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

describe('describeReference', () => {
	it('names an item by position and message id or media path, never with a query string', () => {
		expect(describeReference({ chatId: '79001234567@c.us', idMessage: 'BAE5F4886F6F2D05' }, 0)).toBe('#1 BAE5F4886F6F2D05');
		expect(
			describeReference(
				{
					receiptId: 1,
					body: {
						idMessage: 'AAAA',
						messageData: { typeMessage: 'imageMessage', fileMessageData: { downloadUrl: 'https://s.example/a.jpg' } },
					},
				},
				1,
			),
		).toBe('#2 AAAA');
		expect(describeReference({ mediaUrl: '/api/media/temp/a.jpg?expires=1700000000' }, 2)).toBe('#3 /api/media/temp/a.jpg');
		expect(describeReference({ downloadUrl: 'https://s.example/b.pdf?X-Amz-Signature=secret' }, 3)).toBe('#4 https://s.example/b.pdf');
		expect(describeReference({ unknown: true }, 4)).toBe('#5');
	});
});
