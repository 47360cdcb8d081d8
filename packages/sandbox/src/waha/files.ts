import type { MediaEntry } from '../media/catalog.js';
import { mediaKindTraits } from '../media/kind.js';
import type { SandboxClock } from '../sandbox-clock.js';

/**
 * The files a WAHA server keeps of received media: `{messageId}.{ext}` per message, deleted `lifetimeSeconds`
 * after saving (0 keeps them), as WAHA's local storage does (docs/providers.md#waha-lifetimes). Time is the
 * sandbox clock's.
 *
 * @example const name = files.save(entry); files.find(name) // entry, until 180 s later
 */
export class WahaFiles {
	readonly #clock: SandboxClock;
	readonly #lifetimeMs: number;
	readonly #saved = new Map<string, { readonly entry: MediaEntry; readonly savedAt: number }>();

	constructor(clock: SandboxClock, lifetimeSeconds: number) {
		this.#clock = clock;
		this.#lifetimeMs = lifetimeSeconds * 1000;
	}

	/**
	 * The name WAHA stores a media message under: its serialized id and the extension of its MIME type.
	 *
	 * @example WahaFiles.nameOf(entry) // "false_79001234567@c.us_3EB0….jpeg"
	 */
	static nameOf(entry: MediaEntry): string {
		return `${entry.info.wahaMessageId}.${mediaKindTraits[entry.info.kind].mimeExtension}`;
	}

	/** Saves (again) the file of a media message now; returns its name. */
	save(entry: MediaEntry): string {
		const name = WahaFiles.nameOf(entry);
		this.#saved.set(name, { entry, savedAt: this.#clock.now() });
		return name;
	}

	/** Deletes the file of a media message, as the lifetime would. */
	delete(entry: MediaEntry): void {
		this.#saved.delete(WahaFiles.nameOf(entry));
	}

	/** The media stored under `name`, unless it was never saved or its lifetime is over. */
	find(name: string): MediaEntry | undefined {
		const saved = this.#saved.get(name);
		if (saved && this.#lifetimeMs > 0 && this.#clock.now() - saved.savedAt >= this.#lifetimeMs) {
			this.#saved.delete(name);
			return undefined;
		}
		return saved?.entry;
	}
}
