/**
 * `@wamedia/core`: download the media of WhatsApp messages from HTTP gateways with typed results and errors.
 * The helpers the faces use to read flat settings and show errors in their words live in `@wamedia/core/inputs`.
 *
 * @packageDocumentation
 */
export type { BatchFormat, DownloadManyOptions, WamediaClient } from './client.js';
export { createClient, download } from './client.js';
export type { DirectoryLock, LockHolder, LockOptions } from './disk/directory-lock.js';
export { lockDirectory, lockFileName } from './disk/directory-lock.js';
export { removeDeadTemporaryFiles } from './disk/temporary-files.js';
export type { ErrorCode } from './errors/error-codes.js';
export { errorCodes } from './errors/error-codes.js';
export type { Provider, WamediaErrorJson, WamediaErrorOptions } from './errors/wamedia-error.js';
export { isWamediaError, WamediaError } from './errors/wamedia-error.js';
export { maxInputBytes, maxInputDepth } from './inputs/input-limits.js';
export type { ReferenceInput } from './inputs/read-references.js';
export { readReferences } from './inputs/read-references.js';
export type { ProviderName } from './inputs/read-settings.js';
export { createWebhookServer } from './serve/create-webhook-server.js';
export type { WebhookServer } from './serve/webhook-server.js';
export type {
	ArchiveNotice,
	ArchiveOptions,
	ArchiveSummary,
	BackfillOptions,
	JournalLine,
	JournalSource,
	SyncOptions,
} from './types/archive.js';
export type { CheckOptions, CheckResult, CheckSuccess } from './types/check.js';
export type { DownloadEvent, EventListener } from './types/events.js';
export type {
	ClientOptions,
	DownloadOptions,
	DownloadProgress,
	EvolutionCredentials,
	GreenApiCredentials,
	MetaCredentials,
	MultiSessionCredentials,
	RetryOptions,
	WahaCredentials,
} from './types/options.js';
export type {
	BodyMediaReference,
	DownloadUrlReference,
	EvolutionMessageReference,
	EvolutionWebhook,
	GreenApiFileMessageData,
	GreenApiJournalItem,
	GreenApiNotification,
	GreenApiWebhook,
	MediaReference,
	MediaUrlReference,
	MessageReference,
	MetaMediaReference,
	MetaWebhook,
	MultiSessionWebhook,
	WahaMediaUrlReference,
	WahaMessageReference,
	WahaWebhook,
	WebhookBody,
} from './types/reference.js';
export type {
	Base64Result,
	BinaryResult,
	DownloadResult,
	ErrorResult,
	FileResult,
	OutputFormat,
	ResultBase,
	ResultOf,
	StreamResult,
	StreamSummary,
} from './types/result.js';
export type { ServeNotice, WebhookGateway, WebhookSecrets, WebhookServerOptions } from './types/serve.js';
export { formatBytes } from './utils/format-bytes.js';
export { version } from './version.js';
