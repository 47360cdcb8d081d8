import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a curl config (`-K`) that fetches every link into `directory`, as `<index>.jpg`; returns its path.
 *
 * @example await writeCurlConfig('/tmp/b/curl.txt', links, '/tmp/b/curl-batch')
 */
export async function writeCurlConfig(path: string, links: readonly string[], directory: string): Promise<string> {
	await writeFile(path, links.map((link, index) => `url = "${link}"\noutput = "${join(directory, `${index}.jpg`)}"\n`).join(''));
	return path;
}
