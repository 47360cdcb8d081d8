import { GHESNotSupportedError, InvalidResponseError, NetworkError, UsageError } from '@actions/artifact';
import { describe, expect, it } from 'vitest';
import { explainArtifactError } from '../src/artifact-error.js';

describe('explainArtifactError', () => {
	it.each([
		[
			'a name already used in the run',
			new Error(
				'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
			),
			'Artifact name already used',
			// biome-ignore lint/suspicious/noTemplateCurlyInString: the advice quotes a workflow expression.
			['"media"', 're-run', 'overwrite: true', 'media-${{ github.job }}-${{ github.run_attempt }}'],
		],
		['GHES', new GHESNotSupportedError(), 'Artifacts not supported on GHES', ['upload-artifact: false', 'actions/upload-artifact@v3']],
		['the storage quota', new UsageError(), 'Artifact storage quota hit', ['retention-days', 'Delete old artifacts']],
		['an unreachable service', new NetworkError('ECONNREFUSED'), 'Artifact service unreachable', ['(ECONNREFUSED)', 'self-hosted']],
		// The Twirp client rethrows UsageError and NetworkError as plain Errors (artifact-twirp-client.ts).
		[
			'the storage quota, rethrown',
			new Error(`Failed to CreateArtifact: ${new UsageError().message}`),
			'Artifact storage quota hit',
			['retention-days'],
		],
		[
			'an unreachable service, rethrown',
			new Error(`Failed to ListArtifacts: ${new NetworkError('ETIMEDOUT').message}`),
			'Artifact service unreachable',
			['(ETIMEDOUT)'],
		],
		['a stalled upload', new Error('Upload progress stalled.'), 'Artifact upload stalled', ['ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS']],
		[
			'a service that kept failing',
			new Error('Failed to CreateArtifact: Failed to make request after 5 attempts: Failed request: (503) Service Unavailable'),
			'Artifact upload failed',
			['after 5 attempts', 'githubstatus.com', 're-run'],
		],
		[
			'an answer that was not ok',
			new InvalidResponseError('FinalizeArtifact: response from backend was not ok'),
			'Artifact upload failed',
			['not ok.'],
		],
		['something thrown that is not an Error', 'boom', 'Artifact upload failed', ['boom.']],
	])('explains %s', (_, error, title, phrases) => {
		const problem = explainArtifactError(error, 'media');
		expect(problem.title).toBe(title);
		for (const phrase of phrases) expect(problem.message).toContain(phrase);
	});
});
