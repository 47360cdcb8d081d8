export type { ArtifactCall, ArtifactFault } from './artifacts/faults.js';
export type { ArtifactRequestRecord, ArtifactService, ArtifactServiceOptions } from './artifacts/service.js';
export { startArtifactService } from './artifacts/service.js';
export type { ArtifactInfo } from './artifacts/store.js';
export type { RuntimeTokenOptions } from './artifacts/token.js';
export type { BannerOptions } from './cli-banner.js';
export { formatBanner } from './cli-banner.js';
export type { ByteFieldForm, LengthForm } from './evolution/byte-field.js';
export type { EvolutionSandbox } from './evolution/emulator.js';
export type { EvolutionWebhookOptions } from './evolution/messages.js';
export type { DispositionSource, EchoEncoding, Fault } from './faults/faults.js';
export type { GreenApiSettings, StateInstance } from './green-api/instance.js';
export type { JournalItem } from './green-api/message-journal.js';
export type {
	FileMessageSpec,
	JournalSpec,
	MessageDirection,
	NotificationSpec,
	OutgoingStatus,
	RawJournalSpec,
	RawNotificationSpec,
	StateNotificationSpec,
	StatusNotificationSpec,
	TextMessageSpec,
} from './green-api/message-specs.js';
export type { NotificationStatus, QueuedNotification } from './green-api/notification-queue.js';
export type { SpecialMessage } from './green-api/special-messages.js';
export { specialMessages } from './green-api/special-messages.js';
export type { GreenApiWebhook, GreenApiWebhookOptions, Webhooks } from './green-api/webhooks.js';
export type { RequestRecord, ServerName } from './http/request-log.js';
export type { MediaInfo } from './media/catalog.js';
export { defaultMedia } from './media/default-media.js';
export { signatureFor } from './media/fixtures/signatures.js';
export type { MediaKind } from './media/kind.js';
export type { MediaSpec } from './media/spec.js';
export type { MetaEmulator, MetaSandbox } from './meta/emulator.js';
export type { MetaErrorName } from './meta/errors.js';
export { metaErrorMediaIds } from './meta/errors.js';
export type { MetaMediaSettings } from './meta/media-settings.js';
export type { MetaWebhookOptions } from './meta/webhooks.js';
export type { SandboxOptions } from './options.js';
export type { PushGateway, PushOptions, PushResult } from './push-webhook.js';
export { pushGateways } from './push-webhook.js';
export type { Sandbox } from './sandbox.js';
export type { SandboxClock } from './sandbox-clock.js';
export type { SandboxSummary } from './sandbox-summary.js';
export { summarizeSandbox } from './sandbox-summary.js';
export { startSandbox } from './start-sandbox.js';
export type { WahaSandbox } from './waha/emulator.js';
export type { WahaMediaVariant, WahaWebhookOptions } from './waha/messages.js';
