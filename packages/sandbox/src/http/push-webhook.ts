import { request } from 'node:http';

/** What the receiver answered a pushed webhook. */
export interface PushResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * POSTs a body to a URL on a loopback address, as a gateway delivers a webhook (`Content-Type:
 * application/json`, the given signature headers), and reads the whole answer.
 *
 * @example await pushBody("http://127.0.0.1:8080/webhooks/meta", body, { "x-hub-signature-256": "sha256=…" })
 */
export function pushBody(url: string, body: Buffer, headers: Record<string, string>): Promise<PushResult> {
	const target = new URL(url);
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
		return Promise.reject(new Error(`the sandbox pushes webhooks to loopback addresses only, not ${target.hostname}`));
	}
	return new Promise((resolve, reject) => {
		const outgoing = request(
			target,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers },
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
				);
				response.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}
