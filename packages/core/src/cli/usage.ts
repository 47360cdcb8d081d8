import { defaultConcurrency, defaultTimeout } from '../normalize-options.js';
import { defaultCount, defaultMinutes, receiveTimeoutRange } from '../providers/green-api/archive-settings.js';
import { defaultApiUrl } from '../providers/green-api/settings.js';
import { defaultApiVersion, defaultGraphUrl } from '../providers/meta/settings.js';
import { defaultSession } from '../providers/waha/settings.js';
import { serveDefaults } from '../serve/serve-defaults.js';

const exitStatus = `Exit status:
  0    every item downloaded
  1    at least one item failed (the others are still downloaded)
  2    usage error (code INVALID_INPUT): a bad flag or input, or flags without a command
  130  interrupted (Ctrl-C): unfinished downloads are stopped and their files removed
  141  stdout was closed early (as by | head): the rest is stopped quietly, like a tool ended by SIGPIPE
`;

const downloadText = `Usage:
  wamedia download <sources> [settings] [output] [--json] [--quiet | --verbose]

Sources (one kind per call; … = may be repeated):
  --id-message ID…                 Green-API message ids of --chat-id, or items "<chatId> <idMessage>"
      [--chat-id ID]               (needs --id-instance and --api-token-instance); WAHA message ids with
                                   --provider waha; Evolution key.ids with --provider evolution
  --webhook FILE|-                 webhook, notification or journal bodies: one, a JSON array, or NDJSON
                                   ('-' reads stdin; at most 16 MiB) of Green-API, Multi-Session, Meta
                                   (one item per media message), WAHA or Evolution
  --input FILE|-                   the same, and also reference objects ({chatId, idMessage}, {mediaUrl},
                                   {downloadUrl}, {provider: "meta", mediaId}, …)
  --media-url URL…                 Multi-Session media URLs (absolute, or relative to --server-url),
      [--session-id S] [--phone-number P]
                                   or WAHA media URLs with --provider waha
  --download-url URL…              direct links
  --media-id ID…                   Meta Cloud API media ids (needs --access-token)

Settings (flag, else environment variable):
  --provider green-api|multi-session|meta|waha|evolution
                                   WAMEDIA_PROVIDER (inferred from the source when omitted)
  --api-url URL                    WAMEDIA_API_URL (default ${defaultApiUrl};
                                   use the apiUrl the console shows for the instance)
  --id-instance ID                 WAMEDIA_ID_INSTANCE
  --api-token-instance TOKEN       WAMEDIA_API_TOKEN_INSTANCE (prefer the variable: flags show in ps)
  --server-url URL                 WAMEDIA_SERVER_URL (Multi-Session, WAHA or Evolution server)
  --api-key KEY                    WAMEDIA_API_KEY (its API key: wams_… for Multi-Session; sent as X-Api-Key
                                   to WAHA, as apikey to Evolution)
  --session NAME                   WAMEDIA_SESSION (WAHA session; default "${defaultSession}")
  --instance NAME                  WAMEDIA_INSTANCE (Evolution instance)
  --access-token TOKEN             WAMEDIA_ACCESS_TOKEN (Meta; prefer the variable)
  --graph-url URL                  WAMEDIA_GRAPH_URL (Meta; default ${defaultGraphUrl})
  --api-version V                  WAMEDIA_API_VERSION (Meta Graph version; default ${defaultApiVersion})
  --phone-number-id ID             WAMEDIA_PHONE_NUMBER_ID (Meta business number the media belong to)

Output:
  --format file|base64|binary      default file; base64 prints the data (one line per item);
                                   binary writes raw bytes to stdout: one item only, never to a terminal
  -o, --out DIR                    directory for files (default: the current directory)
  --concurrency N                  downloads at once (default ${defaultConcurrency}; Green-API's downloadFile stays at 5/s)
  --max-bytes N                    refuse larger media (TOO_LARGE)
  --timeout MS                     wait at most MS for an answer and between body bytes (default ${defaultTimeout})
  --overwrite                      replace an existing file instead of picking "name (1).ext"
  --name TEMPLATE                  name files by a template (default {name}): fields {name} {idMessage}
                                   {mediaId} {chatId} {provider} {type} {ext} {date} {timestamp};
                                   / makes folders inside DIR, e.g. --name '{chatId}/{date}/{idMessage}.{ext}'
  --record FILE                    skip the items FILE lists as downloaded (no request), and add each
                                   file downloaded now: a re-run of the same batch fetches only what is new
  --allow-private-network          allow media links on private or loopback addresses
  --json                           one JSON object per item and line (NDJSON), in input order: the result,
                                   or {success:false,error}
  -q, --quiet                      print only errors: no progress, no lines for downloaded files, no summary
  --verbose                        also show settings, retries, redirects and link renewals on stderr
                                   (secrets are never shown)
`;

