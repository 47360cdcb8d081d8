import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './integration/helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = async (path: string) => JSON.parse(await readFile(join(root, path), 'utf8')) as Record<string, Record<string, string>>;

describe('the wamedia command', () => {
	it('is a committed launcher, so that installing links it before the first build', async () => {
		for (const [path, name, launcher] of [
			['packages/core/package.json', 'wamedia', './bin/wamedia.cjs'],
			['packages/sandbox/package.json', 'wamedia-sandbox', './bin/wamedia-sandbox.js'],
		] as const) {
			const { bin, files } = await manifest(path);
			expect(bin?.[name]).toBe(launcher);
			expect(files).toContain('bin');
			const tracked = spawnSync('git', ['ls-files', '--error-unmatch', join(path, '..', launcher)], { cwd: root });
			expect(tracked.status).toBe(0);
		}
	});

	it('runs the built CLI, and says how to build it when it is not built', async () => {
		const launcher = join(root, 'packages/core/bin/wamedia.cjs');
		expect(spawnSync(process.execPath, [launcher, '--version'], { encoding: 'utf8' }).stdout).toBe('0.1.0\n');
		const copy = await temporaryDirectory();
		await mkdir(join(copy, 'bin'));
		await cp(launcher, join(copy, 'bin', 'wamedia.cjs'));
		await cp(join(root, 'packages/core/package.json'), join(copy, 'package.json'));
		// --version is answered from package.json by the launcher itself; every other call needs the build.
		expect(spawnSync(process.execPath, [join(copy, 'bin', 'wamedia.cjs'), '--version'], { encoding: 'utf8' }).stdout).toBe('0.1.0\n');
		const unbuilt = spawnSync(process.execPath, [join(copy, 'bin', 'wamedia.cjs'), 'help'], { encoding: 'utf8' });
		expect(unbuilt).toMatchObject({ status: 1, stdout: '' });
		expect(unbuilt.stderr).toContain('wamedia is not built yet');
	});

	it('is linked at the repository root, where npx wamedia finds it', async () => {
		const { devDependencies } = await manifest('package.json');
		expect(devDependencies).toMatchObject({ '@wamedia/core': 'workspace:^', '@wamedia/sandbox': 'workspace:^' });
		const linked = spawnSync(join(root, 'node_modules/.bin/wamedia'), ['--version'], {
			encoding: 'utf8',
			env: { PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
		});
		expect(linked.stdout).toBe('0.1.0\n');
	});
});
