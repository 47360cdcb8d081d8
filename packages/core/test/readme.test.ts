import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { version } from '../src/index.js';

describe('documentation', () => {
	it.each(['webhook-server.ts', 'other-ways.ts'])('shows the example %s exactly as it is type-checked', async (name) => {
		const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
		const example = await readFile(new URL(`../examples/${name}`, import.meta.url), 'utf8');
		expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
	});

	it('reports the version of package.json', async () => {
		const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
		expect(version).toBe(manifest.version);
	});
});
