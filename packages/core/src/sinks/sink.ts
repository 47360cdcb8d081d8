/** Where the bytes of a download go. */
export interface Sink {
	/** Takes the next chunk; when it returns a promise, more may be written once it resolves. */
	write(chunk: Uint8Array): Promise<void> | undefined;
	/** Forgets everything written (a server restarted the body); absent when that is impossible. */
	reset?: () => Promise<void> | void;
}
