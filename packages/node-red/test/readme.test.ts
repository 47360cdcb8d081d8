// The README shows what the node shows: status sizes as formatBytes writes them, and the connection dialog's words.
import { readFileSync } from 'node:fs';
import { formatBytes } from '@wamedia/core';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const catalog = JSON.parse(readFileSync(new URL('../src/locales/en-US/wamedia.json', import.meta.url), 'utf8')) as {
	'wamedia-connection': { label: Record<string, string>; tip: Record<string, string> };
};
const units = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 } as Record<string, number>;

describe('README.md', () => {
	it('writes every size in code as the status does (formatBytes: binary units, one decimal)', () => {
		const figures = [...readme.matchAll(/`(\d+(?:\.\d+)?) ?([kKMG]i?B|B)`/g)];
		expect(figures.length).toBeGreaterThan(2);
		for (const [text, number, unit] of figures) {
			const bytes = Math.round(Number(number) * (units[unit ?? ''] ?? Number.NaN));
			expect(`\`${formatBytes(bytes)}\``, text).toBe(text);
		}
	});

	it('gives the walkthrough’s size as the green status shows it for the size in its msg.media', () => {
		const size = Number(/"size": (\d+)/.exec(readme)?.[1]);
		expect(readme).toContain(`green dot with the size (\`${formatBytes(size)}\`)`);
	});

	it('names the connection fields and tips as the dialog does', () => {
		const { label, tip } = catalog['wamedia-connection'];
		for (const field of [
			'apiUrl',
			'idInstance',
			'apiTokenInstance',
			'serverUrl',
			'apiKey',
			'session',
			'instance',
			'accessToken',
			'graphUrl',
			'apiVersion',
			'phoneNumberId',
		])
			expect(readme).toContain(`**${label[field]}**`);
		for (const text of Object.values(tip)) expect(readme).toContain(`_${text.split(' ').slice(0, 8).join(' ')}`);
	});
});
