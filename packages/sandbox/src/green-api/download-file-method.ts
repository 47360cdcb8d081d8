import { sendJson, sendText } from '../http/exchange.js';
import { readBody } from '../http/read-body.js';
import type { MediaEntry } from '../media/catalog.js';
import { parseDownloadFileRequest } from './download-file-request.js';
import type { GreenApiMethod } from './method.js';
import { specialMessageOf } from './special-messages.js';

// The documented 466 body: https://greenapi.com/en/docs/api/466-error-example-body
const quotaBody = {
	invokeStatus: {
		method: 'downloadFile',
		used: 100,
		total: 100,
		status: 'QUOTE_EXCEEDED',
		description:
			'Monthly quota has been exceeded. Please go to your personal account and change the tariff to business https://console.green-api.com',
	},
};

const badGatewayPage =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The instance answers `instance in starting process` this many times before it is ready. */
const startingAnswers = 2;

/**
 * `POST …/downloadFile/…`: resolves a catalog media's `idMessage`, or a message of the queue or the journals, to a
 * fresh presigned link (filling an empty journal link, as Green-API does), and answers the special messages with
 * Green-API's documented failures.
 *
 * @example const method = downloadFileMethod(); await method.handle(call, context);
 */
export function downloadFileMethod(): GreenApiMethod {
	let startingSeen = 0;
	return {
		name: 'downloadFile',
		httpMethod: 'POST',
		perSecond: 5,
		needsAuthorized: true,
		handle: async ({ exchange }, context) => {
			const request = parseDownloadFileRequest(await readBody(exchange.request, 1024 * 1024));
			if (!request.ok) {
				if (request.json) {
					sendJson(exchange, request.status, request.body);
				} else {
					sendText(exchange, request.status, String(request.body));
				}
				return;
			}
			const { chatId, idMessage } = request;
			const about = `by chatId ${chatId} and idMessage ${idMessage}`;
			const message = context.instance.message(idMessage);
			switch (specialMessageOf(idMessage) ?? message?.special) {
				case 'noMedia':
					break;
				case 'unavailable':
					sendJson(exchange, 500, { message: `Internal error when downloading file ${about}` });
					return;
				case 'starting':
					if (startingSeen < startingAnswers) {
						startingSeen += 1;
						sendJson(exchange, 400, { message: 'instance in starting process try later' });
					} else {
						sendJson(exchange, 200, { downloadUrl: context.link(message?.entry ?? context.catalog.get('image')) });
					}
					return;
				case 'notAuthorized':
					sendJson(exchange, 400, { message: 'instance is starting or not authorized' });
					return;
				case 'quota':
					sendJson(exchange, 466, quotaBody);
					return;
				case 'unauthorizedIn200':
					// Some Green-API methods report failures inside a 200: https://green-api.com/en/docs/api/account/UpdateApiToken
					sendJson(exchange, 200, { code: 401, description: 'Unauthorized' });
					return;
				case 'html500':
					sendText(exchange, 502, badGatewayPage, { 'content-type': 'text/html' });
					return;
				case 'garbage':
					sendText(exchange, 200, 'not json', { 'content-type': 'application/json' });
					return;
				case 'noLink':
					sendJson(exchange, 200, {});
					return;
				case undefined: {
					let entry: MediaEntry | undefined;
					if (message) {
						entry = chatId === message.chatId ? message.entry : undefined;
					} else {
						const catalogEntry = context.catalog.findByIdMessage(idMessage);
						entry = chatId === context.chatId ? catalogEntry : undefined;
					}
					if (entry) {
						const downloadUrl = context.link(entry);
						context.instance.journal.fillLink(chatId, idMessage, downloadUrl);
						sendJson(exchange, 200, { downloadUrl });
						return;
					}
				}
			}
			// A bare JSON string, as in Green-API's own example: https://green-api.com/v3/docs/api/receiving/files/DownloadFile/
			sendJson(exchange, 400, `File message encrypted url not found ${about}`);
		},
	};
}
