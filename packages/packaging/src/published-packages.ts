/** A workspace package that is published to npm, and so must work when installed from its tarball. */
export interface PublishedPackage {
	/** The package name, as `npm install` users type it. */
	name: string;
	/** Its folder, relative to the repository root. */
	directory: string;
}

/**
 * Every package wamedia publishes. A new one adds a line here, and its own check of what the
 * installed package does to `test/packed-install.test.ts`; packing and installing is shared.
 */
export const publishedPackages: readonly PublishedPackage[] = [
	{ name: '@wamedia/core', directory: 'packages/core' },
	{ name: '@wamedia/node-red', directory: 'packages/node-red' },
	{ name: 'n8n-nodes-wamedia', directory: 'packages/n8n' },
];
