import { specialMessages } from './green-api/special-messages.js';
import type { Sandbox } from './sandbox.js';

function quote(text: string): string {
	return `'${text.replaceAll("'", "'\\''")}'`;
}

function formatSize(size: number): string {
	if (size >= 1024 * 1024) {
		return `${(size / 1024 / 1024).toFixed(1)} MiB`;
	}
	return size >= 1024 ? `${(size / 1024).toFixed(1)} KiB` : `${size} B`;
}

/**
 * The human-readable block `wamedia-sandbox` prints: URLs, sample credentials, the catalog and its gateway ids,
 * example `wamedia` commands, how to move the clock and how to inject faults with curl.
 *
 * @example process.stdout.write(formatBanner(sandbox))
 */
export function formatBanner(sandbox: Sandbox): string {
	const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
	const { serverUrl, apiKey } = sandbox.multiSession;
	const control = sandbox.controlUrl;
	const image = sandbox.media.get('image');
	const catalog = sandbox.media
		.list()
		.map((info) => `  ${info.id.padEnd(10)} ${info.idMessage}  ${formatSize(info.size).padStart(10)}  ${info.mimeType}`);
	const specials = Object.entries(specialMessages).map(([name, id]) => `  ${name.padEnd(18)} ${id}`);
	const meta = sandbox.meta;
	const waha = sandbox.waha;
	const evolution = sandbox.evolution;
	const gatewayIds = sandbox.media
		.list()
		.map((info) => `  ${info.id.padEnd(10)} ${info.metaMediaId}  ${info.evolutionMessageId}  ${info.wahaMessageId}`);
	const metaErrors = Object.entries(meta.errorMediaIds).map(([name, id]) => `  ${name.padEnd(18)} ${id}`);
	const greenApiFlags = `--api-url ${apiUrl} --id-instance ${idInstance} --api-token-instance ${apiTokenInstance}`;
	const metaFlags = `--graph-url ${meta.graphUrl} --api-version ${meta.apiVersion} --access-token ${meta.accessToken}`;
	return [
		'wamedia sandbox is running (Ctrl+C to stop)',
		'',
		`  Green-API         ${apiUrl}`,
		`  storage           ${sandbox.storageUrl}`,
		`  Multi-Session     ${serverUrl}`,
		`  Meta Graph API    ${meta.graphUrl}`,
		`  Meta media host   ${meta.mediaHostUrl}`,
		`  WAHA              ${waha.serverUrl}`,
		`  Evolution API     ${evolution.serverUrl}`,
		`  control API       ${control}`,
		'',
		'Credentials',
		`  idInstance        ${idInstance}`,
		`  apiTokenInstance  ${apiTokenInstance}`,
		`  apiKey            ${apiKey}`,
		`  chatId            ${sandbox.chatId}`,
		`  Meta accessToken  ${meta.accessToken}`,
		`  Meta apiVersion   ${meta.apiVersion}  phoneNumberId ${meta.phoneNumberId}`,
		`  WAHA apiKey       ${waha.apiKey}  session ${waha.session}`,
		`  Evolution apiKey  ${evolution.apiKey}  instance ${evolution.instance}`,
		'',
		'Media (id, idMessage, size, type)',
		...catalog,
		'',
		'Special idMessages (documented Green-API failures)',
		...specials,
		'',
		'Gateway ids (id, Meta media id, Evolution key.id, WAHA message id)',
		...gatewayIds,
		'',
		'Meta media ids that answer a Graph error',
		...metaErrors,
		'',
		'Try',
		`  npx wamedia download ${greenApiFlags} --chat-id ${sandbox.chatId} --id-message ${image.idMessage}`,
		`  curl -s ${control}/webhooks/greenApi/image > webhook.json`,
		`  npx wamedia download --webhook webhook.json ${greenApiFlags}`,
		`  npx wamedia download --provider multi-session --media-url ${quote(sandbox.multiSessionPath('image'))} --server-url ${serverUrl} --api-key ${apiKey}`,
		`  npx wamedia download --provider meta --media-id ${image.metaMediaId} ${metaFlags}`,
		`  curl -s ${control}/webhooks/meta/image,document > meta.json`,
		`  npx wamedia download --provider meta --webhook meta.json ${metaFlags}`,
		`  curl -s ${control}/webhooks/waha/image > waha.json`,
		`  npx wamedia download --provider waha --webhook waha.json --server-url ${waha.serverUrl} --api-key ${waha.apiKey} --session ${waha.session}`,
		`  npx wamedia download --provider evolution --id-message ${image.evolutionMessageId} --server-url ${evolution.serverUrl} --api-key ${evolution.apiKey} --instance ${evolution.instance}`,
		'',
		`Clock (Meta URLs live 5 minutes, WAHA files ${waha.filesLifetimeSeconds === 0 ? 'are kept' : `${waha.filesLifetimeSeconds} s`})`,
		`  curl -X POST ${control}/clock/advance -d '{"seconds":301}'    curl -X DELETE ${control}/clock`,
		'',
		'Faults',
		`  curl -X POST ${control}/faults -d '{"server":"storage","type":"reset","afterBytes":65536}'`,
		`  curl -X POST ${control}/faults -d '{"server":"api","type":"status","status":503,"times":"Infinity"}'`,
		`  curl -X POST ${control}/faults -d '{"type":"redirect","location":"http://169.254.169.254/latest/meta-data/"}'`,
		`  curl ${control}/faults    curl -X DELETE ${control}/faults    curl ${control}/requests`,
		'',
	].join('\n');
}
