import { isMediaKind, type MediaKind } from './kind.js';

/**
 * A media to serve. The body is generated from `id`: the same spec always gives the same bytes.
 *
 * @example { id: "big", kind: "mp4", size: 256 * 1024 * 1024 }
 */
export interface MediaSpec {
	/** Catalog key, e.g. `"image"`. */
	id: string;
	/** Format: the body starts with its real signature, then deterministic filler. */
	kind: MediaKind;
	/** Exact body size in bytes; any size, the body is generated in pieces and never held whole. */
	size: number;
	/** Content-Type the servers send; `null` sends none. Default: the real MIME type of `kind`. */
	contentType?: string | null;
	/** Exact Content-Disposition value the storage sends; `null` (the default) sends none. */
	contentDisposition?: string | null;
	/** Name carried by webhooks in `fileMessageData.fileName`; omitted from webhooks when absent. */
	fileName?: string;
	/** Last path segment of the storage URL. Default: `<uuid>.<extension>`. */
	urlName?: string;
	/** Honour `Range` and `If-Range` (default `true`); `false` always answers 200 with the whole body. */
	acceptRanges?: boolean;
}

/**
 * Throws a `TypeError` naming the first invalid field of a spec; returns the spec when valid.
 *
 * @example validateMediaSpec({ id: "x", kind: "pdf", size: 10 })
 */
export function validateMediaSpec(spec: MediaSpec): MediaSpec {
	if (typeof spec !== 'object' || spec === null) {
		throw new TypeError('media spec must be an object');
	}
	if (typeof spec.id !== 'string' || spec.id === '' || spec.id.includes('/')) {
		throw new TypeError(`media.id must be a non-empty string without "/", got ${JSON.stringify(spec.id)}`);
	}
	if (!isMediaKind(spec.kind)) {
		throw new TypeError(`media.kind of "${spec.id}" is not a known kind: ${JSON.stringify(spec.kind)}`);
	}
	if (!Number.isSafeInteger(spec.size) || spec.size < 0) {
		throw new TypeError(`media.size of "${spec.id}" must be a non-negative integer, got ${String(spec.size)}`);
	}
	for (const field of ['contentType', 'contentDisposition'] as const) {
		const value = spec[field];
		if (value !== undefined && value !== null && typeof value !== 'string') {
			throw new TypeError(`media.${field} of "${spec.id}" must be a string or null`);
		}
	}
	if (spec.fileName !== undefined && typeof spec.fileName !== 'string') {
		throw new TypeError(`media.fileName of "${spec.id}" must be a string`);
	}
	if (spec.urlName !== undefined && (typeof spec.urlName !== 'string' || spec.urlName === '')) {
		throw new TypeError(`media.urlName of "${spec.id}" must be a non-empty string`);
	}
	if (spec.acceptRanges !== undefined && typeof spec.acceptRanges !== 'boolean') {
		throw new TypeError(`media.acceptRanges of "${spec.id}" must be a boolean`);
	}
	return spec;
}
