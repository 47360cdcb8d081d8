import type { WamediaClient } from '../client.js';
import type { OutputFormat } from '../types/result.js';
import type { WebhookServerOptions } from '../types/serve.js';
import type { WebhookServer } from './webhook-server.js';

/**
 * Starts a webhook receiver over a client: the same as `client.serve(options)`, for code that mounts the
 * routes in its own HTTP server (docs/serve.md#library).
 *
 * @example
 * const server = await createWebhookServer(createClient({ meta: { accessToken } }), { directory: 'archive', secrets: { metaAppSecret } })
 * http.createServer(server.handle).listen(8080)
 */
export function createWebhookServer(client: WamediaClient<OutputFormat>, options: WebhookServerOptions = {}): Promise<WebhookServer> {
	return client.serve(options);
}
