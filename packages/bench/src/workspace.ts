import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The bench's scratch directory: fresh output directories per run, and job files for the clients (a thousand
 * links do not fit in one argument).
 *
 * @example const workspace = await Workspace.create(); await workspace.fresh('curl') // '/tmp/wamedia-bench-x/curl'
 */
export class Workspace {
	readonly root: string;
	#jobs = 0;

	private constructor(root: string) {
		this.root = root;
	}

	/** A new scratch directory under the system's temporary directory. */
	static async create(): Promise<Workspace> {
		return new Workspace(await mkdtemp(join(tmpdir(), 'wamedia-bench-')));
	}

	/** An empty directory `name`, emptied if a previous run left files there. */
	async fresh(name: string): Promise<string> {
		const directory = join(this.root, name);
		await rm(directory, { recursive: true, force: true });
		await mkdir(directory, { recursive: true });
		return directory;
	}

	/** Writes `value` as a JSON job file and returns its path. */
	async job(value: unknown): Promise<string> {
		const file = join(this.root, `job-${this.#jobs++}.json`);
		await writeFile(file, JSON.stringify(value));
		return file;
	}

	/** Removes everything. */
	remove(): Promise<void> {
		return rm(this.root, { recursive: true, force: true });
	}
}
