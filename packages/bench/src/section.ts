import type { Sandbox } from '@wamedia/sandbox';
import type { Results } from './results.ts';
import type { Workspace } from './workspace.ts';

/** What a section measures with. */
export interface SectionContext {
	sandbox: Sandbox;
	results: Results;
	workspace: Workspace;
	/** Rounds per figure. */
	runs: number;
	/** `--large`: add the 1 GiB file to the one-file section. */
	large: boolean;
}

/** One part of BENCHMARKS.md: what it measures, and how it shows what it measured. */
export interface Section {
	/** Name for `--only`. */
	name: string;
	measure(context: SectionContext): Promise<void>;
	/** Markdown lines, heading included. */
	render(results: Results): string[];
}
