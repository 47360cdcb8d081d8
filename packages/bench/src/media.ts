import type { MediaInfo, Sandbox } from '@wamedia/sandbox';

/** 1 MiB. */
export const MiB = 1024 * 1024;

/** How many small files the batch approaches fetch, and how big each is. */
export const smallFiles = { count: 1000, size: 64 * 1024 } as const;

/**
 * A media of `size` random-looking bytes, served as application/octet-stream; registered on first use, so that
 * sections can share it.
 *
 * @example bytesMedia(sandbox, 256 * MiB).sha256
 */
export function bytesMedia(sandbox: Sandbox, size: number): MediaInfo {
	const id = `bytes-${size}`;
	return (
		sandbox.media.list().find((media) => media.id === id) ??
		sandbox.media.add({ id, kind: 'bytes', size, contentType: 'application/octet-stream' })
	);
}

/**
 * Links to the batch's small JPEG files, registered on first use.
 *
 * @example smallFileLinks(sandbox).length // 1000
 */
export function smallFileLinks(sandbox: Sandbox): string[] {
	const registered = new Set(sandbox.media.list().map((media) => media.id));
	return Array.from({ length: smallFiles.count }, (_, index) => {
		const id = `small-${index}`;
		if (!registered.has(id)) sandbox.media.add({ id, kind: 'jpeg', size: smallFiles.size });
		return sandbox.storageLink(id);
	});
}
