import { type ErrorCode, errorCodes } from './error-codes.js';

/** Which gateway an error or result belongs to. */
export type Provider = 'green-api' | 'multi-session' | 'meta' | 'waha' | 'evolution' | 'direct';

// A registered symbol survives duplicate copies of this package (the Action and Node-RED bundle core).
const marker = Symbol.for('wamedia.error');

/** Options of the {@link WamediaError} constructor; message and hint default per code. */
export interface WamediaErrorOptions {
	message?: string;
	hint?: string;
	status?: number;
	retryable?: boolean;
	provider?: Provider;
	details?: Record<string, unknown>;
	cause?: unknown;
}

/** The plain shape of a {@link WamediaError}, as `toJSON()` and error results carry it. */
export interface WamediaErrorJson {
	code: ErrorCode;
	message: string;
	hint: string;
	status: number | null;
	retryable: boolean;
	provider: Provider | null;
	details: Record<string, unknown>;
}

/**
 * The one error class wamedia throws. Check it with {@link isWamediaError}, which also works across
 * bundled copies of the package.
 *
 * @example
 * try { await client.download(reference) } catch (error) {
 *   if (isWamediaError(error) && error.code === 'MEDIA_EXPIRED') console.error(error.hint)
 * }
 */
export class WamediaError extends Error {
	override readonly name = 'WamediaError';
	/** Stable machine-readable code. */
	readonly code: ErrorCode;
	/** What the user can do about it. */
	readonly hint: string;
	/** HTTP status behind the error, when there was one. */
	readonly status: number | undefined;
	/** Whether trying again may succeed. */
	readonly retryable: boolean;
	readonly provider: Provider | undefined;
	/** Extra facts (never secrets): URL with secrets redacted, sizes, the server's own text. */
	readonly details: Record<string, unknown>;
	readonly [marker] = true;

	constructor(code: ErrorCode, options: WamediaErrorOptions = {}) {
		const defaults = errorCodes[code];
		super(options.message ?? defaults.message, options.cause === undefined ? undefined : { cause: options.cause });
		this.code = code;
		this.hint = options.hint ?? defaults.hint;
		this.status = options.status;
		this.retryable = options.retryable ?? defaults.retryable;
		this.provider = options.provider;
		this.details = options.details ?? {};
	}

	/** The error result payload (docs/errors.md#error-result). */
	toJSON(): WamediaErrorJson {
		return {
			code: this.code,
			message: this.message,
			hint: this.hint,
			status: this.status ?? null,
			retryable: this.retryable,
			provider: this.provider ?? null,
			details: this.details,
		};
	}
}

/**
 * True for a {@link WamediaError} from any copy of this package.
 *
 * @example
 * if (isWamediaError(error)) console.log(error.code, error.hint)
 */
export function isWamediaError(value: unknown): value is WamediaError {
	return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}
