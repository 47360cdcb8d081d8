/**
 * `@wamedia/core/inputs`: what the faces (the `wamedia` CLI, the GitHub Action, the Node-RED and n8n nodes) use to
 * read what their users hand over — flat string settings, id lists, text from files and streams — and to show core's
 * errors in their own words and signed links without their signature. Library users do not need it: `createClient` takes typed options and the main entry
 * `@wamedia/core` stays free of these helpers (docs/architecture.md, the `inputs/` room).
 *
 * @packageDocumentation
 */

export { withoutLinkQueries } from '../security/link-queries.js';
export type { SettingLabels } from './in-face-words.js';
export { inFaceWords } from './in-face-words.js';
export { maxInputBytes, maxInputDepth } from './input-limits.js';
export type { BackfillSettingsText, SyncSettingsText } from './read-archive-settings.js';
export { readBackfillSettings, readSyncSettings } from './read-archive-settings.js';
export { readItems } from './read-items.js';
export { readMessageIds } from './read-message-ids.js';
export type { ReferenceInput } from './read-references.js';
export { readReferences } from './read-references.js';
export type { ProviderName, ReadSettingsResult, SettingName, Settings } from './read-settings.js';
export { readSettings, settingNames } from './read-settings.js';
export type { SourceName, SourceSettings, Sources } from './read-sources.js';
export { readSources } from './read-sources.js';
export type { ReadTextOptions } from './read-text.js';
export { readText, readTextFile } from './read-text.js';
export { settingDefaults } from './setting-defaults.js';
