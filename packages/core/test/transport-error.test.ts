import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
let server: Server;
let url: string;

beforeAll(async () => {
	// A TLS server whose certificate no CA of Node's vouches for.
	server = createServer({ key: fixture('tls-key.pem'), cert: fixture('tls-cert.pem') }, (socket) => socket.end());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/photo.jpg`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('transport errors', () => {
	it('say a refused TLS certificate is one, with its verdict and what to do, and do not retry it', async () => {
		const events: string[] = [];
		const client = createClient({ allowPrivateNetwork: true, format: 'binary', onEvent: (event) => events.push(event.type) });
		const error = await client.download({ downloadUrl: url }).catch((caught: unknown) => caught);
		expect(error).toMatchObject({
			code: 'NETWORK',
			retryable: false,
			message: expect.stringContaining('TLS certificate of 127.0.0.1'),
			hint: expect.stringContaining('NODE_EXTRA_CA_CERTS'),
		});
		expect((error as Error).message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(events).not.toContain('retry');
	});
});
