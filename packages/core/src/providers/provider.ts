import type { ErrorCode } from '../errors/error-codes.js';
import type { FailedResponse } from '../errors/response-error.js';
import type { WamediaError } from '../errors/wamedia-error.js';
import type { RetrySettings } from '../requests/retry-timing.js';
import type { Redactor } from '../security/redact.js';
import type { Transport } from '../transport/create-transport.js';
import type { EventListener } from '../types/events.js';
import type { ClientOptions } from '../types/options.js';
import type { WebhookSecrets } from '../types/serve.js';
import type { ParsedReference } from './parse-reference.js';

/** The link a reference leads to, and the credential that may go with it. */
export interface MediaLink {
	url: URL;
	/**
	 * Headers that carry a credential: sent to `url`'s origin only, and only while a redirect chain has
	 * never left that origin (docs/url-policy.md#credentials).
	 */
	credential?: Record<string, string> | undefined;
	/** How to ask for the bytes: a GET unless this is a POST with a JSON body (retried like a GET: it only reads). */
	request?: { method: 'POST'; json: unknown } | undefined;
	/**
	 * What the answer's body is: the bytes (`raw`, the default), or a JSON object whose `base64` string
	 * field holds them, decoded as it streams in (`base64-json`).
	 */
	body?: 'raw' | 'base64-json' | undefined;
	/** The whole file as base64, already at hand: no request is made (`url` then only names it). */
	inline?: string | undefined;
	/** What the gateway said the file is: the download fails with INTEGRITY when the bytes differ. */
	expected?: { sha256?: Buffer | undefined; size?: number | undefined } | undefined;
	/**
	 * Reads a failed answer in the gateway's own terms; undefined leaves it to the generic mapping of
	 * media answers. The body has been redacted already.
	 */
	failure?: ((response: FailedResponse, redact: Redactor) => WamediaError | undefined) | undefined;
}

/** A webhook as it arrived: its headers, its raw body, and the path segment after the gateway's route. */
export interface WebhookRequest {
	headers: Readonly<Record<string, string | string[] | undefined>>;
	/** The raw body, exactly as received (signatures are over these bytes). */
	body: Buffer;
	/** `T` of `/webhooks/<gateway>/<T>`, for gateways that cannot send a header. */
	pathToken: string | undefined;
}

/** How a gateway's webhooks are proven authentic (docs/serve.md#authenticity). */
export interface WebhookCheck {
	/** Whether the secrets hold what this check needs; a route without a check refuses everything. */
	configured(secrets: WebhookSecrets): boolean;
	/**
	 * Whether the request can be judged before its body is read (a token check); a signature needs the
	 * body, but its header can be missing, which refuses at once.
	 */
	early(request: Omit<WebhookRequest, 'body'>, secrets: WebhookSecrets): 'authentic' | 'forged' | 'needs-body';
	/** Whether the whole request is authentic; every comparison in constant time. */
	verify(request: WebhookRequest, secrets: WebhookSecrets): boolean;
}

/** What a gateway said when it was checked: the account's state in its words, and the account it names. */
export interface CheckFacts {
	/** The state as the gateway calls it (`authorized`, `WORKING`, `open`); undefined when it has none. */
	state?: string | undefined;
	/** Who the credentials belong to, as the gateway names it (a phone number, a session, an instance). */
	account?: string | undefined;
}

/** What a provider may use to resolve or renew a link. */
export interface ProviderContext {
	transport: Transport;
	retry: RetrySettings;
	redact: Redactor;
	emit: EventListener;
	signal: AbortSignal | undefined;
}

/**
 * Everything wamedia knows about one gateway, in one module (docs/providers.md#the-contract): its
 * settings, the shapes of its bodies, how a reference becomes a link, how an expired link is renewed,
 * which credential goes where, and the words of its errors. The client, the transport and the sinks
 * know no gateway by name; they ask the provider.
 */
export interface Provider<Settings = unknown> {
	readonly name: ParsedReference['provider'];
	/** The provider's settings from the client options, checked; undefined when it is not configured. */
	configure(options: ClientOptions): Settings | undefined;
	/** The servers its settings name: the URL policy trusts them with private addresses. */
	servers(settings: Settings): URL[];
	/**
	 * The secrets among its options, read before they are checked: redacted from everything wamedia shows
	 * (also from the errors of its own checks), and never part of a file name.
	 */
	secrets(options: ClientOptions): Array<string | undefined>;
	/**
	 * The references in a body or reference object, or undefined when the shape is not this gateway's.
	 * Throws NO_MEDIA for a message of this gateway that carries no file.
	 */
	recognize(body: Record<string, unknown>): ParsedReference[] | undefined;
	/** The link to fetch for a reference: the one it carries, or one asked from the gateway. */
	link(reference: ParsedReference, settings: Settings | undefined, context: ProviderContext): Promise<MediaLink>;
	/** A fresh link after the first one answered as expired; undefined when this reference cannot be renewed. */
	renew?(reference: ParsedReference, settings: Settings | undefined, context: ProviderContext): Promise<MediaLink> | undefined;
	/** How its webhooks are authenticated; absent for a provider with no webhooks of its own. */
	readonly webhook?: WebhookCheck;
	/**
	 * Checks the credentials and the state of the configured account with the gateway's cheapest authenticated
	 * call (docs/providers.md#check): resolves when downloads can start, throws the typed error otherwise
	 * (AUTH_FAILED, INSTANCE_NOT_READY, INVALID_INPUT naming the setting, …).
	 */
	check?(settings: Settings, context: ProviderContext): Promise<CheckFacts>;
	/** Hints for failures of its media links, in the gateway's terms. */
	readonly mediaHints?: Partial<Record<ErrorCode, string>>;
}
