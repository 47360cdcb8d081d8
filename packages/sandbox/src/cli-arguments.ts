import { parseArgs } from 'node:util';
import { isMediaKind } from './media/kind.js';
import type { MediaSpec } from './media/spec.js';
import type { SandboxOptions } from './options.js';

/** What `wamedia-sandbox` was asked to do. */
export interface CliArguments {
	readonly help: boolean;
	readonly json: boolean;
	readonly options: SandboxOptions;
}

/** The usage text of `wamedia-sandbox`. */
export const usage = `Usage: wamedia-sandbox [options]

Runs loopback emulators of Green-API, its presigned media storage, the WhatsApp Multi-Session
server, the Meta Cloud API (Graph API and media host), WAHA and Evolution API on 127.0.0.1 until interrupted (Ctrl+C).

Options:
  --port-api N               Green-API emulator port (default: a free port)
  --port-storage N           storage emulator port
  --port-multi-session N     Multi-Session emulator port
  --port-meta N              Meta Graph API emulator port
  --port-meta-media N        Meta media host emulator port
  --port-waha N              WAHA emulator port
  --port-evolution N         Evolution API emulator port
  --port-control N           control API port
  --media ID:KIND:SIZE       register a media (repeatable); KIND is jpeg, png, ogg, mp4, pdf, webp or bytes;
                             SIZE in bytes, or with a K, M or G suffix (binary units), e.g. big:mp4:256M
  --link-ttl-seconds N       lifetime of presigned links (default 3600)
  --waha-files-lifetime-seconds N
                             seconds WAHA keeps a saved media file (default 180; 0 keeps them)
  --long-poll-ms N           longest wait of receiveNotification on an empty queue (default 250;
                             60000 honours every receiveTimeout in full)
  --json                     print one JSON line with URLs, credentials and the catalog
  -h, --help                 show this help
`;

const units: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function parseSize(text: string): number {
	const match = /^(\d+)([kmg]?)(?:i?b)?$/i.exec(text);
	const size = match ? Number(match[1]) * (units[match[2]?.toLowerCase() ?? ''] ?? 1) : Number.NaN;
	if (!Number.isSafeInteger(size)) {
		throw new TypeError(`invalid media size "${text}"`);
	}
	return size;
}

function parseMedia(text: string): MediaSpec {
	const [id, kind, size, ...rest] = text.split(':');
	if (!id || !kind || !size || rest.length > 0) {
		throw new TypeError(`--media expects ID:KIND:SIZE, got "${text}"`);
	}
	if (!isMediaKind(kind)) {
		throw new TypeError(`unknown media kind "${kind}" in --media ${text}`);
	}
	return { id, kind, size: parseSize(size) };
}

function parseInteger(text: string | undefined, flag: string): number | undefined {
	if (text === undefined) {
		return undefined;
	}
	if (!/^\d+$/.test(text)) {
		throw new TypeError(`${flag} expects a number, got "${text}"`);
	}
	return Number(text);
}

/**
 * Reads the command line of `wamedia-sandbox`; throws a `TypeError` on a bad flag or value.
 *
 * @example parseCliArguments(["--json", "--media", "big:bytes:1G"])
 */
export function parseCliArguments(argv: readonly string[]): CliArguments {
	const { values } = parseArgs({
		args: [...argv],
		strict: true,
		options: {
			'port-api': { type: 'string' },
			'port-storage': { type: 'string' },
			'port-multi-session': { type: 'string' },
			'port-meta': { type: 'string' },
			'port-meta-media': { type: 'string' },
			'port-waha': { type: 'string' },
			'port-evolution': { type: 'string' },
			'waha-files-lifetime-seconds': { type: 'string' },
			'port-control': { type: 'string' },
			media: { type: 'string', multiple: true },
			'link-ttl-seconds': { type: 'string' },
			'long-poll-ms': { type: 'string' },
			json: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	const ports: NonNullable<SandboxOptions['ports']> = {};
	const portFlags = [
		['api', 'port-api'],
		['storage', 'port-storage'],
		['multiSession', 'port-multi-session'],
		['meta', 'port-meta'],
		['metaMedia', 'port-meta-media'],
		['waha', 'port-waha'],
		['evolution', 'port-evolution'],
		['control', 'port-control'],
	] as const;
	for (const [name, flag] of portFlags) {
		const port = parseInteger(values[flag], `--${flag}`);
		if (port !== undefined) {
			ports[name] = port;
		}
	}
	const linkTtlSeconds = parseInteger(values['link-ttl-seconds'], '--link-ttl-seconds');
	const longPollMs = parseInteger(values['long-poll-ms'], '--long-poll-ms');
	const wahaFilesLifetimeSeconds = parseInteger(values['waha-files-lifetime-seconds'], '--waha-files-lifetime-seconds');
	return {
		help: values.help,
		json: values.json,
		options: {
			ports,
			media: (values.media ?? []).map(parseMedia),
			...(linkTtlSeconds === undefined ? {} : { linkTtlSeconds }),
			...(longPollMs === undefined ? {} : { longPollMs }),
			...(wahaFilesLifetimeSeconds === undefined ? {} : { wahaFilesLifetimeSeconds }),
		},
	};
}
