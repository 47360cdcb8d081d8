/** Where the bytes of a download go. */
export interface Sink {
	/** Takes the next chunk; resolves when more may be written. */
	write(chunk: Uint8Array): Promise<void> | void;
	/** Forgets everything written (a server restarted the body); absent when that is impossible. */
	reset?: () => Promise<void> | void;
}
