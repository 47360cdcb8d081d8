// `pnpm --filter @wamedia/packaging pack-all [DIR]`: the tarballs of every published package, for installing
// a build before it is on npm (`npm install ./wamedia-core-0.1.0.tgz`). Build first: `pnpm build`.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { packPackages } from './pack-packages.ts';

const destination = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? 'packed');
await mkdir(destination, { recursive: true });
for (const [name, tarball] of await packPackages(destination)) process.stdout.write(`${name}\t${tarball}\n`);