const examples = `Examples:
  export WAMEDIA_API_URL=https://7103.api.greenapi.com WAMEDIA_ID_INSTANCE=7103000000
  export WAMEDIA_API_TOKEN_INSTANCE=…
  wamedia download --chat-id 79001234567@c.us --id-message BAE5F4886F6F2D05 --id-message BAE5F4886F6F2D06 -o media
  wamedia download --webhook webhooks.ndjson --json
  curl -s … | wamedia download --webhook - --format base64
  wamedia download --media-url '/api/media/temp/a.jpg?expires=1735689600' \\
    --server-url http://localhost:8080 --api-key wams_…
  WAMEDIA_ACCESS_TOKEN=EAAG… wamedia download --media-id 1234567890123456 --media-id 6543210987654321
  wamedia download --provider waha --webhook waha.json --server-url http://localhost:3000 --api-key …
  wamedia download --provider evolution --id-message 3EB0A1B2C3D4 \\
    --server-url https://evo.example --api-key … --instance shop1
`;

const greenApiSettings = `Green-API settings (flag, else environment variable):
  --api-url URL                    WAMEDIA_API_URL (default ${defaultApiUrl})
  --id-instance ID                 WAMEDIA_ID_INSTANCE
  --api-token-instance TOKEN       WAMEDIA_API_TOKEN_INSTANCE (prefer the variable: flags show in ps)
`;

const archiveOutput = `Output:
  -o, --out DIR                    the archive: DIR/<chatId>/<file> and DIR/wamedia-journal.ndjson
                                   (default: the current directory)
  --name TEMPLATE                  name files by a template (default {chatId}/{name}), as for download
  --max-bytes N   --timeout MS   --allow-private-network      as for download
  --json                           the journal lines as NDJSON on stdout, one per notification or message
                                   (a run that ends on a failure adds its {success:false,error} line)
  -q, --quiet | --verbose          only errors | also retries, renewals and skipped messages
  --wait                           one run writes DIR at a time (DIR/.wamedia.lock): wait for the other
                                   instead of exiting 2 (a lock left by a dead process is taken over)
`;

const syncText = `Usage:
  wamedia sync [-o DIR] [--once] [--max-items N] [--receive-timeout S] [--wait] [--json] [Green-API settings]

Drains the instance's notification queue (receiveNotification) into DIR, at least once and losing
nothing: each file is downloaded and flushed to disk, then its journal line is written and flushed, and
only then is the notification deleted. Notifications without a file are kept whole in the journal. A
re-run reads the journal and downloads nothing twice. The instance must be authorized and have no
webhookUrl (wamedia checks, and never changes settings).

  --once                           stop when the queue is empty, or at the first failure that may pass
                                   (exit 1; the next run starts at the same notification)
  --max-items N                    stop after N notifications
  --receive-timeout S              seconds each receive waits for a notification (${receiveTimeoutRange.min}-${receiveTimeoutRange.max}, default ${receiveTimeoutRange.default})
  Without --once, sync runs until Ctrl-C, retrying failures that may pass after a wait (up to 60 s).

${greenApiSettings}
${archiveOutput}`;

