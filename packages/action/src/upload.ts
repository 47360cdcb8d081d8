import { ArtifactNotFoundError, DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import type { ArtifactSettings } from './inputs.js';

/** An uploaded artifact. */
export interface UploadedArtifact {
	name: string;
	id: number;
	/** Link to the artifact on the run's page; empty outside a known run. */
	url: string;
	/** Hex SHA-256 of the zip. */
	digest: string;
	/** Bytes of the zip. */
	size: number;
}

/**
 * Uploads files (absolute paths under `rootDirectory`) as one zipped artifact. With `overwrite`, an artifact of
 * the same name in the run is deleted first, as actions/upload-artifact does. Rejects with the library's error.
 *
 * @example await uploadFiles(settings, ["/work/whatsapp-media/a.jpg"], "/work/whatsapp-media")
 */
export async function uploadFiles(settings: ArtifactSettings, files: string[], rootDirectory: string): Promise<UploadedArtifact> {
	const client = new DefaultArtifactClient();
	if (settings.overwrite) {
		try {
			const { id } = await client.deleteArtifact(settings.name);
			core.info(`Deleted the existing artifact "${settings.name}" (id ${id}) to overwrite it`);
		} catch (error) {
			// Nothing to replace is the usual case; any other failure shows again, explained, when the upload fails.
			if (!(error instanceof ArtifactNotFoundError))
				core.info(`Could not delete the existing artifact "${settings.name}": ${String(error)}`);
		}
	}
	const {
		id = 0,
		digest = '',
		size = 0,
	} = await client.uploadArtifact(settings.name, files, rootDirectory, {
		compressionLevel: settings.compressionLevel,
		...(settings.retentionDays === undefined ? {} : { retentionDays: settings.retentionDays }),
	});
	return { name: settings.name, id, digest, size, url: settings.runArtifactsUrl && id ? `${settings.runArtifactsUrl}${id}` : '' };
}
