import type { Readable } from 'node:stream';
import type { Provider, WamediaErrorJson } from '../errors/wamedia-error.js';

/** The output formats of a download. */
export type OutputFormat = 'file' | 'base64' | 'binary' | 'stream';

/** Fields every successful download result has. */
export interface ResultBase {
	success: true;
	message: string;
	/** Sanitized file name with an extension that matches `mimeType`. */
	fileName: string;
	/** From Content-Type, or from the bytes' signature when the header is missing or generic. */
	mimeType: string;
	/** The link the bytes came from (a presigned storage link, or the media URL). */
	downloadUrl: string;
	provider: Provider;
	chatId?: string;
	idMessage?: string;
	/** The Multi-Session session, the WAHA session or the Evolution instance the message belongs to. */
	sessionId?: string;
	phoneNumber?: string;
	/** Meta: the media id the file was looked up by. */
	mediaId?: string;
	/** Meta: the business number that received the message. */
	phoneNumberId?: string;
	/** The caption the sender wrote, where the webhook has one. */
	caption?: string;
	/**
	 * True when the download record listed the item: nothing was requested, and the file fields are those
	 * the record holds.
	 */
	skipped?: true;
}

/** `format: 'file'`: the bytes are in `path`, written atomically. */
export interface FileResult extends ResultBase {
	format: 'file';
	size: number;
	sha256: string;
	/** Absolute path of the file written. */
	path: string;
}

/** `format: 'base64'`: the bytes as a base64 string. */
export interface Base64Result extends ResultBase {
	format: 'base64';
	size: number;
	sha256: string;
	data: string;
}

/** `format: 'binary'`: the bytes in a Buffer. */
export interface BinaryResult extends ResultBase {
	format: 'binary';
	size: number;
	sha256: string;
	data: Buffer;
}

/** Size and digest of a streamed body, known once the stream has ended. */
export interface StreamSummary {
	size: number;
	sha256: string;
}

/**
 * `format: 'stream'`: the body as a Node.js Readable that is fed while it is read. Failures after the
 * result was returned destroy the stream with a `WamediaError`.
 */
export interface StreamResult extends ResultBase {
	format: 'stream';
	stream: Readable;
	/** Content-Length when the server announced it. */
	size: number | undefined;
	/** Not known before the end: see `done`. */
	sha256?: never;
	/** Resolves when the stream has been read to its end and verified; rejects as the stream fails. */
	done: Promise<StreamSummary>;
}

/** A successful download. */
export type DownloadResult = FileResult | Base64Result | BinaryResult | StreamResult;

/** A failed download, as `downloadMany` reports it and the CLI prints it. */
export interface ErrorResult {
	success: false;
	error: WamediaErrorJson;
}

/**
 * The result of a download in `format` F: `download(reference, { format: 'binary' })` is a
 * {@link BinaryResult}, with `data: Buffer`. An unknown format (a variable of type OutputFormat) gives the union.
 */
export type ResultOf<F extends OutputFormat> = F extends 'file'
	? FileResult
	: F extends 'base64'
		? Base64Result
		: F extends 'binary'
			? BinaryResult
			: StreamResult;
