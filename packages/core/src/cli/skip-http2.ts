import * as nodeModule from 'node:module';

const stubUrl = 'wamedia:http2-unused';

/**
 * Keeps undici from loading `node:http2` in the CLI (docs/transfer.md#start-up). undici's HTTP/2 client
 * requires it as undici loads, though wamedia never asks for HTTP/2; building that module costs about
 * a third of what the CLI spends loading its code. undici itself runs on Node builds without `http2`:
 * its HTTP/2 client then gets an empty `constants` object, which is what this hands it. Only that one
 * require of that one file is answered so; where `module.registerHooks` is missing (Node before 22.15)
 * or undici moves the file, `http2` loads as before. The CLI owns its process; the library does not
 * touch module loading.
 */
export function skipHttp2(): void {
	if (typeof nodeModule.registerHooks !== 'function') return;
	nodeModule.registerHooks({
		resolve(specifier, context, nextResolve) {
			if (specifier === 'node:http2' && context.parentURL?.endsWith('/undici/lib/dispatcher/client-h2.js')) {
				return { url: stubUrl, format: 'commonjs', shortCircuit: true };
			}
			return nextResolve(specifier, context);
		},
		load(url, context, nextLoad) {
			if (url === stubUrl) return { format: 'commonjs', source: 'module.exports = { constants: {} };', shortCircuit: true };
			return nextLoad(url, context);
		},
	});
}
