export type { ArtifactCall, ArtifactFault } from './artifact-faults.js';
export type { ArtifactRequestRecord, ArtifactService, ArtifactServiceOptions } from './artifact-service.js';
export { startArtifactService } from './artifact-service.js';
export type { ArtifactInfo } from './artifact-store.js';
export type { RuntimeTokenOptions } from './artifact-token.js';
export type { ByteFieldForm, LengthForm } from './byte-field.js';
export { defaultMedia } from './default-media.js';
export type { EvolutionSandbox } from './evolution-emulator.js';
export type { EvolutionWebhookOptions } from './evolution-messages.js';
export type { DispositionSource, EchoEncoding, Fault } from './faults.js';
export { signatureFor } from './fixtures/signatures.js';
export type { GreenApiSettings, StateInstance } from './green-api-instance.js';
export type { MediaInfo } from './media-catalog.js';
export type { MediaKind } from './media-kind.js';
export type { MediaSpec } from './media-spec.js';
export type { JournalItem } from './message-journal.js';
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
} from './message-specs.js';
export type { MetaEmulator, MetaSandbox } from './meta-emulator.js';
export type { MetaErrorName } from './meta-errors.js';
export { metaErrorMediaIds } from './meta-errors.js';
export type { MetaMediaSettings } from './meta-media-settings.js';
export type { MetaWebhookOptions } from './meta-webhooks.js';
export type { NotificationStatus, QueuedNotification } from './notification-queue.js';
export type { SandboxOptions } from './options.js';
export type { RequestRecord, ServerName } from './request-log.js';
export type { Sandbox } from './sandbox.js';
export type { SandboxClock } from './sandbox-clock.js';
export type { SandboxSummary } from './sandbox-summary.js';
export { summarizeSandbox } from './sandbox-summary.js';
export type { SpecialMessage } from './special-messages.js';
export { specialMessages } from './special-messages.js';
export { startSandbox } from './start-sandbox.js';
export type { WahaSandbox } from './waha-emulator.js';
export type { WahaMediaVariant, WahaWebhookOptions } from './waha-messages.js';
export type { GreenApiWebhook, GreenApiWebhookOptions, Webhooks } from './webhooks.js';
