/**
 * Every code a {@link WamediaError} can carry, with the message and hint used when the thrower
 * gives none. docs/errors.md is the table; `retryable` is the default for the code.
 */
export const errorCodes = {
	INVALID_INPUT: {
		message: 'Invalid input',
		hint: 'Check the chatId, idMessage, URL and options you passed.',
		retryable: false,
	},
	AUTH_FAILED: {
		message: 'Authentication failed',
		hint: 'Check the apiTokenInstance or API key: copy it again from the console or server settings.',
		retryable: false,
	},
	FORBIDDEN: {
		message: 'Access forbidden',
		hint: 'Check idInstance and the API URL (it must be the apiUrl shown for this instance), or the link itself.',
		retryable: false,
	},
	NO_MEDIA: {
		message: 'The message has no file',
		hint: 'Pass the idMessage of an image, video, audio, document or sticker message from the same chatId.',
		retryable: false,
	},
	MEDIA_NOT_FOUND: {
		message: 'Media file not found',
		hint: 'The file was deleted from the server; ask the sender to send it again.',
		retryable: false,
	},
	MEDIA_EXPIRED: {
		message: 'Media link has expired',
		hint: "Request a new link: give the message's chatId and idMessage with the Green-API idInstance and apiTokenInstance, so that wamedia asks Green-API for a fresh one, or take the link from a newer webhook.",
		retryable: false,
	},
	MEDIA_UNAVAILABLE: {
		message: 'Media is no longer available',
		hint: 'The file cannot be fetched from WhatsApp any more (too old or over 100 MB); open it on the phone and ask the sender to resend it.',
		retryable: false,
	},
	INSTANCE_NOT_READY: {
		message: 'The instance is not ready',
		hint: 'Open the Green-API console: authorize the instance by scanning the QR code, renew it if it expired, or wait until it has started.',
		retryable: false,
	},
	QUOTA_EXCEEDED: {
		message: 'Quota exceeded',
		hint: 'The monthly quota of this instance is used up; change the tariff in the Green-API console.',
		retryable: false,
	},
	RATE_LIMITED: {
		message: 'Too many requests',
		hint: 'Slow down: Green-API allows 5 downloadFile requests per second per instance. Try again later.',
		retryable: true,
	},
	UPSTREAM_ERROR: {
		message: 'The server answered with an error',
		hint: 'The gateway had a problem; try again later, and check its status page if it persists.',
		retryable: true,
	},
	TIMEOUT: {
		message: 'The request timed out',
		hint: 'The server did not answer or stopped sending within the time limit; raise the timeout or try again.',
		retryable: true,
	},
	NETWORK: {
		message: 'Network error',
		hint: 'Check the URL, the network connection and that the server is running.',
		retryable: true,
	},
	TOO_LARGE: {
		message: 'Media is larger than allowed',
		hint: 'Raise the maxBytes limit if you expect files this large; for big files prefer the file output, which does not hold the bytes in memory.',
		retryable: false,
	},
	INTEGRITY: {
		message: 'Downloaded size does not match',
		hint: 'The connection delivered fewer or more bytes than announced; try again.',
		retryable: false,
	},
	BLOCKED_URL: {
		message: 'URL refused by the URL policy',
		hint: 'Only http(s) links to public addresses are fetched; turn on allowPrivateNetwork for a media server on your own network.',
		retryable: false,
	},
	ABORTED: {
		message: 'Download cancelled',
		hint: 'The download was cancelled by its caller (Ctrl-C, a closed node, an aborted signal); start it again if that was not intended.',
		retryable: false,
	},
} as const satisfies Record<string, { message: string; hint: string; retryable: boolean }>;

/** One of the 17 error codes (docs/errors.md). */
export type ErrorCode = keyof typeof errorCodes;
