import { resolve } from 'node:path';
import * as core from '@actions/core';
import type { ClientOptions, MediaReference } from '@wamedia/core';

/** How to upload the downloaded files; absent when `upload-artifact` is false. */
export interface ArtifactSettings {
	name: string;
	/** Undefined (or 0 in the input): the repository's default retention. */
	retentionDays: number | undefined;
	compressionLevel: number;
	overwrite: boolean;
	/** `https://github.com/<owner>/<repo>/actions/runs/<id>/artifacts/`, when the run is known. */
	runArtifactsUrl: string | undefined;
}

/** Everything the action reads from its inputs and the runner's environment, checked. */
export interface ActionInputs {
	/** Everything `createClient` needs: credentials, directory, limits. */
	client: ClientOptions & { directory: string };
	/** What to download, in input order. */
	references: MediaReference[];
	/** The `path` input as written, for the summary. */
	path: string;
	failOnError: boolean;
	artifact: ArtifactSettings | undefined;
}

/** The defaults of action.yml, for runs that do not pass every input (local runs, tests). */
export const defaults = {
	provider: 'green-api',
	path: 'whatsapp-media',
	'upload-artifact': true,
	'artifact-name': 'whatsapp-media',
	'compression-level': 6,
	overwrite: false,
	'fail-on-error': true,
	'allow-private-network': false,
} as const;

function flag(name: keyof typeof defaults): boolean {
	const value = core.getInput(name);
	if (value === '') return defaults[name] as boolean;
	// The YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them.
	if (['true', 'True', 'TRUE'].includes(value)) return true;
	if (['false', 'False', 'FALSE'].includes(value)) return false;
	throw new Error(`Invalid ${name}: expected true or false, got "${value}"`);
}

function integer(name: string, min: number, max: number): number | undefined {
	const value = core.getInput(name);
	if (value === '') return undefined;
	const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!(number >= min && number <= max)) throw new Error(`Invalid ${name}: expected a whole number from ${min} to ${max}, got "${value}"`);
	return number;
}

/** Two inputs that only work together: both or neither, and both when `required`. */
function pair(first: string, second: string, required: boolean): [string, string] | undefined {
	if (!required && core.getInput(first) === '' && core.getInput(second) === '') return undefined;
	return [core.getInput(first, { required: true }), core.getInput(second, { required: true })];
}

// Commas separate items too, so a one-line workflow_dispatch input can carry several ids.
function messageReferences(lines: string[]): MediaReference[] {
	const chatId = core.getInput('chat-id');
	const items = lines.flatMap((line) => line.split(',').map((item) => item.trim())).filter((item) => item !== '');
	return items.map((item, index) => {
		const parts = item.split(/\s+/);
		const [first = '', second] = parts;
		if (parts.length > 2 || (second === undefined && chatId === '')) {
			throw new Error(
				`Invalid id-message item ${index + 1} ("${item}"): write "<idMessage>" with the chat-id input, or "<chatId> <idMessage>"`,
			);
		}
		return second === undefined ? { chatId, idMessage: first } : { chatId: first, idMessage: second };
	});
}

function webhookReferences(payload: string): MediaReference[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(payload);
	} catch (error) {
		throw new Error(`Invalid webhook-payload: not JSON (${(error as Error).message})`);
	}
	const bodies = Array.isArray(parsed) ? parsed : [parsed];
	bodies.forEach((body, index) => {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw new Error(`Invalid webhook-payload: item ${index + 1} is not a JSON object`);
		}
	});
	return bodies as MediaReference[];
}

function artifactSettings(env: NodeJS.ProcessEnv): ArtifactSettings | undefined {
	if (!flag('upload-artifact')) return undefined;
	const name = core.getInput('artifact-name') || defaults['artifact-name'];
	// The characters @actions/artifact refuses, checked before anything is downloaded.
	if (/[":<>|*?\r\n\\/]/.test(name))
		throw new Error(`Invalid artifact-name "${name}": it must not contain " : < > | * ? \\ / or line breaks`);
	if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
		throw new Error(
			'upload-artifact is true, but the runner gave this step no artifact service (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL). Run it in a GitHub Actions job, or set upload-artifact: false.',
		);
	}
	const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
	return {
		name,
		retentionDays: integer('retention-days', 0, 400) || undefined,
		compressionLevel: integer('compression-level', 0, 9) ?? defaults['compression-level'],
		overwrite: flag('overwrite'),
		runArtifactsUrl: repository && runId ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}/artifacts/` : undefined,
	};
}

/**
 * Reads and checks every input of action.yml and the runner variables the action uses. Secrets are masked
 * before anything else happens. Throws an Error whose message names the input and says what is expected.
 *
 * @example const inputs = readInputs(); // INPUT_ID-MESSAGE, INPUT_API-TOKEN-INSTANCE, … from the runner
 */
export function readInputs(): ActionInputs {
	for (const secret of [core.getInput('api-token-instance'), core.getInput('api-key')]) {
		if (secret !== '') core.setSecret(secret);
	}
	const provider = core.getInput('provider') || defaults.provider;
	if (provider !== 'green-api' && provider !== 'multi-session') {
		throw new Error(`Invalid provider "${provider}": expected green-api or multi-session`);
	}
	const lines = (name: string): string[] => core.getMultilineInput(name).filter((line) => line !== '');
	const sources = {
		'id-message': lines('id-message'),
		'media-url': lines('media-url'),
		'webhook-payload': [core.getInput('webhook-payload')].filter((payload) => payload !== ''),
	};
	const given = Object.entries(sources).flatMap(([name, values]) => (values.length > 0 ? [name] : []));
	if (given.length === 0) throw new Error('Nothing to download: set id-message (with chat-id), media-url or webhook-payload');
	if (given.length > 1) throw new Error(`Set only one of ${given.join(', ')}`);
	const source = given[0];
	if (source === 'id-message' && provider !== 'green-api') throw new Error('id-message needs provider: green-api');
	if (source === 'media-url' && provider !== 'multi-session') throw new Error('media-url needs provider: multi-session');

	const path = core.getInput('path') || defaults.path;
	const maxBytes = integer('max-bytes', 1, Number.MAX_SAFE_INTEGER);
	const concurrency = integer('concurrency', 1, 256);
	const client: ActionInputs['client'] = {
		directory: resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), path),
		allowPrivateNetwork: flag('allow-private-network'),
		...(maxBytes === undefined ? {} : { maxBytes }),
		...(concurrency === undefined ? {} : { concurrency }),
	};
	if (provider === 'green-api') {
		const credentials = pair('id-instance', 'api-token-instance', source === 'id-message');
		const apiUrl = core.getInput('api-url');
		if (credentials) client.greenApi = { idInstance: credentials[0], apiTokenInstance: credentials[1], ...(apiUrl ? { apiUrl } : {}) };
	} else {
		const [serverUrl, apiKey] = pair('server-url', 'api-key', true) as [string, string];
		client.multiSession = { serverUrl, apiKey };
	}
	const references =
		source === 'id-message'
			? messageReferences(sources['id-message'])
			: source === 'media-url'
				? sources['media-url'].map((mediaUrl) => ({ mediaUrl }))
				: webhookReferences(sources['webhook-payload'][0] ?? '');
	return {
		client,
		references,
		path,
		failOnError: flag('fail-on-error'),
		artifact: artifactSettings(process.env),
	};
}
