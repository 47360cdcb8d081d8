import * as core from '@actions/core';
import type { SettingLabels, Settings } from '@wamedia/core/inputs';

/** The inputs that are core settings, by setting id: core reads, checks and fills them in. */
export const settingInputs = {
	provider: 'provider',
	apiUrl: 'api-url',
	idInstance: 'id-instance',
	apiTokenInstance: 'api-token-instance',
	serverUrl: 'server-url',
	apiKey: 'api-key',
	session: 'session',
	instance: 'instance',
	accessToken: 'access-token',
	graphUrl: 'graph-url',
	apiVersion: 'api-version',
	phoneNumberId: 'phone-number-id',
	directory: 'path',
	maxBytes: 'max-bytes',
	concurrency: 'concurrency',
	allowPrivateNetwork: 'allow-private-network',
	fileName: 'name',
	record: 'record',
	minutes: 'minutes',
	outgoing: 'outgoing',
	count: 'count',
	retryFailed: 'retry-failed',
} as const satisfies SettingLabels;

/**
 * The labels of the settings of sync and back-fill, which include the chat of a back-fill (`chat-id`). Errors
 * about one message keep {@link settingInputs}: the chatId they name is the message's, not an input.
 */
export const archiveInputs = { ...settingInputs, chatId: 'chat-id' } as const satisfies SettingLabels;

/** What the step does: download the given references, drain the notification queue, or back-fill from the journals. */
export type Mode = 'download' | 'sync' | 'backfill';

const modes: readonly Mode[] = ['download', 'sync', 'backfill'];

/** The defaults of action.yml for the inputs that are the action's own, for runs that do not pass every input. */
export const defaults = {
	mode: 'download',
	path: 'whatsapp-media',
	'upload-artifact': 'true',
	'artifact-name': 'whatsapp-media',
	'compression-level': '6',
	overwrite: 'false',
	'fail-on-error': 'true',
	'if-no-files-found': 'warn',
} as const;

/** What to do when no file was downloaded, as actions/upload-artifact's input of the same name. */
export type IfNoFilesFound = 'warn' | 'error' | 'ignore';

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

/** Everything the action reads from its inputs and the runner's environment. */
export interface ActionInputs {
	mode: Mode;
	/** Core's settings as given, for `readSettings`, `readBackfillSettings`. */
	settings: Settings;
	/** The sources as given: core reads them. Empty when not set. */
	sources: { 'id-message': string; 'chat-id': string; 'media-url': string[]; 'media-id': string; 'webhook-payload': string };
	failOnError: boolean;
	ifNoFilesFound: IfNoFilesFound;
	artifact: ArtifactSettings | undefined;
}

function input(name: keyof typeof defaults): string {
	return core.getInput(name) || defaults[name];
}

function flag(name: keyof typeof defaults): boolean {
	const value = input(name);
	// The YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them.
	if (['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(value)) return value.toLowerCase() === 'true';
	throw new Error(`Invalid ${name}: expected true or false, got "${value}"`);
}

function integer(name: string, value: string, max: number): number {
	if (!/^\d+$/.test(value) || Number(value) > max)
		throw new Error(`Invalid ${name}: expected a whole number from 0 to ${max}, got "${value}"`);
	return Number(value);
}

function artifactSettings(env: NodeJS.ProcessEnv): ArtifactSettings | undefined {
	if (!flag('upload-artifact')) return undefined;
	const name = input('artifact-name');
	// The characters @actions/artifact refuses, checked before anything is downloaded.
	if (/[":<>|*?\r\n\\/]/.test(name))
		throw new Error(`Invalid artifact-name "${name}": it must not contain " : < > | * ? \\ / or line breaks`);
	if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
		throw new Error(
			'upload-artifact is true, but the runner gave this step no artifact service (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL). Run it in a GitHub Actions job, or set upload-artifact: false.',
		);
	}
	const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
	const retentionDays = core.getInput('retention-days');
	return {
		name,
		retentionDays: (retentionDays && integer('retention-days', retentionDays, 400)) || undefined,
		compressionLevel: integer('compression-level', input('compression-level'), 9),
		overwrite: flag('overwrite'),
		runArtifactsUrl: repository && runId ? `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}/artifacts/` : undefined,
	};
}

/**
 * Reads every input of action.yml and the runner variables the action uses. Secrets are masked before
 * anything else happens. Core's settings and the sources are passed on as text, for core to interpret;
 * only the action's own inputs (mode, artifact, fail-on-error, if-no-files-found) are checked here.
 *
 * @example const inputs = readInputs(); // INPUT_ID-MESSAGE, INPUT_API-TOKEN-INSTANCE, … from the runner
 */
export function readInputs(): ActionInputs {
	for (const secret of [core.getInput('api-token-instance'), core.getInput('api-key'), core.getInput('access-token')]) {
		if (secret !== '') core.setSecret(secret);
	}
	const settings: Record<string, string> = {};
	for (const [id, name] of Object.entries(settingInputs)) settings[id] = core.getInput(name);
	settings.directory ||= defaults.path;
	const mode = input('mode');
	if (!modes.includes(mode as Mode)) throw new Error(`Invalid mode: expected ${modes.join(', ')}, got "${mode}"`);
	const ifNoFilesFound = input('if-no-files-found');
	if (!['warn', 'error', 'ignore'].includes(ifNoFilesFound)) {
		throw new Error(`Invalid if-no-files-found: expected warn, error or ignore, got "${ifNoFilesFound}"`);
	}
	return {
		mode: mode as Mode,
		settings,
		sources: {
			'id-message': core.getInput('id-message'),
			'chat-id': core.getInput('chat-id'),
			'media-url': core.getMultilineInput('media-url'),
			'media-id': core.getInput('media-id'),
			'webhook-payload': core.getInput('webhook-payload'),
		},
		failOnError: flag('fail-on-error'),
		ifNoFilesFound: ifNoFilesFound as IfNoFilesFound,
		artifact: artifactSettings(process.env),
	};
}
