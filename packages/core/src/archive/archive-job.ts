import type { Provider, WamediaError } from '../errors/wamedia-error.js';
import type { RetrySettings } from '../requests/retry-timing.js';
import type { Redactor } from '../security/redact.js';
import type { Transport } from '../transport/create-transport.js';
import type { EventListener } from '../types/events.js';
import type { DownloadOptions } from '../types/options.js';
import type { MediaReference } from '../types/reference.js';
import type { DownloadResult } from '../types/result.js';

/**
 * What a client lends to the archive's sources (sync, back-fill, serve): its providers' settings, its
 * transport and retry rules, and its own download (link, renewal of an expired link, checks, atomic file).
 */
export interface ArchiveJob {
	/** A provider's checked settings; undefined when the client does not configure it. */
	settingsOf(provider: Provider): unknown;
	transport: Transport;
	retry: RetrySettings;
	redact: Redactor;
	/** The client's event listener, secrets already redacted. */
	emit: EventListener;
	/** Downloads at once in a back-fill. */
	concurrency: number;
	/** The client's directory default. */
	directory: string | undefined;
	/** How the run names files: its own `fileName`, else the client's; undefined for `{chatId}/{name}`. */
	fileName: DownloadOptions['fileName'];
	/** The client's own `download`; it throws only finished (redacted) errors. */
	download(reference: MediaReference, options: DownloadOptions): Promise<DownloadResult>;
	/** Turns anything thrown into a redacted {@link WamediaError}. */
	finish(error: unknown): WamediaError;
}
