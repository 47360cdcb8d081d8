/** Where the bytes of a download go. */
export interface Sink {
	/** Takes the next chunk; when it returns a promise, more may be written once it resolves. */
	write(chunk: Uint8Array): Promise<void> | undefined;
	/** Told the body's length before the first chunk, when the server announced it. */
	expect?: (total: number | undefined) => void;
	/** Forgets everything written (a server restarted the body); absent when that is impossible. */
	reset?: () => Promise<void> | void;
}
