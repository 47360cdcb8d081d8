import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../scripts/error-codes-table.ts';

const docs = join(repositoryRoot, 'docs');

describe('docs/README.md', () => {
	it('links every page under docs/, the guides included', async () => {
		const index = await readFile(join(docs, 'README.md'), 'utf8');
		const pages = (await readdir(docs, { recursive: true })).filter((file) => file.endsWith('.md') && file !== 'README.md');
		expect(pages).toEqual(expect.arrayContaining(['providers.md', join('guides', 'troubleshooting.md')]));
		for (const page of pages) expect(index, page).toContain(`](${page.split('\\').join('/')})`);
	});
});
