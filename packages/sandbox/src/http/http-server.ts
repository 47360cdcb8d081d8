import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP server listening on 127.0.0.1.
 *
 * @example const server = await listen(listener, 0); await server.close();
 */
export interface RunningServer {
	/** Origin, e.g. `http://127.0.0.1:41234`. */
	readonly url: string;
	/** Stops listening and destroys every open connection, stalled ones included. */
	close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 (port 0 picks a free one) that tracks its sockets so it can close hard.
 *
 * @example await listen((request, response) => response.end("ok"), 0)
 */
export async function listen(listener: RequestListener, port: number): Promise<RunningServer> {
	const server = createServer(listener);
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const socket of sockets) {
					socket.destroy();
				}
			}),
	};
}
