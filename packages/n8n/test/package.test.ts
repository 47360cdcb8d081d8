// What n8n and its users see of the package: the manifest n8n installs and loads, the node's description (its
// parameter names are the workflow-JSON interface), the credentials, the README and the examples.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes } from '@wamedia/core';
import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scripts/n8n-instance.ts';
import { WamediaEvolutionApi } from '../src/credentials/WamediaEvolutionApi.credentials.ts';
import { WamediaGreenApi } from '../src/credentials/WamediaGreenApi.credentials.ts';
import { WamediaMetaCloudApi } from '../src/credentials/WamediaMetaCloudApi.credentials.ts';
import { WamediaMultiSessionApi } from '../src/credentials/WamediaMultiSessionApi.credentials.ts';
import { WamediaWahaApi } from '../src/credentials/WamediaWahaApi.credentials.ts';
import { Wamedia } from '../src/nodes/Wamedia/Wamedia.node.ts';

const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as Record<string, unknown> & {
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
	peerDependencies: Record<string, string>;
	devDependencies: Record<string, string>;
	keywords: string[];
};
const description = new Wamedia().description;
const credentials: ICredentialType[] = [
	new WamediaGreenApi(),
	new WamediaMultiSessionApi(),
	new WamediaMetaCloudApi(),
	new WamediaWahaApi(),
	new WamediaEvolutionApi(),
];

describe('package.json', () => {
	it('is a community package n8n installs alone: keyword, n8n block, n8n-workflow as a pinned peer, no runtime dependencies', () => {
		expect(manifest.name).toBe('n8n-nodes-wamedia');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies['n8n-workflow']).toBe(manifest.devDependencies['n8n-workflow']);
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		expect(manifest.n8n.nodes).toEqual(['dist/nodes/Wamedia/Wamedia.node.js']);
		expect(manifest.n8n.credentials.map((path) => /(\w+)\.credentials\.js$/.exec(path)?.[1])).toEqual(
			credentials.map((credential) => credential.constructor.name),
		);
	});

	it('lists built files that exist, each exporting the class named after it, with n8n-workflow left to n8n', async () => {
		for (const path of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			const file = join(packageRoot, path);
			expect(existsSync(file), `${path} (run the build)`).toBe(true);
			const source = readFileSync(file, 'utf8');
			// n8n's own NodeApiError must be the one thrown: the bundle requires n8n-workflow instead of carrying a copy.
			if (path.includes('/nodes/')) expect(source).toContain('require("n8n-workflow")');
			expect(source).not.toMatch(/class NodeApiError\b/);
			const exported = (await import(file)) as Record<string, unknown>;
			expect(typeof exported[/(\w+)\.(node|credentials)\.js$/.exec(path)?.[1] ?? '']).toBe('function');
		}
		expect(existsSync(join(packageRoot, 'dist/nodes/Wamedia/wamedia.svg'))).toBe(true);
	});
});

describe('the node', () => {
	it('is wamedia, "WhatsApp Media (wamedia)", with an SVG icon, usable as a tool', () => {
		expect(description).toMatchObject({
			name: 'wamedia',
			displayName: 'WhatsApp Media (wamedia)',
			icon: 'file:wamedia.svg',
			usableAsTool: true,
		});
	});

	it('has exactly the parameters of the contract, by their workflow JSON names', () => {
		const names = new Set(description.properties.map((property) => property.name));
		expect([...names].sort()).toEqual(
			[
				'provider',
				'source',
				'body',
				'chatId',
				'idMessage',
				'sessionId',
				'phoneNumber',
				'mediaUrl',
				'mediaId',
				'outputFormat',
				'binaryPropertyName',
				'options',
			].sort(),
		);
		const options = description.properties.find((property) => property.name === 'options')?.options as INodeProperties[];
		expect(options.map((option) => option.name).sort()).toEqual(['allowPrivateNetwork', 'fileName', 'maxBytes', 'timeout']);
		const values = (name: string) =>
			description.properties
				.filter((property) => property.name === name)
				.flatMap((property) => (property.options as Array<{ value: string }>).map((option) => option.value));
		expect(values('provider')).toEqual(['greenApi', 'multiSession', 'meta', 'waha', 'evolution']);
		expect(new Set(values('source'))).toEqual(new Set(['webhook', 'messageId', 'mediaUrl', 'mediaId']));
		expect(values('outputFormat')).toEqual(['base64', 'binary', 'file']);
		expect(description.properties.find((property) => property.name === 'body')?.default).toBe('={{ $json }}');
		expect(description.properties.find((property) => property.name === 'binaryPropertyName')?.default).toBe('data');
	});

	it('asks for the credential of the chosen provider only', () => {
		expect(description.credentials?.map((credential) => [credential.name, credential.displayOptions?.show?.provider])).toEqual([
			['wamediaGreenApi', ['greenApi']],
			['wamediaMultiSessionApi', ['multiSession']],
			['wamediaMetaCloudApi', ['meta']],
			['wamediaWahaApi', ['waha']],
			['wamediaEvolutionApi', ['evolution']],
		]);
	});
});

describe('the credentials', () => {
	it('are named …Api, keep secrets in password fields, and each has a test request', () => {
		const secrets = new Set(['apiTokenInstance', 'apiKey', 'accessToken']);
		for (const credential of credentials) {
			expect(credential.name).toMatch(/^wamedia\w+Api$/);
			expect(credential.test?.request.url).toBeTruthy();
			for (const property of credential.properties) {
				expect(property.typeOptions?.password === true, `${credential.name}.${property.name}`).toBe(secrets.has(property.name));
			}
		}
	});
});

describe('README.md and the examples', () => {
	const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');

	it('explains every error code and every parameter', () => {
		for (const code of Object.keys(errorCodes)) expect(readme).toContain(`\`${code}\``);
		for (const property of description.properties) expect(readme).toContain(`\`${property.name}\``);
	});

	it('has one example workflow per gateway, each using the node with the right credential', () => {
		const files = readdirSync(join(packageRoot, 'examples'));
		const providers = files.map((file) => {
			const workflow = JSON.parse(readFileSync(join(packageRoot, 'examples', file), 'utf8')) as { nodes: Array<Record<string, unknown>> };
			const node = workflow.nodes.find((item) => item.type === 'n8n-nodes-wamedia.wamedia') as Record<string, Record<string, unknown>>;
			const credential = description.credentials?.find((item) =>
				item.displayOptions?.show?.provider?.includes(node.parameters?.provider as string),
			);
			expect(Object.keys(node.credentials ?? {})).toEqual([credential?.name]);
			return node.parameters?.provider;
		});
		expect(new Set(providers)).toEqual(new Set(['greenApi', 'multiSession', 'meta', 'waha', 'evolution']));
	});
});
