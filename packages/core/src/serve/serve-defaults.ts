/**
 * Every default of `serve` (docs/serve.md), in a module of its own that imports nothing, so that the CLI's
 * help and completion can print them without loading the receiver.
 */
export const serveDefaults = {
	host: '127.0.0.1',
	port: 8080,
	maxBody: 64 * 1024 * 1024,
	maxSpooledBodies: 10_000,
	maxSpooledBytes: 1024 * 1024 * 1024,
	requestTimeout: 60_000,
	shutdownTimeout: 5_000,
} as const;
