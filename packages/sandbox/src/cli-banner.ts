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

/** Where the printed commands write: a folder of their own, so that trying them leaves nothing in the working directory. */
export interface BannerOptions {
	/** The folder for downloads and saved webhooks, such as a fresh `mkdtemp` folder. */
	directory: string;
}

/**
 * The commands to try, one per line, each complete on its own: credentials go in through the environment (as
 * the CLI advises for tokens; flags show in `ps`), files and saved webhooks under `directory`.
 */
function tryCommands(sandbox: Sandbox, directory: string): string[] {
	const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
	const { serverUrl, apiKey } = sandbox.multiSession;
	const { meta, waha, evolution } = sandbox;
	const control = sandbox.controlUrl;
	const image = sandbox.media.get('image');
	const dir = quote(directory);
	const file = (name: string) => quote(`${directory}/${name}`);
	const green = `WAMEDIA_API_URL=${apiUrl} WAMEDIA_ID_INSTANCE=${idInstance} WAMEDIA_API_TOKEN_INSTANCE=${apiTokenInstance}`;
	const multi = `WAMEDIA_SERVER_URL=${serverUrl} WAMEDIA_API_KEY=${apiKey}`;
	const graph = `WAMEDIA_GRAPH_URL=${meta.graphUrl} WAMEDIA_API_VERSION=${meta.apiVersion} WAMEDIA_ACCESS_TOKEN=${meta.accessToken}`;
	const wahaEnv = `WAMEDIA_SERVER_URL=${waha.serverUrl} WAMEDIA_API_KEY=${waha.apiKey} WAMEDIA_SESSION=${waha.session}`;
	const evo = `WAMEDIA_SERVER_URL=${evolution.serverUrl} WAMEDIA_API_KEY=${evolution.apiKey} WAMEDIA_INSTANCE=${evolution.instance}`;
	return [
		`  ${green} npx wamedia check`,
		`  ${green} npx wamedia download --chat-id ${sandbox.chatId} --id-message ${image.idMessage} -o ${dir}`,
		`  curl -s ${control}/webhooks/greenApi/image -o ${file('webhook.json')}`,
		`  ${green} npx wamedia download --webhook ${file('webhook.json')} -o ${dir}`,
		`  ${multi} npx wamedia download --provider multi-session --media-url ${quote(sandbox.multiSessionPath('image'))} -o ${dir}`,
		`  ${graph} npx wamedia download --provider meta --media-id ${image.metaMediaId} -o ${dir}`,
		`  curl -s ${control}/webhooks/meta/image,document -o ${file('meta.json')}`,
		`  ${graph} npx wamedia download --provider meta --webhook ${file('meta.json')} -o ${dir}`,
		`  curl -s ${control}/webhooks/waha/image -o ${file('waha.json')}`,
		`  ${wahaEnv} npx wamedia download --provider waha --webhook ${file('waha.json')} -o ${dir}`,
		`  ${evo} npx wamedia download --provider evolution --id-message ${image.evolutionMessageId} -o ${dir}`,
	];
}

/**
 * The human-readable block `wamedia-sandbox` prints: URLs, sample credentials, the catalog and its gateway ids,
 * example `wamedia` commands (one per line, credentials in the environment, files under `options.directory`),
 * how to move the clock and how to inject faults with curl.
 *
 * @example process.stdout.write(formatBanner(sandbox, { directory: await mkdtemp(join(tmpdir(), 'wamedia-try-')) }))
 */
export function formatBanner(sandbox: Sandbox, options: BannerOptions): string {
	const { apiUrl, idInstance, apiTokenInstance } = sandbox.greenApi;
	const { serverUrl, apiKey } = sandbox.multiSession;
	const control = sandbox.controlUrl;
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
		`Try (one command per line; files go to ${options.directory})`,
		...tryCommands(sandbox, options.directory),
		'',
		`Clock (Meta URLs live 5 minutes, WAHA files ${waha.filesLifetimeSeconds === 0 ? 'are kept' : `${waha.filesLifetimeSeconds} s`})`,
		`  curl -X POST ${control}/clock/advance -d '{"seconds":301}'`,
		`  curl -X DELETE ${control}/clock`,
		'',
		'Faults',
		`  curl -X POST ${control}/faults -d '{"server":"storage","type":"reset","afterBytes":65536}'`,
		`  curl -X POST ${control}/faults -d '{"server":"api","type":"status","status":503,"times":"Infinity"}'`,
		`  curl -X POST ${control}/faults -d '{"type":"redirect","location":"http://169.254.169.254/latest/meta-data/"}'`,
		`  curl ${control}/faults`,
		`  curl -X DELETE ${control}/faults`,
		`  curl ${control}/requests`,
		'',
	].join('\n');
}
