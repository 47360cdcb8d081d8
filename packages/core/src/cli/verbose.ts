import { defaultConcurrency } from '../normalize-options.js';
import { defaultApiUrl } from '../providers/green-api/settings.js';
import { defaultApiVersion, defaultGraphUrl } from '../providers/meta/settings.js';
import { defaultSession } from '../providers/waha/settings.js';

import type { DownloadEvent } from '../types/events.js';
import { version } from '../version.js';
import type { DownloadCommand } from './parse-cli-arguments.js';

// A presigned link's query is its signature: shown as "?…", like the path of the link is enough to follow it.
function shown(value: unknown): string {
	if (typeof value === 'string' && /^https?:\/\//i.test(value)) {
		try {
			const url = new URL(value);
			return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`;
		} catch {
			return value;
		}
	}
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `--verbose`: one line about an event of the core (a retry, a redirect, a renewal), as `* type key=value …`. */
export function describeEvent(event: DownloadEvent): string {
	const { type, ...fields } = event as { type: string } & Record<string, unknown>;
	const pairs = Object.entries(fields)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key}=${shown(value)}`);
	return `* ${String(type ?? 'event')}${pairs.length === 0 ? '' : ` ${pairs.join(' ')}`}\n`;
}

/** `--verbose`: what the run is about to do; secrets are only said to be set. */
export function describeSettings(command: DownloadCommand, items: number): string {
	const { greenApi, multiSession, meta, waha, evolution, concurrency, directory, maxBytes, timeout } = command.client;
	const lines = [`wamedia ${version}, Node.js ${process.versions.node}`];
	if (greenApi !== undefined) {
		lines.push(`Green-API ${greenApi.apiUrl ?? defaultApiUrl}, idInstance ${greenApi.idInstance}, apiTokenInstance set`);
	}
	if (multiSession !== undefined) lines.push(`Multi-Session ${shown(multiSession.serverUrl)}, apiKey set`);
	if (meta !== undefined) {
		lines.push(`Meta ${shown(meta.graphUrl ?? defaultGraphUrl)} ${meta.apiVersion ?? defaultApiVersion}, accessToken set`);
	}
	if (waha !== undefined) lines.push(`WAHA ${shown(waha.serverUrl)}, session ${waha.session ?? defaultSession}, apiKey set`);
	if (evolution !== undefined) lines.push(`Evolution ${shown(evolution.serverUrl)}, instance ${evolution.instance}, apiKey set`);
	const source = 'file' in command.source ? `${command.source.flag} ${command.source.file}` : 'the command line';
	lines.push(
		`${items} item${items === 1 ? '' : 's'} from ${source}; format ${command.format}; concurrency ${concurrency ?? defaultConcurrency}`,
	);
	const limits = [
		command.format === 'file' ? `out ${directory ?? '.'}` : undefined,
		maxBytes === undefined ? undefined : `max-bytes ${maxBytes}`,
		timeout === undefined ? undefined : `timeout ${timeout} ms`,
	].filter((item) => item !== undefined);
	if (limits.length > 0) lines.push(limits.join('; '));
	return lines.map((line) => `* ${line}\n`).join('');
}
