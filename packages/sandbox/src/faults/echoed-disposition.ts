import type { IncomingMessage } from 'node:http';
import type { HeadFault } from './faults.js';

type DispositionFault = Extract<HeadFault, { type: 'content-disposition-echo' }>;

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function echoedValue(fault: DispositionFault, request: IncomingMessage): string {
	const target = request.url ?? '/';
	const queryStart = target.indexOf('?');
	switch (fault.from) {
		case 'authorization': {
			const header = request.headers.authorization ?? '';
			const space = header.indexOf(' ');
			return space === -1 ? header : header.slice(space + 1).trim();
		}
		case 'query': {
			const query = queryStart === -1 ? '' : target.slice(queryStart + 1);
			return fault.param === undefined ? query : (new URLSearchParams(query).get(fault.param) ?? '');
		}
		case 'path': {
			const path = queryStart === -1 ? target : target.slice(0, queryStart);
			return decoded(path.slice(path.lastIndexOf('/') + 1));
		}
		default:
			return '';
	}
}

/**
 * The Content-Disposition a `content-disposition-echo` fault sends: a file name built from what the request
 * carried (its credentials, a query parameter, its path). Control characters are dropped so the header stays
 * writable; everything else, secrets included, is kept.
 *
 * @example echoedDisposition({ type: "content-disposition-echo", from: "authorization", template: "{value}.jpg" }, request)
 * // 'attachment; filename="wams_….jpg"'
 */
export function echoedDisposition(fault: DispositionFault, request: IncomingMessage): string {
	const name = (fault.template ?? '{value}').replaceAll('{value}', echoedValue(fault, request)).replace(/[\u0000-\u001f\u007f]/g, '');
	if (fault.extended) {
		return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
	}
	return `attachment; filename="${name.replace(/["\\]/g, '\\$&')}"`;
}