const backfillText = `Usage:
  wamedia backfill [-o DIR] [--minutes N] [--outgoing] [--chat-id ID [--count N]] [--retry-failed] [--wait] [--json] [Green-API settings]

Archives the file messages Green-API's journals still hold that DIR's journal does not list yet: the
journal's link first; an empty, {{SWE…}} or expired one is renewed through downloadFile. Messages can
take up to two minutes to reach the journals.

  --minutes N                      the incoming journal of the last N minutes (default ${defaultMinutes})
  --outgoing                       also the outgoing journal (what the instance sent)
  --chat-id ID [--count N]         instead, the newest N messages of one chat (getChatHistory, default ${defaultCount})
  --concurrency N                  downloads at once (default ${defaultConcurrency}; downloadFile stays at 5/s)
  --retry-failed                   try again the messages that failed for good in an earlier run
                                   (they are skipped otherwise, and counted as skipped)

${greenApiSettings}
${archiveOutput}`;

const archiveExitStatus = `Exit status:
  0    done: every file archived (or nothing to do)
  1    a file failed, the run stopped at a failure, or the instance is not ready (INSTANCE_NOT_READY)
  2    usage error (code INVALID_INPUT)
  130  interrupted (Ctrl-C): the current download is abandoned, nothing of it is kept or deleted
`;

const archiveExamples = `Examples:
  export WAMEDIA_API_URL=https://7103.api.greenapi.com WAMEDIA_ID_INSTANCE=7103000000
  export WAMEDIA_API_TOKEN_INSTANCE=…
  wamedia sync -o archive                          keep archiving until Ctrl-C
  wamedia sync -o archive --once --json            drain once (for cron), the journal lines on stdout
  wamedia backfill -o archive --minutes 10080 --outgoing
  wamedia backfill -o archive --chat-id 79001234567@c.us --count 500
`;

const serveText = `Usage:
  wamedia serve [-o DIR] [--host H] [--port P] [--concurrency N] [--max-body BYTES] [--json]
                [gateway settings as for download | --config FILE] [--meta-app-secret S]
                [--meta-verify-token T] [--waha-hmac-key K] [--webhook-token T] [--allow-unauthenticated]

Receives the webhooks of every gateway, proves each authentic, stores it in DIR/.wamedia-spool/ (fsynced)
before answering 200, and archives every media into DIR/<chatId>/ with the journal of sync
(DIR/wamedia-journal.ndjson). A body or media seen before is archived once. SIGTERM or Ctrl-C: stops
accepting, answers what it read, gives downloads --shutdown-timeout, exits 0 with the rest still spooled.

Routes:
  POST /webhooks/green-api|multi-session|meta|waha|evolution[/TOKEN]
  GET  /webhooks/meta              Meta's subscription check (hub.verify_token = --meta-verify-token)
  GET  /healthz   GET /metrics     status as JSON; Prometheus text

Authenticity (a route without its check answers 401, unless --allow-unauthenticated):
  --meta-app-secret S              WAMEDIA_META_APP_SECRET; X-Hub-Signature-256 (HMAC-SHA256 of the body)
  --meta-verify-token T            WAMEDIA_META_VERIFY_TOKEN; the subscription check's token
  --waha-hmac-key K                WAMEDIA_WAHA_HMAC_KEY; X-Webhook-Hmac (HMAC-SHA512 of the body)
  --webhook-token T                WAMEDIA_WEBHOOK_TOKEN; Green-API (webhookUrlToken), Evolution and
                                   Multi-Session: Authorization "T" or "Bearer T", or /webhooks/<gateway>/T
  --allow-unauthenticated          serve routes without a check (loopback tests; prints a warning)

Server:
  --host H                         address to listen on (default ${serveDefaults.host})
  --port P                         port (default ${serveDefaults.port}; 0 picks a free one: use the URL printed)
  --concurrency N                  downloads at once (default ${defaultConcurrency})
  --max-body BYTES                 larger bodies get 413 (default 64 MiB)
  --shutdown-timeout MS            what downloads get to finish on SIGTERM (default ${serveDefaults.shutdownTimeout})
  --config FILE                    client options as JSON (every command takes it): {"meta": {"accessToken":
                                   {"env": "META_TOKEN"}}, "webhooks": {"metaAppSecret": {"env": "APP_SECRET"}}}
  --json                           {"event":"listening","url":…}, then one journal line per media, on stdout

Exit status:
  0    stopped by SIGTERM or Ctrl-C (unfinished bodies stay spooled for the next start)
  1    could not start (the port is taken, the directory cannot be used)
  2    usage error (code INVALID_INPUT), or another wamedia holds DIR
`;

