/** The text of `wamedia --help`. */
export const usage = `wamedia — download WhatsApp media from Green-API and WhatsApp Multi-Session gateways

Usage:
  wamedia download <source> [output options] [--json]
  wamedia --version | --help

Source (exactly one):
  --chat-id ID --id-message ID     a Green-API message; needs --id-instance and --api-token-instance
  --webhook FILE|-                 a webhook, notification or journal JSON body ('-' reads stdin)
  --media-url URL                  a Multi-Session media URL (absolute, or relative to --server-url)
      [--session-id S] [--phone-number P]
  --download-url URL               a direct link

Credentials (flag, or environment variable):
  --api-url URL                    WAMEDIA_API_URL (default https://api.green-api.com;
                                   use the apiUrl the console shows for the instance)
  --id-instance ID                 WAMEDIA_ID_INSTANCE
  --api-token-instance TOKEN       WAMEDIA_API_TOKEN_INSTANCE (prefer the variable: flags show in ps)
  --provider green-api|multi-session
                                   WAMEDIA_PROVIDER (inferred from the source when omitted)
  --server-url URL                 WAMEDIA_SERVER_URL (Multi-Session server)
  --api-key KEY                    WAMEDIA_API_KEY (Multi-Session API key, wams_…)

Output:
  --format file|base64|binary      default file; base64 prints the data, binary writes raw bytes to stdout
  --out DIR                        directory for files (default: the current directory)
  --max-bytes N                    refuse larger media (TOO_LARGE)
  --timeout MS                     wait at most MS for an answer and between body bytes (default 30000)
  --overwrite                      replace an existing file instead of picking "name (1).ext"
  --allow-private-network          allow media links on private or loopback addresses
  --json                           print exactly one JSON object: the result, or {success:false,error}

Exit status: 0 downloaded, 1 the download failed, 2 usage error (INVALID_INPUT).

Examples:
  export WAMEDIA_API_URL=https://7103.api.greenapi.com WAMEDIA_ID_INSTANCE=7103000000
  export WAMEDIA_API_TOKEN_INSTANCE=…
  wamedia download --chat-id 79001234567@c.us --id-message BAE5F4886F6F2D05 --out media
  wamedia download --webhook webhook.json --json
  curl -s … | wamedia download --webhook - --format base64
  wamedia download --media-url '/api/media/temp/a.jpg?expires=1735689600' \\
    --server-url http://localhost:8080 --api-key wams_…
`;
