import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { EchoEncoding, ResponseFault } from './faults.js';

type EchoFault = Extract<ResponseFault, { type: 'echo' }>;

/** A body that echoes a request, and the Content-Type it goes with. */
export interface EchoBody {
	readonly contentType: string;
	readonly body: string;
}

function encode(value: string, encoding: EchoEncoding): string {
	const bytes = Buffer.from(value, 'utf8');
	switch (encoding) {
		case 'none':
			return value;
		case 'percent':
		case 'percent-lower': {
			const hex = [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
			return encoding === 'percent' ? hex.toUpperCase() : hex;
		}
		case 'base64':
			return bytes.toString('base64');
		case 'base64url':
			return bytes.toString('base64url');
	}
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"]/g, (character) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[character]};`);
}

/**
 * The answer of an `echo` fault: the method, the raw request target and every request header (secrets included),
 * as JSON, plain text or an HTML error page, the way careless servers and proxies echo a request in their errors.
 *
 * @example echoBody({ type: "echo", format: "text" }, request).body // "GET /x?key=…\nauthorization: Bearer …"
 */
export function echoBody(fault: EchoFault, request: IncomingMessage): EchoBody {
	const encoding = fault.encoding ?? 'none';
	const status = fault.status ?? 500;
	const padding = 'x'.repeat(fault.padding ?? 0);
	const method = request.method ?? 'GET';
	const url = encode(request.url ?? '/', encoding);
	const pairs: [string, string][] = [];
	for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
		pairs.push([request.rawHeaders[index] ?? '', encode(request.rawHeaders[index + 1] ?? '', encoding)]);
	}
	const lines = [`${method} ${url}`, ...pairs.map(([name, value]) => `${name}: ${value}`)];
	switch (fault.format ?? 'json') {
		case 'json': {
			const headers: Record<string, string> = {};
			for (const [name, value] of pairs) {
				const key = name.toLowerCase();
				headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
			}
			const echoed = { error: STATUS_CODES[status] ?? 'Error', method, url, headers };
			return { contentType: 'application/json', body: JSON.stringify(padding === '' ? echoed : { padding, ...echoed }) };
		}
		case 'text':
			return { contentType: 'text/plain; charset=utf-8', body: `${padding}${lines.join('\n')}\n` };
		case 'html': {
			const title = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
			return {
				contentType: 'text/html; charset=utf-8',
				body: `<html><head><title>${title}</title></head><body>${padding}<h1>${title}</h1><pre>${escapeHtml(lines.join('\n'))}</pre></body></html>\n`,
			};
		}
	}
}