const completionText = `Usage:
  wamedia completion bash|zsh|fish

Prints a script that completes wamedia's commands and flags. Load it in the running shell:
  bash:  source <(wamedia completion bash)      (or add that line to ~/.bashrc)
  zsh:   source <(wamedia completion zsh)       (or save it as _wamedia in a directory of $fpath)
  fish:  wamedia completion fish | source       (or save it as ~/.config/fish/completions/wamedia.fish)
`;

const checkText = `Usage:
  wamedia check [--provider NAME] [settings] [--json] [--quiet | --verbose]

Checks the credentials and the state of every configured gateway (or only --provider's) with its
cheapest authenticated call, before a run, as gh auth status does:
  Green-API       getStateInstance: the instance must be authorized
  Multi-Session   GET /api/sessions with the API key
  Meta            GET /{api-version}/{phone-number-id}, or /{api-version}/me without --phone-number-id
  WAHA            GET /api/sessions/{session}: the session must be WORKING
  Evolution API   GET /instance/connectionState/{instance}: the instance must be open

Settings: the same flags and variables as wamedia download (wamedia help download), with
--timeout MS and --allow-private-network. Prefer the variables for tokens and keys.
  --json                           one JSON line per gateway: {success:true,provider,server,state,account}
                                   or {success:false,error}
  -q, --quiet                      print only failures

Exit status:
  0    every checked gateway is ready
  1    a gateway refused the credentials or is not ready (its code and hint are printed)
  2    usage error (code INVALID_INPUT): a bad flag, a half-given credential pair, or nothing configured

Examples:
  export WAMEDIA_ID_INSTANCE=7103000000 WAMEDIA_API_TOKEN_INSTANCE=…
  wamedia check
  WAMEDIA_ACCESS_TOKEN=EAAG… wamedia check --provider meta --phone-number-id 106540352242922 --json
`;

/** The text of `wamedia --help`. */
export const usage = `wamedia — download WhatsApp media from Green-API, WhatsApp Multi-Session, Meta Cloud API, WAHA and Evolution API

Commands:
  wamedia download …               download media (below)
  wamedia sync …                   archive the Green-API notification queue (wamedia help sync)
  wamedia backfill …               archive what Green-API's journals hold (wamedia help backfill)
  wamedia serve …                  receive webhooks and archive their media (wamedia help serve)
  wamedia check                    check the configured gateway's credentials and state (wamedia help check)
  wamedia help [command]           show the help of a command
  wamedia completion bash|zsh|fish print a shell completion script
  wamedia --version                print the version

${downloadText}
${exitStatus}
${examples}`;

/** The text of `wamedia help <command>`. */
export const commandUsage = {
	download: `wamedia download — download WhatsApp media\n\n${downloadText}\n${exitStatus}\n${examples}`,
	sync: `wamedia sync — archive the Green-API notification queue\n\n${syncText}\n${archiveExitStatus}\n${archiveExamples}`,
	backfill: `wamedia backfill — archive what Green-API's journals hold\n\n${backfillText}\n${archiveExitStatus}\n${archiveExamples}`,
	serve: `wamedia serve — receive webhooks and archive their media\n\n${serveText}`,
	check: `wamedia check — check the credentials and state of the configured gateway\n\n${checkText}`,
	completion: `wamedia completion — shell completion\n\n${completionText}`,
	help: 'Usage:\n  wamedia help [download | sync | backfill | serve | check | completion]\n',
} as const;
