import { connect } from 'node:net';

const headEnd = Buffer.from('\r\n\r\n');

/**
 * The least Node can do to receive a body: one HTTP/1.1 GET written on a plain `net` socket, every byte after the
 * head counted and dropped. No parser, no stream above the socket. Resolves with the body's length once the
 * declared Content-Length has arrived; rejects on any status but 200.
 *
 * @example await rawGet('http://127.0.0.1:4000/f.bin') // 268435456
 */
export function rawGet(url: string): Promise<number> {
	const { hostname, port, pathname, search, host } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 80) });
		let head: Buffer | undefined = Buffer.alloc(0);
		let expected = 0;
		let received = 0;
		const done = () => {
			socket.destroy();
			resolve(received);
		};
		socket.on('error', reject);
		socket.on('end', () => reject(new Error(`the connection ended after ${received} of ${expected} bytes`)));
		socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
		socket.on('data', (chunk: Buffer) => {
			if (head === undefined) {
				received += chunk.length;
				if (received >= expected) done();
				return;
			}
			head = Buffer.concat([head, chunk]);
			const end = head.indexOf(headEnd);
			if (end === -1) return;
			const text = head.subarray(0, end).toString('latin1');
			const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
			const length = /\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1];
			if (status !== '200' || length === undefined) {
				socket.destroy();
				reject(new Error(`expected 200 with a Content-Length, got: ${text.split('\r\n')[0]}`));
				return;
			}
			expected = Number(length);
			received = head.length - end - headEnd.length;
			head = undefined;
			if (received >= expected) done();
		});
	});
}
