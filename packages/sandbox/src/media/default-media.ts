import { deterministicUuid, generatedFileName } from '../identifiers.js';
import type { MediaSpec } from './spec.js';

/**
 * The catalog every sandbox starts with: one media per WhatsApp message type, plus bodies for progress, resume
 * and no-range tests. Sizes are odd on purpose, so off-by-one errors show.
 *
 * @example defaultMedia.map((spec) => spec.id) // ["image", "png", "voice", …]
 */
export const defaultMedia: readonly MediaSpec[] = [
	{
		id: 'image',
		kind: 'jpeg',
		size: 48_213,
		fileName: 'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg',
		urlName: 'a6679d42-2f7f-4121-acfe-1f993dfcf123.jpg',
	},
	{
		id: 'png',
		kind: 'png',
		size: 20_517,
		contentDisposition: 'inline; filename="screenshot.png"',
		fileName: generatedFileName('png', 'png'),
	},
	{
		// A voice note served as generic bytes from a URL without extension: only sniffing finds its type.
		id: 'voice',
		kind: 'ogg',
		size: 30_722,
		contentType: 'application/octet-stream',
		urlName: deterministicUuid('media:voice'),
	},
	{
		id: 'document',
		kind: 'pdf',
		size: 101_347,
		contentDisposition: 'attachment; filename="Schet 42.pdf"; filename*=UTF-8\'\'%D0%A1%D1%87%D1%91%D1%82%20%E2%84%9642.pdf',
		fileName: 'Счёт №42.pdf',
	},
	{ id: 'video', kind: 'mp4', size: 1_100_003, fileName: generatedFileName('video', 'mp4') },
	{ id: 'sticker', kind: 'webp', size: 10_238, fileName: generatedFileName('sticker', 'webp') },
	{ id: 'large', kind: 'jpeg', size: 8 * 1024 * 1024, fileName: generatedFileName('large', 'jpg') },
	{
		id: 'norange',
		kind: 'jpeg',
		size: 2 * 1024 * 1024,
		fileName: generatedFileName('norange', 'jpg'),
		acceptRanges: false,
	},
];
