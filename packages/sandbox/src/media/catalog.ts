import { deterministicDigits, deterministicHex, generatedFileName, messageIdFor } from '../identifiers.js';
import { multiSessionFileName } from '../multi-session/file.js';
import { MediaBody } from './body.js';
import { type MediaKind, mediaKindTraits } from './kind.js';
import { type MediaSpec, validateMediaSpec } from './spec.js';

/**
 * A registered media as tests see it.
 *
 * @example sandbox.media.get("image").idMessage
 */
export interface MediaInfo {
	readonly id: string;
	readonly kind: MediaKind;
	readonly size: number;
	/** The real MIME type of the bytes (not necessarily what the server sends). */
	readonly mimeType: string;
	/** Hex SHA-256 of the whole body; computed on first read. */
	readonly sha256: string;
	readonly fileName?: string;
	/** Green-API message id that `downloadFile` resolves to this media. */
	readonly idMessage: string;
	/** Meta Cloud API media id (16 digits) that the Graph emulator resolves to this media. */
	readonly metaMediaId: string;
	/** WAHA message id, `false_<chatId>_<messageId>`, as WAHA serializes it. */
	readonly wahaMessageId: string;
	/** Evolution API `key.id` (a WhatsApp message id, `3EB0…`). */
	readonly evolutionMessageId: string;
}

/** Everything the emulators need to serve one media. */
export interface MediaEntry {
	readonly info: MediaInfo;
	readonly body: MediaBody;
	readonly contentType: string | null;
	readonly contentDisposition: string | null;
	readonly urlName: string;
	readonly acceptRanges: boolean;
	readonly etag: string;
	readonly lastModified: string;
	/** WhatsApp message id, used by the Multi-Session server. */
	readonly messageId: string;
	readonly multiSessionFile: string;
}

/** Where the catalog's media live. */
export interface MediaCatalogContext {
	readonly sessionId: string;
	/** The chat incoming media arrive in, e.g. `79001234567@c.us`. */
	readonly chatId: string;
}

/** The ids the gateways give one media. */
interface GatewayIds {
	readonly metaMediaId: string;
	readonly wahaMessageId: string;
	readonly evolutionMessageId: string;
}

function createInfo(spec: MediaSpec, body: MediaBody, ids: GatewayIds): MediaInfo {
	const info = {
		id: spec.id,
		kind: spec.kind,
		size: spec.size,
		mimeType: mediaKindTraits[spec.kind].mimeType,
		...(spec.fileName === undefined ? {} : { fileName: spec.fileName }),
		idMessage: messageIdFor(spec.id),
		...ids,
	};
	// A getter keeps registration of a 1 GiB media instant; the digest is paid for only when read.
	Object.defineProperty(info, 'sha256', { enumerable: true, get: () => body.sha256() });
	return info as MediaInfo;
}

/**
 * The media every emulator serves, indexed by id, `idMessage`, storage name, Multi-Session file name and the
 * Meta, WAHA and Evolution ids.
 *
 * @example new MediaCatalog({ sessionId: "sess-1", chatId: "79001234567@c.us" }).add({ id: "x", kind: "pdf", size: 1000 })
 */
export class MediaCatalog {
	readonly #context: MediaCatalogContext;
	readonly #byId = new Map<string, MediaEntry>();
	readonly #byIdMessage = new Map<string, MediaEntry>();
	readonly #byUrlName = new Map<string, MediaEntry>();
	readonly #byMultiSessionFile = new Map<string, MediaEntry>();
	readonly #byGatewayId = new Map<string, MediaEntry>();

	constructor(context: MediaCatalogContext) {
		this.#context = context;
	}

	/** Registers a media; throws on an invalid spec or a duplicate id or URL name. */
	add(spec: MediaSpec): MediaEntry {
		validateMediaSpec(spec);
		if (this.#byId.has(spec.id)) {
			throw new Error(`media "${spec.id}" is already registered`);
		}
		const traits = mediaKindTraits[spec.kind];
		const urlName = spec.urlName ?? generatedFileName(spec.id, traits.extension);
		if (this.#byUrlName.has(urlName)) {
			throw new Error(`media "${spec.id}": urlName "${urlName}" is already taken`);
		}
		const body = new MediaBody(spec.id, spec.kind, spec.size);
		const registeredAt = Math.floor(Date.now() / 1000);
		const messageId = `3EB0${deterministicHex(`messageId:${spec.id}`, 18).toUpperCase()}`;
		const parts = { sessionId: this.#context.sessionId, unix: registeredAt, messageId, kind: spec.kind };
		let multiSessionFile = multiSessionFileName({ ...parts, fileName: spec.fileName });
		if (this.#byMultiSessionFile.has(multiSessionFile)) {
			multiSessionFile = multiSessionFileName({ ...parts, fileName: `${messageId}_${spec.fileName ?? ''}` });
		}
		const ids: GatewayIds = {
			metaMediaId: deterministicDigits(`metaMediaId:${spec.id}`, 16),
			wahaMessageId: `false_${this.#context.chatId}_${messageId}`,
			evolutionMessageId: messageId,
		};
		const entry: MediaEntry = {
			info: createInfo(spec, body, ids),
			body,
			contentType: spec.contentType === undefined ? traits.mimeType : spec.contentType,
			contentDisposition: spec.contentDisposition ?? null,
			urlName,
			acceptRanges: spec.acceptRanges ?? true,
			etag: `"${deterministicHex(`etag:${spec.id}:${spec.kind}:${spec.size}`, 32)}"`,
			lastModified: new Date(registeredAt * 1000).toUTCString(),
			messageId,
			multiSessionFile,
		};
		this.#byId.set(spec.id, entry);
		this.#byIdMessage.set(entry.info.idMessage, entry);
		this.#byUrlName.set(urlName, entry);
		this.#byMultiSessionFile.set(multiSessionFile, entry);
		for (const id of Object.values(ids)) {
			this.#byGatewayId.set(id, entry);
		}
		return entry;
	}

	/** The media with this id; throws when there is none. */
	get(id: string): MediaEntry {
		const entry = this.#byId.get(id);
		if (!entry) {
			throw new Error(`unknown media id "${id}"; known: ${[...this.#byId.keys()].join(', ')}`);
		}
		return entry;
	}

	/** Every media, in registration order. */
	list(): MediaEntry[] {
		return [...this.#byId.values()];
	}

	/** The media a Green-API `idMessage` names. */
	findByIdMessage(idMessage: string): MediaEntry | undefined {
		return this.#byIdMessage.get(idMessage);
	}

	/** The media stored under this (decoded) storage name. */
	findByUrlName(urlName: string): MediaEntry | undefined {
		return this.#byUrlName.get(urlName);
	}

	/** The media a Meta media id, a WAHA message id or an Evolution `key.id` names. */
	findByGatewayId(id: string): MediaEntry | undefined {
		return this.#byGatewayId.get(id);
	}

	/** The media the Multi-Session server stores under this (decoded) file name. */
	findByMultiSessionFile(file: string): MediaEntry | undefined {
		return this.#byMultiSessionFile.get(file);
	}
}
