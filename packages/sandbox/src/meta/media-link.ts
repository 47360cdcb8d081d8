import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxClock } from '../sandbox-clock.js';

/** What the media host makes of a URL's query. */
export type MetaLinkCheck =
	| { readonly kind: 'valid'; readonly mediaId: string }
	| { readonly kind: 'invalid' }
	| { readonly kind: 'expired'; readonly mediaId: string };

/** Path of the media host's download URLs, as on Meta's lookaside host. */
export const metaMediaPath = '/whatsapp_business/attachments/';

/** How long a URL from the Graph API lives: 5 minutes (docs/providers.md#meta-lifetimes). */
export const metaUrlTtlMs = 5 * 60 * 1000;

/**
 * Issues and checks the media host's download URLs: `?mid=<media id>&ext=<expiry, unix seconds>&hash=<HMAC>`, signed
 * with a key only this sandbox knows, so a URL cannot be forged or stretched. A URL expires 5 minutes after it was
 * issued, by the sandbox clock.
 *
 * @example new MetaMediaLinks(key, clock).issue("http://127.0.0.1:4001", "1234567890123456", false)
 */
export class MetaMediaLinks {
	readonly #key: Buffer;
	readonly #clock: SandboxClock;

	constructor(key: Buffer, clock: SandboxClock) {
		this.#key = key;
		this.#clock = clock;
	}

	/** A URL on `origin` for a media id; `expired` gives one issued more than 5 minutes ago. */
	issue(origin: string, mediaId: string, expired: boolean): string {
		const issuedAt = this.#clock.now() - (expired ? metaUrlTtlMs + 1000 : 0);
		const ext = String(Math.floor(issuedAt / 1000) + metaUrlTtlMs / 1000);
		const query = new URLSearchParams({ mid: mediaId, ext, hash: this.#hash(mediaId, ext) });
		return `${origin}${metaMediaPath}?${query.toString()}`;
	}

	/** Checks the signature first, then the expiry. */
	check(query: URLSearchParams): MetaLinkCheck {
		const mediaId = query.get('mid') ?? '';
		const ext = query.get('ext') ?? '';
		const given = Buffer.from(query.get('hash') ?? '', 'utf8');
		const expected = Buffer.from(this.#hash(mediaId, ext), 'utf8');
		if (!/^\d+$/.test(ext) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
			return { kind: 'invalid' };
		}
		return this.#clock.now() >= Number(ext) * 1000 ? { kind: 'expired', mediaId } : { kind: 'valid', mediaId };
	}

	#hash(mediaId: string, ext: string): string {
		return createHmac('sha256', this.#key).update(`${mediaId}\n${ext}`).digest('base64url');
	}
}
