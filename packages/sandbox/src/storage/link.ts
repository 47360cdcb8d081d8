import { createHmac, timingSafeEqual } from 'node:crypto';

const algorithm = 'AWS4-HMAC-SHA256';

/** A presigned link's validity, as the storage sees it. */
export type LinkCheck =
	| { readonly kind: 'valid' }
	| { readonly kind: 'bad-signature' }
	| { readonly kind: 'expired'; readonly expires: Date; readonly ttlSeconds: number };

function amzDate(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

function parseAmzDate(value: string): Date | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`) : undefined;
}

/** Decodes then re-encodes each segment, so differently escaped spellings of a path sign the same. */
function canonicalPath(path: string): string {
	return path
		.split('/')
		.map((segment) => {
			try {
				return encodeURIComponent(decodeURIComponent(segment));
			} catch {
				return segment;
			}
		})
		.join('/');
}

/**
 * Signs and checks presigned storage links: the signature is an HMAC-SHA256 of path, date and lifetime with a
 * key only this sandbox knows, so links cannot be forged or stretched.
 *
 * @example new StorageSigner(key).sign("/sw-media/1101000001/x.jpg", new Date(), 3600)
 */
export class StorageSigner {
	readonly #key: Buffer;

	constructor(key: Buffer) {
		this.#key = key;
	}

	/** The query string (without `?`) of a link to `path` signed at `date`, valid for `ttlSeconds`. */
	sign(path: string, date: Date, ttlSeconds: number): string {
		const stamp = amzDate(date);
		const signature = this.#signature(path, stamp, String(ttlSeconds));
		return `X-Amz-Algorithm=${algorithm}&X-Amz-Date=${stamp}&X-Amz-Expires=${ttlSeconds}&X-Amz-Signature=${signature}`;
	}

	/** Checks the signature first, then the expiry, as S3 does. */
	check(path: string, query: URLSearchParams, now: Date): LinkCheck {
		const stamp = query.get('X-Amz-Date') ?? '';
		const ttl = query.get('X-Amz-Expires') ?? '';
		const given = Buffer.from(query.get('X-Amz-Signature') ?? '', 'utf8');
		const expected = Buffer.from(this.#signature(path, stamp, ttl), 'utf8');
		const date = parseAmzDate(stamp);
		if (
			query.get('X-Amz-Algorithm') !== algorithm ||
			!date ||
			!/^\d+$/.test(ttl) ||
			given.length !== expected.length ||
			!timingSafeEqual(given, expected)
		) {
			return { kind: 'bad-signature' };
		}
		const expires = new Date(date.getTime() + Number(ttl) * 1000);
		return expires.getTime() < now.getTime() ? { kind: 'expired', expires, ttlSeconds: Number(ttl) } : { kind: 'valid' };
	}

	#signature(path: string, stamp: string, ttl: string): string {
		return createHmac('sha256', this.#key)
			.update(`${canonicalPath(path)}\n${stamp}\n${ttl}`)
			.digest('hex');
	}
}
