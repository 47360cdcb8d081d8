import { backfillJournals } from '../providers/green-api/backfill-journals.js';
import { syncQueue } from '../providers/green-api/sync-queue.js';
import { startWebhookServer } from '../serve/webhook-server.js';

/**
 * Where archived media come from, each feeding the same pipeline (journal, file store, directory lock,
 * spool; docs/serve.md#durability, docs/sync.md): Green-API's notification queue (`sync`), its journals
 * (`backfill`), and every gateway's webhooks (`serve`). The client hands each its {@link ArchiveJob}.
 */
export const archiveSources = {
	sync: syncQueue,
	backfill: backfillJournals,
	serve: startWebhookServer,
} as const;
