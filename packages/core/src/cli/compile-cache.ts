import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Lets Node keep the CLI's compiled code between runs (docs/transfer.md#start-up), in the user's own cache
 * directory (`$XDG_CACHE_HOME/wamedia` or `~/.cache/wamedia`), never a shared one: compiled code read
 * back is run, so nobody else may be able to write it. Node checks each entry against the source and its
 * own version; `NODE_DISABLE_COMPILE_CACHE=1` turns it off, and where the directory cannot be written
 * the CLI simply compiles as before.
 */
export function enableCompileCache(env: Record<string, string | undefined>): void {
	if (typeof nodeModule.enableCompileCache !== 'function') return;
	try {
		const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
		nodeModule.enableCompileCache(join(base, 'wamedia', 'compile-cache'));
	} catch {
		// No home directory: nothing is cached.
	}
}
