/** A failed upload, put so that the reader knows what to do. */
export interface ArtifactProblem {
	/** Annotation title. */
	title: string;
	message: string;
}

/**
 * Turns an `@actions/artifact` failure into a title and a message that says what to do: the name already used
 * in the run (re-runs included), GHES, the storage quota, an unreachable service, a stalled upload, or a
 * service that kept failing. Errors are told apart by `name` and by message text: the Twirp client of v6
 * rethrows its UsageError and NetworkError as plain Errors ("Failed to CreateArtifact: <message>").
 *
 * @example explainArtifactError(error, "whatsapp-media").message
 */
export function explainArtifactError(error: unknown, name: string): ArtifactProblem {
	const kind = error instanceof Error ? error.name : '';
	const text = error instanceof Error ? error.message : String(error);
	if (kind === 'GHESNotSupportedError') {
		return {
			title: 'Artifacts not supported on GHES',
			message:
				'GitHub Enterprise Server does not offer the artifact service that @actions/artifact v2+ needs. Set upload-artifact: false and upload the path output with actions/upload-artifact@v3 in the next step, or run the job on github.com.',
		};
	}
	if (kind === 'UsageError' || /storage quota has been hit/i.test(text)) {
		return {
			title: 'Artifact storage quota hit',
			message: `The account's artifact storage is full, so "${name}" was not uploaded. Delete old artifacts or lower retention-days (usage is recalculated every 6-12 hours), raise the storage limit, or set upload-artifact: false.`,
		};
	}
	const network = /Unable to make request: (\w+)/.exec(text);
	if (kind === 'NetworkError' || network) {
		const code = network?.[1] ?? 'network error';
		return {
			title: 'Artifact service unreachable',
			message: `The runner could not reach the artifact service (${code}). Re-run the job; on a self-hosted runner, allow it to reach GitHub's Actions endpoints (results-receiver.actions.githubusercontent.com and *.blob.core.windows.net).`,
		};
	}
	// @actions/artifact reports the service's 409 as text only: "(409) Conflict: an artifact with this name already exists…"
	if (/\(409\)|already exists/i.test(text)) {
		return {
			title: 'Artifact name already used',
			message: `An artifact named "${name}" already exists in this workflow run: names are unique within a run, and a re-run keeps the artifacts of earlier attempts. Set overwrite: true to replace it, or make artifact-name unique, e.g. "${name}-\${{ github.job }}-\${{ github.run_attempt }}".`,
		};
	}
	if (/progress stalled/i.test(text)) {
		return {
			title: 'Artifact upload stalled',
			message:
				'The artifact upload made no progress within ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS (5 minutes unless set). Re-run the job; on a slow or self-hosted network, raise ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS or lower ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY in the step env.',
		};
	}
	return {
		title: 'Artifact upload failed',
		message: `${text.replace(/\.?$/, '.')} The artifact service may be having trouble: check https://www.githubstatus.com and re-run the job; the downloaded files are still in the path output for later steps.`,
	};
}
