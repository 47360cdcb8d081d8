import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The counters of `/metrics`, in a registry of their own (never prom-client's global one, which a host
 * application may use), rendered as Prometheus text by prom-client (docs/serve.md#metrics).
 */
export class ServeMetrics {
	readonly registry = new Registry();
	readonly received: Counter<'gateway'>;
	readonly accepted: Counter<'gateway'>;
	readonly ignored: Counter<'gateway'>;
	readonly refused: Counter<'reason'>;
	readonly downloaded: Counter;
	readonly failed: Counter<'code'>;
	readonly bytes: Counter;

	constructor(pending: () => number) {
		const registers = [this.registry];
		this.received = new Counter({
			name: 'wamedia_webhooks_received_total',
			help: 'Authentic webhook bodies received',
			labelNames: ['gateway'],
			registers,
		});
		this.accepted = new Counter({
			name: 'wamedia_webhooks_accepted_total',
			help: 'Webhook bodies with media, stored in the spool',
			labelNames: ['gateway'],
			registers,
		});
		this.ignored = new Counter({
			name: 'wamedia_webhooks_ignored_total',
			help: 'Authentic webhook bodies without media (answered 200, not stored)',
			labelNames: ['gateway'],
			registers,
		});
		this.refused = new Counter({
			name: 'wamedia_webhooks_refused_total',
			help: 'Requests refused, by reason (401, 400, 413, 503, ...)',
			labelNames: ['reason'],
			registers,
		});
		this.downloaded = new Counter({ name: 'wamedia_media_downloaded_total', help: 'Media archived', registers });
		this.failed = new Counter({
			name: 'wamedia_media_failed_total',
			help: 'Media that failed for good, by error code',
			labelNames: ['code'],
			registers,
		});
		this.bytes = new Counter({ name: 'wamedia_media_bytes_total', help: 'Bytes of media archived', registers });
		new Gauge({
			name: 'wamedia_spool_pending',
			help: 'Bodies in the spool waiting to be archived',
			registers,
			collect() {
				this.set(pending());
			},
		});
	}
}
