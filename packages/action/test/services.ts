import { type ArtifactService, type Sandbox, type SandboxOptions, startArtifactService, startSandbox } from '@wamedia/sandbox';
import { expect, onTestFinished } from 'vitest';
import type { ActionRun } from './run-action.js';

/** A sandbox (Green-API, storage, Multi-Session) and an artifact service, both closed when the test ends. */
export async function startServices(options?: SandboxOptions): Promise<{ sandbox: Sandbox; service: ArtifactService }> {
	const sandbox = await startSandbox(options);
	onTestFinished(() => sandbox.close());
	const service = await startArtifactService();
	onTestFinished(() => service.close());
	return { sandbox, service };
}

/** The Green-API inputs for a list of sandbox media ids. */
export function greenApiInputs(sandbox: Sandbox, mediaIds: readonly string[]): Record<string, string> {
	return {
		'api-url': sandbox.greenApi.apiUrl,
		'id-instance': sandbox.greenApi.idInstance,
		'api-token-instance': sandbox.greenApi.apiTokenInstance,
		'chat-id': sandbox.chatId,
		'id-message': mediaIds.map((id) => sandbox.media.get(id).idMessage).join('\n'),
	};
}

/**
 * The secrets were masked before the action printed anything else, and appear nowhere else: not in stdout
 * (except the `::add-mask::` lines), stderr, the outputs, the summary, or the names of the files written.
 */
export function expectNoLeak(run: ActionRun, secrets: readonly string[]): void {
	const lines = run.stdout.split('\n');
	const masks = secrets.map((secret) => `::add-mask::${secret}`);
	expect(lines.slice(0, masks.length).sort()).toEqual([...masks].sort());
	const visible = [
		lines.filter((line) => !line.startsWith('::add-mask::')).join('\n'),
		run.stderr,
		JSON.stringify(run.outputs),
		run.summary,
	].join('\n');
	for (const secret of secrets) expect(visible).not.toContain(secret);
}
